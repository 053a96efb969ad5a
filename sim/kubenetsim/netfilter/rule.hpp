#pragma once
// Rules as typed data: Table -> Chain -> Rule { ip header part, matches, target, counters }.
// Each match carries its own negation, as iptables' extensions do. Text exists only for display
// and round trips (save.hpp writes iptables-save; restore.hpp parses iptables-restore input).
//
// Values are kept in the form the kernel stores them, so that saving prints what a real
// `iptables-save` prints: a statistic probability is the 31-bit integer the kernel compares
// against (iptables 1.8.9 parses p as lround(p * 2^31)), MARK targets are value/mask pairs.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <kubenetsim/net/ipv4.hpp>

namespace kns::netfilter {

enum class Hook : std::uint8_t { Prerouting, Input, Forward, Output, Postrouting };
enum class TableId : std::uint8_t { Raw, Mangle, Nat, Filter };
const char* hookName(Hook h);       // "PREROUTING"
const char* tableName(TableId t);   // "nat"

struct AddrSpec {
    bool set = false;
    bool negated = false;
    Cidr cidr;
};

struct IfaceSpec {
    bool set = false;
    bool negated = false;
    std::string name;  // a trailing '+' matches every interface with that prefix
};

struct ProtoSpec {
    bool set = false;
    bool negated = false;
    std::string name;  // tcp | udp | icmp | sctp | all
};

struct PortSpec {
    bool set = false;
    bool negated = false;
    std::uint16_t lo = 0;
    std::uint16_t hi = 0;
};

// ---- matches (-m NAME ...) ----------------------------------------------------------------------
struct CommentMatch {
    std::string text;
};

struct PortMatch {  // -m tcp / -m udp
    std::string proto;
    PortSpec sport;
    PortSpec dport;
};

struct StatisticMatch {
    bool nth = false;
    bool negated = false;
    std::uint32_t probability = 0;  // random mode: matches when (random & 0x7FFFFFFF) < probability
    std::uint32_t every = 0;        // nth mode
    std::uint32_t packet = 0;
    std::uint32_t nthCounter = 0;   // nth mode: the kernel's per-rule packet counter (state, not spec)
};

struct MarkMatch {
    bool negated = false;
    std::uint32_t mark = 0;
    std::uint32_t mask = 0xFFFFFFFFu;
};

enum CtState : std::uint32_t {
    kCtInvalid = 1, kCtNew = 2, kCtRelated = 4, kCtEstablished = 8, kCtUntracked = 16, kCtSnat = 32, kCtDnat = 64,
};
struct ConntrackMatch {
    bool negated = false;
    std::uint32_t states = 0;  // CtState bits
};

struct AddrtypeMatch {
    bool src = false;
    bool srcNegated = false;
    std::string srcType;  // LOCAL, UNICAST, ...
    bool dst = false;
    bool dstNegated = false;
    std::string dstType;
};

struct RecentMatch {
    enum class Command : std::uint8_t { Set, Rcheck, Update, Remove };
    Command command = Command::Set;
    bool negated = false;
    std::uint32_t seconds = 0;
    bool reap = false;
    std::uint32_t hitcount = 0;
    std::string name = "DEFAULT";
    Ipv4 mask{0xFFFFFFFFu};
    bool rsource = true;  // false: --rdest
};

struct PhysdevMatch {
    IfaceSpec in;
    IfaceSpec out;
    bool isIn = false, isInNegated = false;
    bool isOut = false, isOutNegated = false;
    bool isBridged = false, isBridgedNegated = false;
};

using Match = std::variant<CommentMatch, PortMatch, StatisticMatch, MarkMatch, ConntrackMatch, AddrtypeMatch, RecentMatch, PhysdevMatch>;

// ---- targets (-j / -g) --------------------------------------------------------------------------
enum class TargetKind : std::uint8_t { None, Accept, Drop, Return, Jump, Goto, Reject, Dnat, Snat, Masquerade, Mark, Log };

// REJECT --reject-with, as libxt_REJECT names the types it saves (an enum, not a string: a rule
// is built hundreds of thousands of times in a sync, and a default string would be allocated
// for each).
enum class RejectWith : std::uint8_t {
    NetUnreachable, HostUnreachable, PortUnreachable, ProtoUnreachable, NetProhibited, HostProhibited, AdminProhibited, TcpReset,
};
const char* rejectWithName(RejectWith r);  // "icmp-port-unreachable"
bool parseRejectWith(std::string_view name, RejectWith& out);

struct NatRange {
    bool hasAddress = false;
    Ipv4 addrLo, addrHi;
    bool hasPorts = false;
    std::uint16_t portLo = 0, portHi = 0;
};

// What a packet's walk reads comes first (kind, NAT range, mark), the names after.
struct Target {
    TargetKind kind = TargetKind::None;
    RejectWith rejectWith = RejectWith::PortUnreachable;  // Reject
    bool random = false, randomFully = false, persistent = false;
    int logLevel = 4;                                     // Log
    NatRange range;                                       // Dnat, Snat, Masquerade (--to-ports)
    std::uint32_t markValue = 0, markMask = 0;            // Mark, as --set-xmark value/mask
    std::string chain;                                    // Jump, Goto
    std::string logPrefix;                                // Log
};

struct Counters {
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
};

// The counters and the target's first fields come first, within 56 bytes: a packet that hits a
// rule writes its counters and, at a NAT rule, reads its target, and at 10,000 services nearly
// every rule a packet hits is one no packet touched lately, so these are one or two cache lines
// instead of two far apart (compiled_table.hpp keeps the tests themselves in a form of its own).
// Not aligned to a cache line: aligned allocation costs a sync of 300,000 rules more than it saves.
struct Rule {
    Counters counters;
    Target target;
    AddrSpec src;
    AddrSpec dst;
    IfaceSpec in;
    IfaceSpec out;
    ProtoSpec proto;
    std::vector<Match> matches;
};

class ChainIndex;  // evaluator's dispatch index (chain_index.hpp)

// A fresh value on every call, never repeated in the process: stamps say "this table's chains and
// rules as they were then" (Table::stamp), so a cache built from one state knows it is stale in
// any other, even in a copy of the table. Identity only; the simulation never reads the values.
std::uint64_t freshTableStamp();

struct Chain {
    std::string name;
    bool builtin = false;
    std::string policy = "-";  // ACCEPT | DROP for built-in chains
    Counters counters;         // policy counters of a built-in chain
    std::vector<Rule> rules;

    // Derived data the engine keeps beside the rules, never part of what a chain means:
    //  - source: the rule lines ("-A NAME ...\n" each) a restore wrote, valid while the chain
    //    holds sourceRules rules; a restore that writes the same lines again keeps the parsed
    //    rules (resetting their counters, as fresh rules have none) instead of parsing them anew;
    //  - index: the evaluator's dispatch index, rebuilt when the rules it was built from moved.
    // Code that changes `rules` other than their counters calls rulesChanged().
    //  - tableStamp: the stamp cell of the table holding the chain (set by Table), renewed on
    //    every change of the rules so that the table's stamp moves with them;
    //  - counted: some rule may have non-zero counters or nth state, and the table lists the
    //    chain among its counted ones (Table::noteCounted), so that a restore that keeps the
    //    rules of thousands of chains resets the few that packets touched, not all of them.
    std::shared_ptr<const std::string> source;
    std::size_t sourceRules = 0;
    mutable std::shared_ptr<const ChainIndex> index;
    std::shared_ptr<std::uint64_t> tableStamp;
    bool counted = false;
    void rulesChanged() {
        source.reset();
        index.reset();
        if (tableStamp) *tableStamp = freshTableStamp();
    }
};

} // namespace kns::netfilter
