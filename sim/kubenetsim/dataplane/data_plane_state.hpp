#pragma once
// The data plane's share of Simulation::State: every network namespace (nodes and pods) and each
// node's kube-proxy, by value so that snapshots capture them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/transport_state.hpp>
#include <kubenetsim/net/netns.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>
#include <kubenetsim/time/event.hpp>

namespace kns {

struct KubeProxyState {
    EventId pendingSync;        // the next sync, when one is scheduled
    EventId applyAt;            // the running sync's completion
    bool syncing = false;       // an iptables-restore is under way
    bool dirty = false;         // something changed while syncing: sync again when done
    std::vector<SimTime> recentRuns;  // start times, for the minSyncPeriod burst budget
    std::uint64_t syncs = 0;
    SimTime lastSyncStart;
    SimTime lastSyncDuration;   // the modelled iptables-restore time of the last sync
    std::size_t lastRuleCount = 0;
    proxy::SyncOutput pending;  // what the running sync will apply
    std::string previousSave;   // the node's iptables-save before the last sync (for diffs)
    proxy::SyncCache cache;     // each service's rules from the last sync (see proxy_rules.hpp)
};

struct DataPlaneState {
    std::map<std::string, net::NetNamespace> namespaces;  // "node/NAME", "pod/NS/NAME"
    std::map<std::string, KubeProxyState> proxies;        // by node name
    TransportState transport;                              // packets in flight, sockets, exchanges
};

std::string nodeNamespaceKey(const std::string& node);
std::string podNamespaceKey(const std::string& podKey);  // podKey is "ns/name"

} // namespace kns
