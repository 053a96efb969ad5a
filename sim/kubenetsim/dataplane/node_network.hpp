#pragma once
// Building the nodes' network namespaces from the cluster definition: interfaces and addresses,
// the connected routes the kernel adds for them, the default route, ip_forward and the bridge
// netfilter setting kubelet requires, and the rules the kubelet keeps.
namespace kns {

class Simulation;

void buildNodeNamespaces(Simulation& sim);

} // namespace kns
