#pragma once
// Where a step's `pause_at` stops the packet: the first recorded traversal, at the named node, of
// the named netfilter chain (or hook), down to the rule being evaluated there. The window puts its
// view time and packet cursor there; the CLI player says where it paused.
//
// For a chain, the rule is the first one in it whose statistic draw decides (a KUBE-SVC chain's
// first `-m statistic` rule), else the chain's first rule walked. For a hook, it is the first rule
// walked at that hook (any table).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/transport_state.hpp>
#include <kubenetsim/scenario/scenario.hpp>

namespace kns::scenario {

struct PausePoint {
    std::size_t hop = 0;    // index into TransportState::hops
    int stackStep = -1;     // index into the hop's StackResult::steps
    int traceStep = -1;     // index into that step's netfilter trace steps
    SimTime at;             // the hop's time
    std::string node;
    std::string table;      // "nat"
    std::string chain;      // the chain the rule belongs to
    std::string ruleText;   // as iptables-save prints it
    std::string packet;     // the packet as it arrived at the node, "10.0.2.15:40000 -> 172.30.228.255:80 tcp [SYN]"
    std::optional<double> draw;
    std::optional<double> probability;
    bool matched = false;
    std::string action;     // what the rule did ("jump KUBE-SEP-...") when it matched
};

// Searches hops[fromHop..] for the pause point; nullopt when the packet never got there.
std::optional<PausePoint> findPausePoint(const PauseAt& pause, const std::vector<HopRecord>& hops, std::size_t fromHop);

// One line for people: "localhost nat KUBE-SVC-... rule: -A ... (draw 0.73 < 0.50: no)".
std::string describePausePoint(const PausePoint& p, Lang lang);

} // namespace kns::scenario
