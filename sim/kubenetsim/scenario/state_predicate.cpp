#include <kubenetsim/scenario/state_predicate.hpp>

#include <algorithm>
#include <charconv>
#include <map>

#include <kubenetsim/core/simulation.hpp>

namespace kns::scenario {
namespace {

struct Word {
    std::string text;
    std::size_t column;  // 1-based
};

std::vector<Word> splitWords(const std::string& text) {
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t') {
            ++i;
            continue;
        }
        std::size_t end = text.find_first_of(" \t", i);
        if (end == std::string::npos) end = text.size();
        words.push_back({text.substr(i, end - i), i + 1});
        i = end;
    }
    return words;
}

const std::map<std::string, std::string>& kindAliases() {
    static const std::map<std::string, std::string> kAliases{
        {"pods", "pods"}, {"pod", "pods"}, {"po", "pods"},
        {"services", "services"}, {"service", "services"}, {"svc", "services"},
        {"endpoints", "endpoints"}, {"ep", "endpoints"},
        {"rc", "rc"}, {"replicationcontrollers", "rc"}, {"replicationcontroller", "rc"},
        {"rs", "rs"}, {"replicasets", "rs"}, {"replicaset", "rs"},
        {"deployments", "deployments"}, {"deployment", "deployments"}, {"deploy", "deployments"},
        {"nodes", "nodes"}, {"node", "nodes"}, {"no", "nodes"},
        {"namespaces", "namespaces"}, {"namespace", "namespaces"}, {"ns", "namespaces"},
    };
    return kAliases;
}

const std::vector<std::string>& measuresOf(const std::string& kind) {
    static const std::map<std::string, std::vector<std::string>> kMeasures{
        {"pods", {"count", "ready", "notready", "running", "pending", "terminating"}},
        {"endpoints", {"count", "addresses", "notready"}},
        {"rc", {"count", "replicas", "ready"}},
        {"rs", {"count", "replicas", "ready"}},
        {"deployments", {"count", "replicas", "ready"}},
        {"nodes", {"count", "ready"}},
        {"services", {"count"}},
        {"namespaces", {"count"}},
    };
    return kMeasures.at(kind);
}

bool isOperator(const std::string& w) {
    return w == "==" || w == "!=" || w == "<" || w == "<=" || w == ">" || w == ">=";
}

std::string joinList(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
    return s;
}

template <class T, class F>
long long sumOver(const std::map<std::string, T>& objects, const PredicateTerm& t, bool namespaced, F measure) {
    long long total = 0;
    for (const auto& [key, obj] : objects) {
        if (namespaced && t.ns != "*" && obj.meta.ns != t.ns) continue;
        if (!t.selector.matches(obj.meta)) continue;
        total += measure(obj);
    }
    return total;
}

template <class T>
long long replicaMeasure(const std::map<std::string, T>& objects, const PredicateTerm& t) {
    return sumOver(objects, t, true, [&](const T& o) -> long long {
        if (t.measure == "replicas") return o.status.replicas;
        if (t.measure == "ready") return o.status.readyReplicas;
        return 1;
    });
}

long long measureTerm(const PredicateTerm& t, const ClusterState& s) {
    const std::string& m = t.measure;
    if (t.kind == "pods")
        return sumOver(s.pods, t, true, [&](const Pod& p) -> long long {
            const bool terminating = p.meta.deletionTimestamp.has_value();
            if (m == "ready") return p.status.isReady();
            if (m == "notready") return !p.status.isReady();
            if (m == "running") return p.status.phase == "Running" && !terminating;
            if (m == "pending") return p.status.phase == "Pending";
            if (m == "terminating") return terminating;
            return 1;
        });
    if (t.kind == "endpoints")
        return sumOver(s.endpoints, t, true, [&](const Endpoints& e) -> long long {
            if (m == "count") return 1;
            long long n = 0;
            for (const auto& subset : e.subsets)
                n += static_cast<long long>(m == "addresses" ? subset.addresses.size() : subset.notReadyAddresses.size());
            return n;
        });
    if (t.kind == "rc") return replicaMeasure(s.replicationControllers, t);
    if (t.kind == "rs") return replicaMeasure(s.replicaSets, t);
    if (t.kind == "deployments") return replicaMeasure(s.deployments, t);
    if (t.kind == "nodes")
        return sumOver(s.nodes, t, false, [&](const Node& n) -> long long { return m == "ready" ? n.isReady() : 1; });
    if (t.kind == "services") return sumOver(s.services, t, true, [](const Service&) { return 1LL; });
    return sumOver(s.namespaces, t, false, [](const Namespace&) { return 1LL; });
}

bool compare(long long actual, const std::string& op, long long expected) {
    if (op == "==") return actual == expected;
    if (op == "!=") return actual != expected;
    if (op == "<") return actual < expected;
    if (op == "<=") return actual <= expected;
    if (op == ">") return actual > expected;
    return actual >= expected;
}

// Parses one term from words[i..]; leaves i after it.
Expected<PredicateTerm> parseTerm(const std::vector<Word>& words, std::size_t& i, const std::string& text, std::size_t endColumn) {
    auto at = [](std::size_t column) { return "column " + std::to_string(column); };
    auto eofError = [&](const std::string& what) { return Error{"expected " + what + " at the end of the predicate", at(endColumn)}; };
    if (i >= words.size()) return eofError("a kind (pods, services, endpoints, rc, rs, deployments, nodes, namespaces)");
    PredicateTerm t;
    const std::size_t startColumn = words[i].column;
    auto kind = kindAliases().find(words[i].text);
    if (kind == kindAliases().end())
        return Error{"unknown kind \"" + words[i].text + "\" (expected pods, services, endpoints, rc, rs, deployments, nodes or namespaces)",
                     at(words[i].column)};
    t.kind = kind->second;
    ++i;
    // Optional clauses, in any order, each at most once.
    while (i < words.size()) {
        const std::string& w = words[i].text;
        if (w != "in" && w != "with" && w != "named") break;
        if (i + 1 >= words.size()) return eofError("a value after \"" + w + "\"");
        const Word& arg = words[i + 1];
        if (w == "in") {
            t.ns = arg.text;
        } else if (w == "with") {
            auto sel = parseObjectSelector(arg.text);
            if (!sel) return Error{sel.error().message, at(arg.column)};
            std::string keepName = t.selector.name;
            t.selector = *sel;
            if (t.selector.name.empty()) t.selector.name = keepName;
        } else {
            t.selector.name = arg.text;
        }
        i += 2;
    }
    if (i < words.size() && !isOperator(words[i].text)) {
        const auto& measures = measuresOf(t.kind);
        if (std::find(measures.begin(), measures.end(), words[i].text) == measures.end())
            return Error{"\"" + words[i].text + "\" is not a measure of " + t.kind + " (expected " + joinList(measures) +
                             ") nor a comparison operator (==, !=, <, <=, >, >=)",
                         at(words[i].column)};
        t.measure = words[i].text;
        ++i;
    }
    if (i >= words.size()) return eofError("a comparison operator (==, !=, <, <=, >, >=)");
    if (!isOperator(words[i].text))
        return Error{"expected a comparison operator (==, !=, <, <=, >, >=), got \"" + words[i].text + "\"", at(words[i].column)};
    t.op = words[i].text;
    ++i;
    if (i >= words.size()) return eofError("an integer");
    const std::string& num = words[i].text;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), t.value);
    if (ec != std::errc{} || end != num.data() + num.size())
        return Error{"expected an integer, got \"" + num + "\"", at(words[i].column)};
    const std::size_t endOfTerm = words[i].column - 1 + num.size();
    t.text = text.substr(startColumn - 1, endOfTerm - (startColumn - 1));
    ++i;
    return t;
}

} // namespace

Expected<StatePredicate> parseStatePredicate(const std::string& text) {
    StatePredicate p;
    p.text = text;
    const auto words = splitWords(text);
    const std::size_t endColumn = text.size() + 1;
    std::size_t i = 0;
    while (true) {
        auto term = parseTerm(words, i, text, endColumn);
        if (!term) return term.error();
        p.terms.push_back(std::move(*term));
        if (i >= words.size()) break;
        if (words[i].text != "and")
            return Error{"expected \"and\" or the end of the predicate, got \"" + words[i].text + "\"",
                         "column " + std::to_string(words[i].column)};
        ++i;
    }
    return p;
}

PredicateOutcome evaluatePredicate(const StatePredicate& predicate, const Simulation& sim) {
    PredicateOutcome out;
    out.holds = true;
    for (const auto& t : predicate.terms) {
        const long long actual = measureTerm(t, sim.objects());
        const bool ok = compare(actual, t.op, t.value);
        out.holds = out.holds && ok;
        out.explanation += t.text + ": actual " + std::to_string(actual) + (ok ? " (holds)" : " (fails)") + "\n";
    }
    return out;
}

} // namespace kns::scenario
