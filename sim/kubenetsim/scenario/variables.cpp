#include <kubenetsim/scenario/variables.hpp>

#include <algorithm>
#include <charconv>

#include <kubenetsim/core/simulation.hpp>

namespace kns::scenario {
namespace {

struct Segment {
    bool literal = true;
    std::string text;  // literal text
    VariableRef ref;   // when !literal
};

// Splits text into literal runs and variables; the single place that defines the syntax.
Expected<std::vector<Segment>> tokenize(const std::string& text) {
    std::vector<Segment> out;
    std::string literal;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "$${") == 0) {
            literal += "${";
            i += 3;
            continue;
        }
        if (text.compare(i, 2, "${") != 0) {
            literal += text[i++];
            continue;
        }
        const std::size_t close = text.find('}', i);
        const std::size_t colon = text.find(':', i);
        std::string head = text.substr(i + 2, std::min(colon, close) - i - 2);
        std::string kind = head.substr(0, head.find('@'));
        const auto& kinds = variableKinds();
        const bool known = std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
        if (!known || colon == std::string::npos || (close != std::string::npos && colon > close)) {
            literal += text[i++];  // not ours: the shell's ${i}, or plain text
            continue;
        }
        const std::string where = "column " + std::to_string(i + 1);
        if (close == std::string::npos) return Error{"unterminated variable \"" + text.substr(i) + "\"", where};
        VariableRef ref;
        ref.text = text.substr(i, close - i + 1);
        ref.offset = i;
        ref.kind = kind;
        if (head.size() > kind.size()) {
            ref.ns = head.substr(kind.size() + 1);
            if (ref.ns.empty()) return Error{"empty namespace in variable " + ref.text, where};
        }
        std::string body = text.substr(colon + 1, close - colon - 1);  // SELECTOR[:INDEX]
        std::string selectorText = body;
        if (std::size_t last = body.rfind(':'); last != std::string::npos) {
            selectorText = body.substr(0, last);
            const std::string indexText = body.substr(last + 1);
            auto [end, ec] = std::from_chars(indexText.data(), indexText.data() + indexText.size(), ref.index);
            if (indexText.empty() || ec != std::errc{} || end != indexText.data() + indexText.size())
                return Error{"index \"" + indexText + "\" of variable " + ref.text + " is not an integer", where};
        }
        auto sel = parseObjectSelector(selectorText);
        if (!sel) return Error{sel.error().message + " of variable " + ref.text, where};
        ref.selector = *sel;
        if (!literal.empty()) out.push_back({true, std::move(literal), {}});
        literal.clear();
        out.push_back({false, {}, std::move(ref)});
        i = close + 1;
    }
    if (!literal.empty()) out.push_back({true, std::move(literal), {}});
    return out;
}

template <class T>
std::vector<const T*> ordered(const std::map<std::string, T>& objects, const VariableRef& ref, bool namespaced) {
    std::vector<const T*> found;
    for (const auto& [key, obj] : objects)
        if ((!namespaced || obj.meta.ns == ref.ns) && ref.selector.matches(obj.meta)) found.push_back(&obj);
    std::stable_sort(found.begin(), found.end(), [](const T* a, const T* b) {
        if (a->meta.creationTimestamp != b->meta.creationTimestamp)
            return a->meta.creationTimestamp < b->meta.creationTimestamp;
        return a->meta.name < b->meta.name;
    });
    return found;
}

template <class T, class F>
Expected<std::string> pick(const std::map<std::string, T>& objects, const VariableRef& ref, bool namespaced, F value) {
    auto found = ordered(objects, ref, namespaced);
    const int n = static_cast<int>(found.size());
    const int at = ref.index < 0 ? n + ref.index : ref.index;
    if (at < 0 || at >= n) {
        std::string where = namespaced ? " in namespace " + ref.ns : "";
        return Error{ref.text + ": " + std::to_string(n) + " object(s) match \"" + ref.selector.text + "\"" + where +
                         ", none at index " + std::to_string(ref.index),
                     {}};
    }
    std::string v = value(*found[static_cast<std::size_t>(at)]);
    if (v.empty()) return Error{ref.text + ": " + found[static_cast<std::size_t>(at)]->meta.name + " has no value yet", {}};
    return v;
}

Expected<std::string> resolve(const VariableRef& ref, const ClusterState& s) {
    auto name = [](const auto& o) { return o.meta.name; };
    if (ref.kind == "pod") return pick(s.pods, ref, true, name);
    if (ref.kind == "pod-ip") return pick(s.pods, ref, true, [](const Pod& p) { return p.status.podIP; });
    if (ref.kind == "pod-node") return pick(s.pods, ref, true, [](const Pod& p) { return p.spec.nodeName; });
    if (ref.kind == "service") return pick(s.services, ref, true, name);
    if (ref.kind == "cluster-ip") return pick(s.services, ref, true, [](const Service& v) { return v.clusterIP; });
    if (ref.kind == "rc") return pick(s.replicationControllers, ref, true, name);
    if (ref.kind == "rs") return pick(s.replicaSets, ref, true, name);
    if (ref.kind == "deployment") return pick(s.deployments, ref, true, name);
    if (ref.kind == "node") return pick(s.nodes, ref, false, name);
    if (ref.kind == "node-ip") return pick(s.nodes, ref, false, [](const Node& n) { return n.internalIP(); });
    return Error{"unknown variable kind \"" + ref.kind + "\"", {}};  // unreachable: tokenize() checked it
}

} // namespace

const std::vector<std::string>& variableKinds() {
    static const std::vector<std::string> kKinds{"pod", "pod-ip", "pod-node", "service", "cluster-ip",
                                                 "rc",  "rs",     "deployment", "node",  "node-ip"};
    return kKinds;
}

Expected<std::vector<VariableRef>> findVariables(const std::string& text) {
    auto segments = tokenize(text);
    if (!segments) return segments.error();
    std::vector<VariableRef> refs;
    for (auto& s : *segments)
        if (!s.literal) refs.push_back(std::move(s.ref));
    return refs;
}

Expected<std::string> substituteVariables(const std::string& text, const Simulation& sim) {
    auto segments = tokenize(text);
    if (!segments) return segments.error();
    std::string out;
    for (const auto& s : *segments) {
        if (s.literal) {
            out += s.text;
            continue;
        }
        auto v = resolve(s.ref, sim.objects());
        if (!v) return v.error();
        out += *v;
    }
    return out;
}

} // namespace kns::scenario
