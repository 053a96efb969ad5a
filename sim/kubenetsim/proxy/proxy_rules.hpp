#pragma once
// What kube-proxy in iptables mode writes: the iptables-restore input of one sync (both tables,
// `--noflush`), and the jump rules it keeps in the built-in chains with `iptables -C/-I`.
// The generators mirror pkg/proxy/iptables/proxier.go's syncProxyRules of each era, line by
// line, in kube-proxy's own argument order; iptables-save then shows them in canonical order.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/ruleset.hpp>

namespace kns::proxy {

struct JumpRule {
    netfilter::TableId table;
    std::string chain;  // the built-in chain
    std::string spec;   // rule arguments after "-A CHAIN"
};

// The lines one part of a sync appends to one chain, as a restore keeps them (Chain::source):
// "-A CHAIN ...\n" each, in the order written.
struct ChainLines {
    std::string chain;
    std::shared_ptr<const std::string> text;
    std::size_t rules = 0;
    bool own = false;  // a chain its service declares (else a shared one: KUBE-SERVICES ...)
};

// What one service contributes to a sync: its lines in each part of the restore input, and the
// per-service chains (KUBE-SVC/SEP/FW/XLB/EXT/SVL) it keeps.
struct ServiceRules {
    std::vector<std::uint64_t> versions;  // resourceVersions of the service and its endpoints objects
    std::string natChains;                // ":KUBE-SVC-... - [0:0]\n" ...
    std::string natRules;
    std::string filterRules;
    std::vector<std::string> chains;      // the nat chains it declares, as natChains lists them
    std::size_t serviceChains = 0;
    std::size_t endpointChains = 0;
    // Derived once written (splitServiceRules): the line count of the three texts, and their
    // rules split by chain (chains in the order they first appear), what applySync writes
    // without going through the text of the whole restore.
    std::size_t lines = 0;
    std::vector<ChainLines> natParts;
    std::vector<ChainLines> filterParts;
    std::size_t endpoints = 0;  // ready endpoints of all its ports
};

// What a node's kube-proxy keeps between syncs: each service's rules, written again without being
// recomputed while the service and its Endpoints/EndpointSlices keep their resourceVersions and
// nothing else they depend on (era, node, configuration) changed. The output is the same either
// way; objects without a resourceVersion (built by hand) are always recomputed.
struct SyncCache {
    struct Entry {
        std::shared_ptr<const ServiceRules> rules;
        std::uint64_t seen = 0;  // the sync that last used it
    };
    std::string context;
    std::uint64_t syncs = 0;
    std::unordered_map<std::string, Entry> services;

    // What the last sync applySync wrote on its own (not through the restore text) left in the
    // node's tables: valid while both tables keep the stamps they had right after it. Then every
    // KUBE-SVC/SEP/... chain of the nat table is one a service below declared, the shared chains
    // hold each service's rules in `services` order, and the next sync need only touch what
    // changed (kube-proxy's own partial syncs do the same since v1.26).
    struct Applied {
        Era era = Era::Legacy;
        std::uint64_t natStamp = 0;
        std::uint64_t filterStamp = 0;
        std::vector<std::shared_ptr<const ServiceRules>> services;
        // Declared nat chain -> its service's rules. Each key views the name in its owner's own
        // `chains` (ServiceRules are immutable and the owner is one of `services`), so a chain
        // given to another service is inserted again with that one's name.
        std::unordered_map<std::string_view, const ServiceRules*> owners;
    } applied;
};

struct SyncInput {
    Era era = Era::Legacy;
    const ClusterState* objects = nullptr;
    std::string nodeName;
    std::vector<std::string> nodeIPs;     // the node's addresses (for LB source ranges, Local policy)
    ProxyConfig config;
    // Service keys in the order this sync visits them. Real kube-proxy iterates a Go map, so the
    // order is random on every sync; the caller draws it from the node's kube-proxy stream.
    std::vector<std::string> serviceOrder;
    // The chains the nat table has now, to delete stale KUBE-SVC/SEP/FW/XLB/EXT/SVL chains:
    // natTable when set (then the cache may know them without a look at every chain), else
    // existingNatChains.
    std::vector<std::string> existingNatChains;
    const netfilter::Table* natTable = nullptr;
    SyncCache* cache = nullptr;
};

// One sync's iptables-restore input in its parts; restoreText() joins them into
//   *filter, filterChains, filterHead, each service's filterRules, filterTail, COMMIT,
//   *nat, natChains, each service's natChains, natChainsTail, natHead, each service's natRules,
//   natTail, COMMIT
// which is what kube-proxy writes. The parts are shared with the cache, so a sync that changed
// one service costs what that service's rules cost, not the whole text.
struct SyncOutput {
    std::string filterChains, filterHead, filterTail;
    std::string natChains, natChainsTail, natHead, natTail;
    std::vector<std::shared_ptr<const ServiceRules>> services;
    std::vector<std::string> staleChains;  // declared in natChainsTail and deleted ("-X") in natTail
    std::size_t lines = 0;                 // of the whole restore input
    std::vector<JumpRule> jumps;       // to ensure (prepend when missing) before the restore
    std::size_t serviceChains = 0;     // KUBE-SVC chains written
    std::size_t endpointChains = 0;    // KUBE-SEP chains written
    Era era = Era::Legacy;

    // "*filter ... COMMIT\n*nat ... COMMIT\n", the text iptables-restore is given.
    std::string restoreText() const;
};

// Legacy era: Kubernetes v1.5 (OpenShift 3.5), the seed tutorial's kube-proxy.
SyncOutput generateLegacyRules(const SyncInput& in);

// Modern era: Kubernetes v1.28+ (KUBE-EXT/SVL chains, masquerade inside KUBE-SVC, filter
// KUBE-FORWARD and KUBE-PROXY-FIREWALL).
SyncOutput generateModernRules(const SyncInput& in);

// "1/n as %0.5f", the legacy probability text (0.50000, 0.33333 ...).
std::string legacyProbability(int n);
// "1/n as %0.10f", the modern one (0.5000000000, 0.3333333333 ...).
std::string modernProbability(int n);

// One service a sync visits: its key, the versions of its objects (resourceVersions of the
// service and its endpoints objects), and its rules once known.
struct ServiceVisit {
    const std::string* key = nullptr;
    std::vector<std::uint64_t> versions;
    std::shared_ptr<const ServiceRules> rules;  // the cached ones, or null until written
};
// Writes the rules of every visit that has none with `write(visit index, rules)`, then caches
// them (when no version is zero). A service's rules depend only on its own objects and the
// sync's context, so a sync that writes many (the first one, or one after a change of context)
// writes them on several threads; the result is the same on any number of threads.
void writeMissingRules(SyncCache* cache, std::vector<ServiceVisit>& visits, const std::function<void(std::size_t, ServiceRules&)>& write);
// Starts a sync that uses `cache` (may be null): forgets everything when `context` changed.
void beginCachedSync(SyncCache* cache, const std::string& context);
// Ends it: forgets the services this sync did not visit.
void endCachedSync(SyncCache* cache);
// Fills the derived parts of rules just written (lines, natParts, filterParts).
void splitServiceRules(ServiceRules& rules);
// The stale per-service chains of a sync (those with one of the era's `prefixes` that none of
// `services` declares), in the table's order: from the cache's record of the last applied sync
// when it still describes in.natTable, else by looking at every chain the nat table has.
std::vector<std::string> staleChains(const SyncInput& in, const std::vector<std::shared_ptr<const ServiceRules>>& services,
                                     const std::vector<const char*>& prefixes);
// Joins the parts of a sync the generators built and counts its lines.
void finishSyncOutput(SyncOutput& out);

} // namespace kns::proxy

namespace kns::proxy {

// Applies one sync to a node's rules as kube-proxy does: ensure each jump rule (prepended when
// missing, `iptables -C` then `-I`), then one `iptables-restore --noflush` of the input. With a
// cache, the rules are written from the sync's parts (sync_apply.cpp) whenever that gives what
// the restore gives, which it checks first; otherwise, and without a cache, the text is restored.
netfilter::RestoreResult applySync(netfilter::Ruleset& rules, const SyncOutput& sync, SyncCache* cache = nullptr);

// The rules the legacy kubelet keeps (KUBE-MARK-DROP, KUBE-FIREWALL), which kube-proxy's
// firewall chains jump to.
void addLegacyKubeletRules(netfilter::Ruleset& rules);

// Modern kube-proxy's canary (pkg/util/iptables Monitor, started with the proxier): an empty
// KUBE-PROXY-CANARY chain in mangle, nat and filter, created with `iptables -N`. On an empty
// mangle table that brings the table and its five built-in chains into iptables-save (checked on
// the kernel). kube-proxy never writes it in its restore; when the mangle one is gone, someone
// flushed the tables, and kube-proxy resyncs in full and creates the canaries again. The legacy
// era (v1.5) had none; the release that brought it (about v1.17) is unconfirmed, but it is
// between the eras either way.
inline constexpr const char* kProxyCanaryChain = "KUBE-PROXY-CANARY";
inline constexpr netfilter::TableId kProxyCanaryTables[] = {netfilter::TableId::Mangle, netfilter::TableId::Nat,
                                                            netfilter::TableId::Filter};
void placeProxyCanaries(netfilter::Ruleset& rules);
bool hasProxyCanary(const netfilter::Ruleset& rules, netfilter::TableId table);

} // namespace kns::proxy
