#pragma once
// What the Chains view shows for the packet cursor (Selection::PacketCursor): the hop's walk
// through netfilter, the chains of the hook under the cursor with every rule in iptables-save text,
// which of them the packet was tested against (matched or not), the rule under evaluation, the
// random draw of a statistic rule against its probability, the rules' counters now, and the
// packet's headers before and after NAT (DNAT at PREROUTING/OUTPUT, MASQUERADE at POSTROUTING; for
// a reply, conntrack's un-NAT).
//
// Rules are listed from the namespace's current ruleset, with their current counters, as long as
// the rules the trace recorded are still there (same position, same text); when kube-proxy has
// rewritten the chain since, only the rules the packet was tested against are listed, as recorded.
#include <cstdint>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <ui/model/labels.hpp>
#include <ui/model/selection.hpp>

namespace kns::ui {

enum class RuleMark : std::uint8_t { NotReached, Matched, NotMatched };

struct ChainRuleRow {
    int index = -1;           // the rule's position in its chain; -1 for the chain's policy
    std::string text;         // "-A KUBE-SVC-... -m statistic ... -j KUBE-SEP-...", or "policy ACCEPT"
    std::uint64_t packets = 0;  // counters now
    std::uint64_t bytes = 0;
    RuleMark mark = RuleMark::NotReached;
    bool current = false;     // the rule under evaluation
    std::string draw;         // a statistic rule's draw against its probability, when it was drawn
    std::string action;       // what the rule did ("jump KUBE-SVC-...", "DNAT 172.17.0.4:9876")
};

struct ChainSection {
    std::string table;  // "nat"
    std::string chain;  // "KUBE-SVC-EZC6WLOVQADP4IAW"
    bool current = false;    // holds the rule under evaluation
    bool rewritten = false;  // the chain changed since the packet walked it: recorded rules only
    std::vector<ChainRuleRow> rows;
};

// One NAT translation of the hop: the packet's headers before and after.
struct NatRewrite {
    bool destination = false;  // DNAT side (PREROUTING/OUTPUT); else source (POSTROUTING/INPUT)
    bool unNat = false;        // a reply translated back by conntrack
    net::Packet before;
    net::Packet after;
};

struct PathEntry {
    std::string label;  // "nat OUTPUT", "KUBE-SERVICES"
    int stackStep = -1;
    int rule = -1;      // the first trace step of the entry
    bool current = false;
};

struct ChainsModel {
    bool valid = false;
    std::string ns;          // "node/localhost"
    SimTime at;
    bool reply = false;
    std::string conntrack;   // "new connection #3", "reply of connection #3"
    std::string hook;        // "nat OUTPUT": the hook step under the cursor
    std::vector<PathEntry> path;  // every chain the hop walked, in order
    std::vector<ChainSection> chains;  // the chains of the cursor's hook reached so far, in order
    std::string currentChain;
    std::string currentRule;   // its text
    std::string currentDraw;   // "0.73 >= 0.50 -> next rule"
    std::vector<NatRewrite> rewrites;
    net::Packet arrived;       // the packet as it arrived (or was sent) and as it left
    net::Packet left;
};

ChainsModel buildChainsModel(const Simulation& sim, Selection::PacketCursor cursor, Lang lang);

// "0.37 < 0.50" or "0.73 >= 0.50": decimals are added until the two numbers differ on screen
// (0.33331 against 0.33333).
std::string drawComparison(double draw, double probability);
// The comparison and its outcome: "0.37 < 0.50 -> jump" (matched) or "0.73 >= 0.50 -> next rule".
std::string drawText(double draw, double probability, Lang lang);

// One line of headers: "10.0.2.15:40000 -> 172.30.228.255:80 tcp [SYN]".
std::string headerText(const net::Packet& p);

} // namespace kns::ui
