#pragma once
// A varied set of services for tests of the rule engine on kube-proxy's own output: ClusterIP and
// NodePort, TCP and UDP, ClientIP affinity, external IPs, services without endpoints, and one
// with externalTrafficPolicy Local; with Endpoints (legacy) and EndpointSlices (modern).
#include <cstdio>
#include <string>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns::testing {

inline std::string generatedClusterIP(int i) { return "172.30." + std::to_string(i / 200) + "." + std::to_string(10 + i % 200); }
inline int generatedNodePort(int i) { return 30000 + i; }
inline bool generatedHasNodePort(int i) { return i % 4 == 1; }
inline bool generatedIsUdp(int i) { return i % 7 == 3; }
inline int generatedEndpoints(int i) { return i % 9 == 5 ? 0 : 1 + i % 4; }

inline ClusterState generatedServices(int count, std::uint64_t firstVersion = 1) {
    ClusterState s;
    std::uint64_t version = firstVersion;
    int pod = 0;
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "svc-%03d", i);
        Service svc;
        svc.meta.ns = "gen";
        svc.meta.name = name;
        svc.meta.resourceVersion = version++;
        svc.clusterIP = generatedClusterIP(i);
        ServicePort port;
        port.name = i % 5 == 2 ? "web" : "";
        port.protocol = generatedIsUdp(i) ? "UDP" : "TCP";
        port.port = 80 + i % 3;
        port.targetPort = IntOrString::ofInt(8080);
        if (generatedHasNodePort(i)) {
            svc.type = "NodePort";
            port.nodePort = generatedNodePort(i);
            if (i % 8 == 5) svc.externalTrafficPolicy = "Local";
        }
        svc.ports.push_back(port);
        if (i % 6 == 4) svc.sessionAffinity = "ClientIP";
        if (i % 11 == 7) svc.externalIPs = {"192.0.2." + std::to_string(i % 200)};
        s.services["gen/" + svc.meta.name] = svc;

        Endpoints ep;
        ep.meta.ns = "gen";
        ep.meta.name = name;
        ep.meta.resourceVersion = version++;
        EndpointSlice slice;
        slice.meta.ns = "gen";
        slice.meta.name = std::string(name) + "-x";
        slice.meta.labels["kubernetes.io/service-name"] = name;
        slice.meta.resourceVersion = version++;
        EndpointSubset subset;
        for (int e = 0; e < generatedEndpoints(i); ++e) {
            const std::string ip = "10.244." + std::to_string(pod / 250) + "." + std::to_string(2 + pod % 250);
            ++pod;
            const std::string node = e % 2 ? "node-b" : "node-a";
            subset.addresses.push_back(EndpointAddress{ip, node, std::nullopt});
            EndpointSliceEndpoint se;
            se.addresses = {ip};
            se.ready = se.serving = true;
            se.nodeName = node;
            slice.endpoints.push_back(se);
        }
        subset.ports.push_back(EndpointPort{port.name, 8080, port.protocol});
        slice.ports.push_back(EndpointPort{port.name, 8080, port.protocol});
        if (!subset.addresses.empty()) ep.subsets.push_back(subset);
        s.endpoints["gen/" + ep.meta.name] = ep;
        s.endpointSlices["gen/" + slice.meta.name] = slice;
    }
    return s;
}

// kube-proxy's input for node-a (10.0.2.15); services in key order.
inline proxy::SyncInput generatedSyncInput(Era era, const ClusterState& objects, const netfilter::Ruleset& rules) {
    proxy::SyncInput in;
    in.era = era;
    in.objects = &objects;
    in.nodeName = "node-a";
    in.nodeIPs = {"10.0.2.15"};
    if (era == Era::Modern) in.config.clusterCIDR = "10.244.0.0/16";
    for (const auto& [key, svc] : objects.services) in.serviceOrder.push_back(key);
    if (const auto* nat = rules.table(netfilter::TableId::Nat))
        for (const auto& c : nat->chains()) in.existingNatChains.push_back(c.name);
    return in;
}

inline proxy::SyncOutput generatedSync(Era era, const ClusterState& objects, const netfilter::Ruleset& rules, proxy::SyncCache* cache = nullptr) {
    proxy::SyncInput in = generatedSyncInput(era, objects, rules);
    in.cache = cache;
    return era == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
}

} // namespace kns::testing
