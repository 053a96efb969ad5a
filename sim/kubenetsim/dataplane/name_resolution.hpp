#pragma once
// How a program in a namespace turns a host name into an address, as glibc's resolver does.
//  - A literal address is itself; `localhost` comes from /etc/hosts.
//  - In a pod, resolv.conf names the cluster DNS (dataplane/dns_server.hpp says who answers in
//    each profile) with the search path `<ns>.svc.cluster.local svc.cluster.local cluster.local`
//    and ndots:5. The search is the client's: one A query per candidate name, each a real UDP
//    datagram from the pod to the nameserver's address (a Service VIP, through kube-proxy's rules
//    like any other packet), tried in glibc's order (the name as given first only when it has
//    at least ndots dots or ends with a dot). NXDOMAIN moves on to the next candidate; an answer
//    ends the search; a query unanswered after glibc's 5 s timeout and 2 attempts, or refused by
//    an ICMP error, ends it too (res_search stops on TRY_AGAIN and ECONNREFUSED).
//  - On a node, resolv.conf names a resolver outside the cluster (VirtualBox's NAT DNS 10.0.2.3
//    in the legacy profile, Docker's 172.18.0.1 for kind), which the simulation does not have:
//    the other nodes' names resolve as that resolver answers them, without packets; cluster
//    names do not resolve on nodes (a node's resolv.conf does not name the cluster DNS).
// Named simplifications: A queries only (no AAAA: the simulated network is IPv4 only); a
// pod's /etc/hosts entry for its own name is not consulted.
#include <optional>
#include <string>

#include <kubenetsim/net/ipv4.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

struct Resolution {
    enum class Status { Found, NotFound, Timeout, Refused };
    Status status = Status::NotFound;
    std::optional<Ipv4> address;
    std::string fqdn;  // the name that answered
};

// Resolves `name` for a program in namespace `ns`; DNS queries run the simulation until answered.
Resolution resolveName(Simulation& sim, const std::string& ns, const std::string& name);
std::optional<Ipv4> resolveHost(Simulation& sim, const std::string& ns, const std::string& name);

// The nameserver of a namespace's resolv.conf: the cluster DNS in pods (the configured DNS
// address, else the `kubernetes` Service's, as kubectl exec's /etc/resolv.conf shows it).
std::string nameserverOf(Simulation& sim, const std::string& ns);

} // namespace kns::dataplane
