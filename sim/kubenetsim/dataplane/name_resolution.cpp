#include <kubenetsim/dataplane/name_resolution.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns::dataplane {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        auto next = s.find(sep, pos);
        out.push_back(s.substr(pos, next - pos));
        if (next == std::string::npos) break;
        pos = next + 1;
    }
    return out;
}

} // namespace

std::optional<Ipv4> resolveClusterName(const Simulation& sim, const std::string& fqdn) {
    std::string name = fqdn;
    if (!name.empty() && name.back() == '.') name.pop_back();
    const std::string suffix = ".svc.cluster.local";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return std::nullopt;
    const auto parts = split(name.substr(0, name.size() - suffix.size()), '.');
    if (parts.size() != 2) return std::nullopt;
    const Service* svc = const_cast<Simulation&>(sim).api().get<Service>(parts[1], parts[0]);
    if (!svc) return std::nullopt;
    if (!svc->clusterIP.empty() && svc->clusterIP != "None") return Ipv4::parse(svc->clusterIP);
    // Headless: the first ready endpoint.
    if (const Endpoints* ep = const_cast<Simulation&>(sim).api().get<Endpoints>(parts[1], parts[0]))
        for (const auto& subset : ep->subsets)
            for (const auto& a : subset.addresses) return Ipv4::parse(a.ip);
    return std::nullopt;
}

std::optional<Ipv4> resolveHost(const Simulation& sim, const std::string& ns, const std::string& name) {
    if (auto ip = Ipv4::parse(name)) return ip;
    if (name == "localhost") return Ipv4::parse("127.0.0.1");
    if (ns.rfind("pod/", 0) == 0) {
        const std::string podNs = split(ns.substr(4), '/').front();
        const std::vector<std::string> search = {podNs + ".svc.cluster.local", "svc.cluster.local", "cluster.local"};
        const auto dots = static_cast<int>(std::count(name.begin(), name.end(), '.'));
        std::vector<std::string> candidates;
        if (dots >= 5 || name.back() == '.') candidates.push_back(name);
        for (const auto& s : search) candidates.push_back(name + "." + s);
        if (dots < 5) candidates.push_back(name);
        for (const auto& c : candidates)
            if (auto ip = resolveClusterName(sim, c)) return ip;
        return std::nullopt;
    }
    for (const NodeDef& n : sim.config().nodes)
        if (n.name == name) return Ipv4::parse(n.internalIP);
    return std::nullopt;
}

} // namespace kns::dataplane
