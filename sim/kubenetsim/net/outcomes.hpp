#pragma once
// Every outcome of a connection's first packet through one network namespace, with its
// probability: the path of stack.hpp (routing, the raw/mangle/nat/filter hooks in the kernel's
// order, re-routing after DNAT, MASQUERADE taking the egress interface's primary address), with
// each table walked by netfilter::enumerateBranches instead of one random draw per statistic rule.
// Nothing in the namespace changes (no conntrack entry, counters, recent lists or random draws).
//
// Outcomes come in rule order (the first endpoint of a cascade first). Branches that end the
// same way (destination, masquerade, source) are merged, their probabilities added.
#include <string>
#include <vector>

#include <kubenetsim/net/stack.hpp>

namespace kns::net {

struct PathOutcome {
    // "IP:PORT" where the packet goes (after DNAT, or its own destination when no DNAT applied),
    // "LOCAL" (delivered to a socket of this namespace without DNAT), "REJECT" or "DROP"
    // (a filter verdict, or no route: the step says which).
    std::string destination;
    bool masquerade = false;  // MASQUERADE or SNAT rewrote the source
    double probability = 0.0;
    Ipv4 sourceAfterNat;
    std::vector<std::string> draws;  // "KUBE-SVC-X rule 1: match (p=0.33333)" ...
    std::vector<StackStep> steps;    // the first branch's path with this outcome
};

// A packet sent by a socket of `ns` (p.src 0.0.0.0: chosen by routing).
std::vector<PathOutcome> enumerateSendOutcomes(const NetNamespace& ns, const Packet& p, SimTime now);
// A packet arriving on `inIface` of `ns`.
std::vector<PathOutcome> enumerateReceiveOutcomes(const NetNamespace& ns, const Packet& p, const std::string& inIface, SimTime now);

} // namespace kns::net
