#pragma once
// What `trace` prints, apart from how the path was obtained: the packet, the hops it made
// (one per network namespace crossed, each with the stack's steps and every rule walked), and
// with --all every outcome of the first packet with its probability.
//
// Today the steps come from one namespace (the node's stack, net/stack.hpp); a multi-namespace
// packet path fills several hops into the same report and prints through the same renderers.
#include <string>
#include <vector>

#include <kubenetsim/net/outcomes.hpp>
#include <kubenetsim/net/stack.hpp>

namespace kns::dataplane {

struct TraceHop {
    std::string ns;  // "node/localhost", "pod/default/web-1"
    std::vector<net::StackStep> steps;
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
