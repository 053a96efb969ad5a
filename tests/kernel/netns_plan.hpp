#pragma once
// The `ip` and `sysctl` commands that rebuild the simulation's network namespaces in a real kernel,
// computed from the simulation's own data-plane state (nothing about the profiles is assumed):
//  - one kernel namespace per simulated one ("node/NAME", "pod/NS/NAME"), named PREFIX-n<i> /
//    PREFIX-p<i>;
//  - veth pairs where the state names a peer namespace and interface;
//  - bridges, their ports (master) and the ports' hairpin mode;
//  - an interface without a peer (a node's eth0) becomes a veth whose other end is a port in an
//    extra PREFIX-sw namespace; the ports of interfaces that share an L2 segment (the interface's
//    `segment`, else the same subnet) with other namespaces
//    join one bridge there, the others stay alone. So no namespace ever links to the host's
//    network (and no dummy device is needed: not every kernel has one);
//  - addresses (added with noprefixroute: the routes are exactly the state's, connected routes
//    included) and routes, on-link routes before those through a gateway;
//  - the sysctls the state models (ip_forward, bridge-nf-call-iptables, route_localnet), set
//    explicitly, plus rp_filter=0 everywhere (the simulation does no reverse-path filtering and a
//    new namespace would otherwise inherit whatever the host has) and, in every namespace the
//    switch included, igmp_link_local_mcast_reports=0 (the simulation sends no IGMP; a real
//    interface coming up reports its link-local groups, and those packets would show in the
//    policy counters iptables-save prints).
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/data_plane_state.hpp>

namespace kns::kerneltest {

struct NetnsPlan {
    std::map<std::string, std::string> kernelNames;     // simulated key -> kernel namespace
    std::vector<std::string> namespaces;                // every kernel namespace, switch included
    std::vector<std::vector<std::string>> commands;     // in order
    std::vector<std::string> errors;                    // what the state holds that cannot be built
};

NetnsPlan planNetwork(const DataPlaneState& state, const std::string& prefix);

} // namespace kns::kerneltest
