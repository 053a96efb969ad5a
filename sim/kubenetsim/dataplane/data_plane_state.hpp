#pragma once
// The data plane's share of Simulation::State: every network namespace (nodes and pods) and each
// node's kube-proxy, by value so that snapshots capture them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/core/config.hpp>
#include <kubenetsim/dataplane/conntrack_expiry.hpp>
#include <kubenetsim/dataplane/transport_state.hpp>
#include <kubenetsim/net/netns.hpp>
#include <kubenetsim/net/pcap.hpp>
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
    std::size_t lastSyncLines = 0;  // the lines of its iptables-restore input
    std::size_t lastRuleCount = 0;
    proxy::SyncOutput pending;  // what the running sync will apply
    proxy::SyncCache cache;     // each service's rules from the last sync (see proxy_rules.hpp)
    // Modern era only: the runner's hourly run (maxInterval), and the canary monitor's reload.
    EventId hourlySync;         // an hour after the last run the runner finished
    bool flushSeen = false;     // the mangle canary is gone: waiting for the reload's sync
    bool forceNext = false;     // the monitor's reload: a full sync, bypassing minSyncPeriod
    bool forced = false;        // the running sync is that reload
};

// A node's link to the rest of the cluster (`sim link NODE ...`): a packet leaving or entering the
// node waits `latency`, takes size/bandwidth to serialise, and is lost with probability `loss`.
struct LinkSettings {
    SimTime latency = SimTime::us(150);  // the fabric's delay across the nodes' shared segment
    std::uint64_t bandwidthBitsPerSecond = 1'000'000'000;  // 1 Gbit/s; 0 means unlimited
    double loss = 0.0;                                      // 0..1
};

struct DataPlaneState {
    std::map<std::string, net::NetNamespace> namespaces;  // "node/NAME", "pod/NS/NAME"
    std::map<std::string, dataplane::ConntrackExpiry> conntrackExpiries;  // by namespace: its table's pending expiry event
    std::map<std::string, KubeProxyState> proxies;        // by node name
    TransportState transport;                              // packets in flight, sockets, exchanges
    std::map<std::string, LinkSettings> links;            // by node name; absent: the defaults
    std::optional<Era> proxyEra;                          // `sim proxy-era`: kube-proxy's rules follow this era
    // Packets seen on interfaces, oldest first, for `export pcap`; bounded by kCaptureLimit
    // (recordCapture drops the oldest tenth when full and counts them in captureDropped).
    std::vector<net::CapturedPacket> capture;
    std::uint64_t captureDropped = 0;
};

constexpr std::size_t kCaptureLimit = 100'000;
void recordCapture(DataPlaneState& dp, net::CapturedPacket packet);
// The settings of a node's link (the defaults when never changed).
LinkSettings linkSettings(const DataPlaneState& dp, const std::string& node);

std::string nodeNamespaceKey(const std::string& node);
std::string podNamespaceKey(const std::string& podKey);  // podKey is "ns/name"

} // namespace kns
