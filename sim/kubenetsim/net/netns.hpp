#pragma once
// A network namespace: what one node or one pod has of the network stack. Interfaces and routes,
// the iptables rules, conntrack and xt_recent state, and the sysctls kubenetsim models.
#include <string>
#include <vector>

#include <kubenetsim/net/conntrack.hpp>
#include <kubenetsim/net/routing.hpp>
#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/ruleset.hpp>

namespace kns::net {

struct NetNamespace {
    std::string name;  // "node/localhost", "pod/default/rcsise-6nq3k"
    std::vector<Interface> interfaces;
    RoutingTable routes;
    bool ipForward = false;             // net.ipv4.ip_forward
    bool bridgeNfCallIptables = true;   // net.bridge.bridge-nf-call-iptables (kubelet requires 1)
    bool routeLocalnet = false;         // net.ipv4.conf.all.route_localnet (kube-proxy sets it)
    // Hairpin mode for the bridge ports made from now on: the kubelet sets it on each pod's port
    // as it attaches the pod (--hairpin-mode=hairpin-veth); `sim hairpin off` is --hairpin-mode=none.
    bool hairpinNewPorts = true;
    netfilter::Ruleset rules;
    Conntrack conntrack;
    netfilter::RecentLists recent;

    Interface* findInterface(const std::string& ifname);
    const Interface* findInterface(const std::string& ifname) const;
    // Is the address one of this namespace's own (addrtype LOCAL)?
    bool isLocal(Ipv4 ip) const;
    // The interface that owns the address, if any.
    const Interface* interfaceWithAddress(Ipv4 ip) const;
};

} // namespace kns::net
