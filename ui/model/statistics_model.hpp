#pragma once
// What the Statistics panel shows: for each Service, the requests each endpoint answered against
// the 1/N a uniform spread would give (kube-proxy's statistic rules pick among N endpoints with
// probabilities 1/N, 1/(N-1), ..., 1, which is uniform overall); per node, the rule count,
// kube-proxy's syncs and the modelled duration of its iptables-restore, and the conntrack entries;
// and every sync kube-proxy started, from the event log.
//
// Hits come from the servers' own count (DataPlaneState.transport.served, by "POD-KEY IP:PORT"):
// a pod backing two Services counts its answers under both (a named simplification).
#include <cstdint>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/trace/observer.hpp>

namespace kns::ui {

struct EndpointHits {
    std::string pod;      // "default/rcsise-6nq3k" ("" when unknown)
    std::string address;  // "172.17.0.3:9876"
    bool ready = true;
    std::uint64_t hits = 0;
    double share = 0;     // hits / the Service's total (0 when no hits yet)
};

struct ServiceStats {
    std::string key;  // "default/simpleservice"
    std::string clusterIP;
    std::vector<EndpointHits> endpoints;
    std::uint64_t total = 0;
    double expectedShare = 0;  // 1/N over the ready endpoints
};

struct NodeStats {
    std::string node;
    std::size_t rules = 0;
    std::uint64_t syncs = 0;
    SimTime lastSyncDuration;
    std::size_t lastRuleCount = 0;
    bool syncing = false;
    std::size_t conntrackEntries = 0;
};

struct SyncSample {
    SimTime at;
    std::string node;
    std::size_t lines = 0;
    SimTime duration;  // the modelled iptables-restore
};

struct StatisticsModel {
    std::vector<ServiceStats> services;
    std::vector<NodeStats> nodes;
    std::vector<SyncSample> syncs;  // oldest first
    std::size_t podConntrackEntries = 0;  // in every pod's namespace together
};

StatisticsModel buildStatistics(const Simulation& sim, const std::vector<TraceRecord>& log);

} // namespace kns::ui
