#pragma once
// How a program in a namespace turns a host name into an address. In a pod: the cluster DNS
// through the pod's search path (<ns>.svc.cluster.local svc.cluster.local cluster.local,
// ndots:5), answering a Service's ClusterIP (a headless Service's ready endpoints). On a node:
// its /etc/hosts (localhost, its own name) and the other nodes by name, as kind's docker DNS
// answers them; cluster names do not resolve on nodes.
// Named simplification: the answer is read from the cluster state; DNS queries do not travel
// as UDP packets to the DNS pods yet.
#include <optional>
#include <string>

#include <kubenetsim/net/ipv4.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

std::optional<Ipv4> resolveHost(const Simulation& sim, const std::string& ns, const std::string& name);

// A fully qualified cluster name ("simpleservice.default.svc.cluster.local") to its address.
std::optional<Ipv4> resolveClusterName(const Simulation& sim, const std::string& fqdn);

} // namespace kns::dataplane
