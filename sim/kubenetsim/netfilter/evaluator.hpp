#pragma once
// Walking a packet through one table at one hook, as the kernel's nft_do_chain / ipt_do_table
// do: rules in order, per-rule packet and byte counters on every match, a bounded jump stack
// (goto does not push), RETURN or falling off a user chain pops, falling off a built-in chain
// applies its policy. Non-terminal targets (MARK, LOG) continue with the next rule.
//
// Every traversal can record a Trace: each rule evaluated with whether it matched, the random
// draw against a statistic probability, and the verdict. The window's packet journey, the
// `trace` command and test failure messages all render that one object.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/netfilter/ruleset.hpp>
#include <kubenetsim/random/rng.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns::netfilter {

// What the matches read of a packet.
struct PacketFields {
    Ipv4 src;
    Ipv4 dst;
    std::string proto = "tcp";  // tcp | udp | icmp
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    std::string in;    // input interface ("" when locally generated)
    std::string out;   // output interface ("" before routing at PREROUTING)
    std::uint32_t mark = 0;
    std::uint32_t ctState = kCtNew;  // CtState bits as conntrack classified the packet
    std::uint32_t length = 60;
    // Bridge netfilter: set when the packet is being bridged (physdev matches read these).
    bool bridged = false;
    std::string physIn;
    std::string physOut;
};

// xt_recent's lists of one network namespace: list name -> source address -> times seen.
// Simplification, named: the kernel keeps at most ip_list_tot addresses a list (100: the
// module's default, read in /sys/module/xt_recent/parameters on the development machine) and
// drops the least recently seen; these lists are unbounded, which differs only past 100 clients
// of one endpoint.
struct RecentLists {
    std::map<std::string, std::map<std::uint32_t, std::vector<SimTime>>> lists;
};

// How a chain is walked. Indexed (the default) skips, in long chains, the rules a ChainIndex
// proves cannot match; it yields the same verdict, counters, draws and trace as Linear, which
// tests every rule as the kernel does (kept for tests that prove the two agree).
enum class Walk : std::uint8_t { Indexed, Linear };

struct EvalContext {
    Rng* rng = nullptr;             // statistic --mode random draws
    RecentLists* recent = nullptr;  // -m recent state
    SimTime now;
    std::function<bool(Ipv4)> isLocal;  // addrtype LOCAL: an address of this namespace
    Walk walk = Walk::Indexed;
};

struct TraceStep {
    TableId table = TableId::Filter;
    std::string chain;
    int rule = -1;            // index in the chain; -1 for the chain's policy or an implicit return
    std::string text;         // the rule as iptables-save prints it, or "policy ACCEPT"
    bool matched = false;
    std::optional<double> draw;         // statistic: the draw as a fraction of 2^31 ...
    std::optional<double> probability;  // ... and the rule's probability
    std::string action;       // "jump KUBE-SVC-...", "DNAT 172.17.0.3:9876", "return", "MARK", "ACCEPT"
};

struct Trace {
    std::vector<TraceStep> steps;
};

enum class Verdict : std::uint8_t { Accept, Drop, Reject };

struct TableResult {
    Verdict verdict = Verdict::Accept;
    std::string rejectWith;
    // NAT targets found (nat table only); the conntrack/NAT layer applies them.
    std::optional<Target> nat;
    std::uint32_t mark = 0;  // the packet's mark after the traversal (MARK targets)
    // Rules the kernel's linear walk evaluates for this packet (skipped ones included).
    std::size_t rulesWalked = 0;
};

// Walks `fields` through `table` from the built-in chain of `hook`. Counters, nth counters and
// recent lists are updated; `trace` (if given) receives every step. Without a trace an indexed
// walk goes through classifyHook.
TableResult evaluateHook(Table& table, Hook hook, PacketFields& fields, EvalContext& ctx, Trace* trace);

// What classifyHook decides: TableResult's content with the deciding rule's target by address
// (valid until the table's rules change), so that a packet costs no allocation.
struct Classification {
    Verdict verdict = Verdict::Accept;
    const Target* target = nullptr;  // the rule that ended the walk (ACCEPT, DROP, REJECT or NAT); null for a policy
    std::uint32_t mark = 0;
    std::size_t rulesWalked = 0;
};

// The indexed walk of evaluateHook without a trace, through the table's compiled form
// (compiled_table.hpp): the same verdict, target, mark, counters, nth counters, recent lists,
// random draws in the same order, and rulesWalked. `fields.mark` is updated as there.
Classification classifyHook(Table& table, Hook hook, PacketFields& fields, EvalContext& ctx);

// Does the rule match? Exposed for tests and for the trace's "why not" explanations.
bool ruleMatches(Rule& rule, const PacketFields& fields, EvalContext& ctx, TraceStep* step);

} // namespace kns::netfilter
