#pragma once
// The cluster DNS servers and what they answer. Which process serves the cluster DNS depends on
// the profile, and each is found from the cluster's own objects:
//  - modern (kind): the CoreDNS pods of kube-system listen on 53/UDP in their own namespaces,
//    behind the kube-dns Service (10.96.0.10), which kube-proxy load-balances like any Service.
//  - legacy (OpenShift 3.5): no DNS pod; the master's built-in SkyDNS listens on 8053/UDP on the
//    node, and pods reach it through the `kubernetes` Service's "dns" port (172.30.0.1:53 ->
//    192.168.99.100:8053), which kube-proxy DNATs to the node itself.
// Both answer `<svc>.<ns>.svc.cluster.local` with the Service's ClusterIP (a headless Service's
// ready endpoint addresses), and NXDOMAIN for any other name in cluster.local.
// Named simplification: names outside cluster.local are answered NXDOMAIN too (the real servers
// would forward them to the node's upstream resolver, which the simulation does not have).
#include <cstdint>
#include <string>
#include <vector>

#include <kubenetsim/net/ipv4.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Whether a cluster DNS server listens on UDP `port` in namespace `ns` now.
bool servesDns(Simulation& sim, const std::string& ns, std::uint16_t port);

// The wire answer to a wire query ("" for bytes that are no query: the server ignores them).
std::string answerDnsQuery(Simulation& sim, const std::string& query);

// What the cluster DNS knows of a fully qualified name: its A records (empty: NXDOMAIN).
std::vector<Ipv4> clusterRecords(Simulation& sim, const std::string& fqdn);

} // namespace kns::dataplane
