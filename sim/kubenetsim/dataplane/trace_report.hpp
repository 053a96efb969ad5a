#pragma once
// What `trace` prints, apart from how the path was obtained: the packet, the hops it made
// (one per network namespace crossed, each with the stack's steps and every rule walked), and
// with --all every outcome of the first packet with its probability.
//
// The hops come from the fabric's hop records (a TCP handshake across every namespace it
// crosses), or from one namespace's stack when the fabric cannot carry the packet (UDP, a source
// outside the cluster); both print through the same renderers.
#include <string>
#include <vector>

#include <kubenetsim/net/outcomes.hpp>
#include <kubenetsim/net/stack.hpp>

namespace kns::dataplane {

struct TraceHop {
    std::string ns;  // "node/localhost", "pod/default/web-1"
    std::vector<net::StackStep> steps;
    std::string inIface;  // where the packet came in ("" when the namespace sent it)
};

struct TraceReport {
    std::string origin;      // "node localhost", "pod default/web-1 (on node localhost)", "203.0.113.7 via node kind-worker"
    net::Packet packet;      // the first packet as it was sent
    std::vector<TraceHop> hops;
    std::string result;      // one line: how the single packet ended
    bool all = false;        // outcomes were enumerated
    std::string outcomesNs;  // where they were enumerated
    std::vector<net::PathOutcome> outcomes;
};

// The path hook by hook, rule by rule; with `all`, the table of outcomes instead.
std::string renderTraceText(const TraceReport& report);
// {"outcomes":[{"destination","masquerade","probability","source_after_nat","draws"}...],"steps":[...],
//  "packet": "...", "origin": "...", "result": "..."}: outcomes is empty unless `all`.
std::string renderTraceJson(const TraceReport& report);

} // namespace kns::dataplane
