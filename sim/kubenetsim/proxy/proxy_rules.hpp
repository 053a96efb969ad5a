#pragma once
// What kube-proxy in iptables mode writes: the iptables-restore input of one sync (both tables,
// `--noflush`), and the jump rules it keeps in the built-in chains with `iptables -C/-I`.
// The generators mirror pkg/proxy/iptables/proxier.go's syncProxyRules of each era, line by
// line, in kube-proxy's own argument order; iptables-save then shows them in canonical order.
#include <string>
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

struct SyncInput {
    Era era = Era::Legacy;
    const ClusterState* objects = nullptr;
    std::string nodeName;
    std::vector<std::string> nodeIPs;     // the node's addresses (for LB source ranges, Local policy)
    ProxyConfig config;
    // Service keys in the order this sync visits them. Real kube-proxy iterates a Go map, so the
    // order is random on every sync; the caller draws it from the node's kube-proxy stream.
    std::vector<std::string> serviceOrder;
    // The chains the nat table has now, to delete stale KUBE-SVC/SEP/FW/XLB/EXT/SVL chains.
    std::vector<std::string> existingNatChains;
};

struct SyncOutput {
    std::string restoreInput;          // "*filter ... COMMIT\n*nat ... COMMIT\n"
    std::vector<JumpRule> jumps;       // to ensure (prepend when missing) before the restore
    std::size_t serviceChains = 0;     // KUBE-SVC chains written
    std::size_t endpointChains = 0;    // KUBE-SEP chains written
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

} // namespace kns::proxy

namespace kns::proxy {

// Applies one sync to a node's rules as kube-proxy does: ensure each jump rule (prepended when
// missing, `iptables -C` then `-I`), then one `iptables-restore --noflush` of the input.
netfilter::RestoreResult applySync(netfilter::Ruleset& rules, const SyncOutput& sync);

// The rules the legacy kubelet keeps (KUBE-MARK-DROP, KUBE-FIREWALL), which kube-proxy's
// firewall chains jump to.
void addLegacyKubeletRules(netfilter::Ruleset& rules);

} // namespace kns::proxy
