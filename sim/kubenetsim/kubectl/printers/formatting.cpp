#include <kubenetsim/kubectl/printers/formatting.hpp>

#include <algorithm>

#include <kubenetsim/kubectl/printers/get_tables.hpp>

namespace kns::printers {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string formatLabels(const Labels& labels) {
    if (labels.empty()) return "<none>";
    std::vector<std::string> parts;
    for (const auto& [k, v] : labels) parts.push_back(k + "=" + v);
    return join(parts, ",");
}

std::string formatSelector(const LabelSelector& selector) {
    // Requirements render sorted by key, as labels.Selector.String() does.
    std::vector<std::pair<std::string, std::string>> reqs;
    for (const auto& [k, v] : selector.matchLabels) reqs.emplace_back(k, k + "=" + v);
    for (const auto& r : selector.matchExpressions) {
        std::vector<std::string> values = r.values;
        std::sort(values.begin(), values.end());
        std::string text;
        switch (r.op) {
        case SelectorRequirement::Op::In: text = r.key + " in (" + join(values, ",") + ")"; break;
        case SelectorRequirement::Op::NotIn: text = r.key + " notin (" + join(values, ",") + ")"; break;
        case SelectorRequirement::Op::Exists: text = r.key; break;
        case SelectorRequirement::Op::DoesNotExist: text = "!" + r.key; break;
        case SelectorRequirement::Op::Equals: text = r.key + "=" + (values.empty() ? "" : values[0]); break;
        case SelectorRequirement::Op::NotEquals: text = r.key + "!=" + (values.empty() ? "" : values[0]); break;
        }
        reqs.emplace_back(r.key, text);
    }
    if (reqs.empty()) return "<none>";
    std::stable_sort(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> parts;
    for (auto& r : reqs) parts.push_back(r.second);
    return join(parts, ",");
}

std::string formatEndpoints(const Endpoints* endpoints, const std::vector<std::string>* portNames) {
    if (!endpoints || endpoints->subsets.empty()) return "<none>";
    constexpr std::size_t kMax = 3;
    std::vector<std::string> list;
    bool more = false;
    std::size_t count = 0;
    for (const auto& ss : endpoints->subsets) {
        for (const auto& port : ss.ports) {
            if (portNames && std::find(portNames->begin(), portNames->end(), port.name) == portNames->end()) continue;
            for (const auto& addr : ss.addresses) {
                if (list.size() == kMax) more = true;
                if (!more) list.push_back(addr.ip + ":" + std::to_string(port.port));
                ++count;
            }
        }
    }
    std::string ret = join(list, ",");
    if (more) ret += " + " + std::to_string(count - kMax) + " more...";
    return ret;
}

std::string servicePorts(const Service& svc) {
    std::vector<std::string> parts;
    for (const auto& p : svc.ports) {
        if (p.nodePort > 0) parts.push_back(std::to_string(p.port) + ":" + std::to_string(p.nodePort) + "/" + p.protocol);
        else parts.push_back(std::to_string(p.port) + "/" + p.protocol);
    }
    return join(parts, ",");
}

std::string containerNames(const PodSpec& spec) {
    std::vector<std::string> parts;
    for (const auto& c : spec.containers) parts.push_back(c.name);
    return join(parts, ",");
}

std::string containerImages(const PodSpec& spec) {
    std::vector<std::string> parts;
    for (const auto& c : spec.containers) parts.push_back(c.image);
    return join(parts, ",");
}

std::string nodeStatus(const Node& node) {
    std::string status = "Unknown";
    for (const auto& c : node.status.conditions)
        if (c.type == "Ready") status = c.status == "True" ? "Ready" : "NotReady";
    if (node.unschedulable) status += ",SchedulingDisabled";
    return status;
}

std::string nodeRoles(const Node& node) {
    static const std::string kPrefix = "node-role.kubernetes.io/";
    std::vector<std::string> roles;
    for (const auto& [k, v] : node.meta.labels) {
        if (k.rfind(kPrefix, 0) == 0 && k.size() > kPrefix.size()) roles.push_back(k.substr(kPrefix.size()));
        else if (k == "kubernetes.io/role" && !v.empty()) roles.push_back(v);
    }
    if (roles.empty()) return "<none>";
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return join(roles, ",");
}

} // namespace kns::printers
