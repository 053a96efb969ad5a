#pragma once
// The cluster the data-plane benchmarks load: S ClusterIP services in namespace "bench", each
// with one TCP port (80 -> 8080) and E ready endpoints, at deterministic addresses (ClusterIPs
// from 172.30.0.10, pod IPs from 10.64.0.2), as Endpoints (read by the legacy kube-proxy) and
// EndpointSlices (read by the modern one). The measured node is "node-0" at 10.0.2.15.
#include <string>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/netfilter/ruleset.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>
#include <kubenetsim/random/rng.hpp>

namespace kns::bench {

class ServiceFixture {
public:
    ServiceFixture(int services, int endpoints, Era era);
    const ClusterState& objects() const { return m_objects; }
    Era era() const { return m_era; }
    // kube-proxy's input for one sync of node-0 whose rules are `rules` (stale chains come from
    // there), in a fresh random service order as a real sync's Go map gives.
    proxy::SyncInput syncInput(const netfilter::Ruleset& rules, Rng& rng) const;
    // A node's rules before kube-proxy's first sync (the legacy kubelet's own chains).
    netfilter::Ruleset nodeRules() const;
    // Service `service` loses its first endpoint and gains one at a new address.
    void replaceEndpoint(int service);
    std::string clusterIP(int service) const;
    static constexpr const char* kNodeIP = "10.0.2.15";

private:
    std::string podIP(int serial) const;
    Era m_era;
    int m_services;
    int m_endpoints;
    int m_nextPod = 0;
    std::uint64_t m_version = 1;
    ClusterState m_objects;
};

double secondsSince(const struct timespec& t0);

} // namespace kns::bench
