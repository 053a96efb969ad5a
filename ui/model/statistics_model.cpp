#include <ui/model/statistics_model.hpp>

#include <string_view>
#include <unordered_map>

namespace kns::ui {

namespace {

std::string field(const TraceRecord& r, const std::string& name) {
    for (const auto& [k, v] : r.fields)
        if (k == name) return v;
    return {};
}

// What the servers answered, by the address they answered on ("IP:PORT"): the sum over every pod
// that served it and the first such pod's key. Built once a model, so that each endpoint is one
// lookup (a thousand endpoints against a thousand servers stay cheap).
struct ServedAt {
    std::uint64_t hits = 0;
    std::string pod;
};
using ServedIndex = std::unordered_map<std::string_view, ServedAt>;

ServedIndex indexServed(const std::map<std::string, std::uint64_t>& served) {
    ServedIndex index;
    index.reserve(served.size());
    for (const auto& [key, n] : served) {
        const auto space = key.rfind(' ');
        if (space == std::string::npos || space == 0) continue;
        ServedAt& at = index[std::string_view(key).substr(space + 1)];
        at.hits += n;
        if (at.pod.empty()) at.pod = key.substr(0, space);
    }
    return index;
}

void addEndpoints(const ServedIndex& served, const std::vector<EndpointAddress>& addresses, const EndpointSubset& subset, bool ready, ServiceStats& out) {
    for (const EndpointAddress& a : addresses)
        for (const EndpointPort& p : subset.ports) {
            EndpointHits e;
            e.address = a.ip + ":" + std::to_string(p.port);
            e.ready = ready;
            if (a.targetRef) e.pod = a.targetRef->ns + "/" + a.targetRef->name;
            if (auto it = served.find(e.address); it != served.end()) {
                e.hits = it->second.hits;
                if (e.pod.empty()) e.pod = it->second.pod;
            }
            out.total += e.hits;
            out.endpoints.push_back(std::move(e));
        }
}
} // namespace

StatisticsModel buildStatistics(const Simulation& sim, const std::vector<TraceRecord>& log) {
    StatisticsModel m;
    const ServedIndex served = indexServed(sim.state().dataPlane.transport.served);
    for (const auto& [key, svc] : sim.objects().services) {
        if (svc.clusterIP.empty() || svc.clusterIP == "None") continue;
        ServiceStats s;
        s.key = key;
        s.clusterIP = svc.clusterIP;
        auto ep = sim.objects().endpoints.find(key);
        if (ep != sim.objects().endpoints.end())
            for (const EndpointSubset& subset : ep->second.subsets) {
                addEndpoints(served, subset.addresses, subset, true, s);
                addEndpoints(served, subset.notReadyAddresses, subset, false, s);
            }
        std::size_t ready = 0;
        for (const auto& e : s.endpoints) ready += e.ready ? 1 : 0;
        s.expectedShare = ready > 0 ? 1.0 / static_cast<double>(ready) : 0.0;
        for (auto& e : s.endpoints) e.share = s.total > 0 ? static_cast<double>(e.hits) / static_cast<double>(s.total) : 0.0;
        m.services.push_back(std::move(s));
    }
    const auto& dp = sim.state().dataPlane;
    for (const NodeDef& def : sim.config().nodes) {
        NodeStats n;
        n.node = def.name;
        auto ns = dp.namespaces.find(nodeNamespaceKey(def.name));
        if (ns != dp.namespaces.end()) {
            n.rules = ns->second.rules.ruleCount();
            n.conntrackEntries = ns->second.conntrack.entries().size();
        }
        auto proxy = dp.proxies.find(def.name);
        if (proxy != dp.proxies.end()) {
            n.syncs = proxy->second.syncs;
            n.lastSyncDuration = proxy->second.lastSyncDuration;
            n.lastRuleCount = proxy->second.lastRuleCount;
            n.syncing = proxy->second.syncing;
        }
        m.nodes.push_back(std::move(n));
    }
    for (const auto& [key, ns] : dp.namespaces)
        if (key.rfind("pod/", 0) == 0) m.podConntrackEntries += ns.conntrack.entries().size();
    for (const TraceRecord& r : log) {
        if (r.kind != TraceKind::ProxySync || r.message != "sync started") continue;
        SyncSample s;
        s.at = r.time;
        s.node = r.source.rfind("kube-proxy/", 0) == 0 ? r.source.substr(11) : r.source;
        const std::string lines = field(r, "lines");
        if (!lines.empty() && lines.find_first_not_of("0123456789") == std::string::npos) s.lines = std::stoul(lines);
        SimTime::parse(field(r, "modelled_restore"), s.duration);
        m.syncs.push_back(std::move(s));
    }
    return m;
}

} // namespace kns::ui
