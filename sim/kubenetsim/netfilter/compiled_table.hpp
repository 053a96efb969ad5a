#pragma once
// The evaluator's compact form of a table, for packets walked without a trace (classifyHook).
// Each chain is compiled when a packet first enters it: addresses, masks, protocols and ports
// as integers, jump targets as chain numbers, comments dropped, and every other match kept as a
// call into the evaluator's own match code, so that what matches is decided by one piece of code.
// Counters, nth counters and recent lists stay in the rules themselves. The form describes one
// state of the table (Table::stamp); evaluator.cpp builds a new one when the stamp moves.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <kubenetsim/netfilter/chain_index.hpp>
#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/util/arena.hpp>

namespace kns::netfilter {

// The evaluator's test of one match (evaluator.cpp).
bool matchMatches(Match& match, const PacketFields& fields, EvalContext& ctx);
bool interfaceMatches(const IfaceSpec& spec, const std::string& name);

// IP protocol numbers of the names rules and packets use; kOtherProtocol for any other name.
constexpr std::uint8_t kOtherProtocol = 255;
std::uint8_t protocolNumber(const std::string& name);

class CompiledTable {
public:
    static constexpr std::uint32_t kNoChain = ~std::uint32_t{0};
    struct ChainCode;

    // A match other than addresses and protocol, in 16 bytes.
    struct Op {
        enum class Kind : std::uint8_t { Port, Random, Mark, Conntrack, Other };
        enum PortFlag : std::uint8_t { kSportSet = 1, kSportNegated = 2, kDportSet = 4, kDportNegated = 8 };
        Kind kind = Kind::Other;
        bool negated = false;
        std::uint8_t proto = 0;      // Port
        std::uint8_t portFlags = 0;  // Port: PortFlag bits
        std::uint32_t value = 0;     // Random: probability; Mark: mark; Conntrack: states
        struct Ports {
            std::uint16_t sportLo, sportHi, dportLo, dportHi;
        };
        union {
            Ports ports;           // Port
            std::uint32_t mask;    // Mark
            Match* match = nullptr;  // Other: the rule's own match
        };
    };

    // One rule in one cache line: the header tests, its first op, and where its jump leads.
    struct alignas(64) CRule {
        std::uint32_t srcAddr = 0, dstAddr = 0;  // masked
        std::uint8_t srcPrefix = 0, dstPrefix = 0;
        bool srcSet = false, srcNegated = false, dstSet = false, dstNegated = false;
        std::uint8_t proto = 0;   // 0: any protocol
        bool protoNegated = false;
        bool slowHeader = false;  // interfaces or a protocol name without a number: tested on the rule
        TargetKind kind = TargetKind::None;
        std::uint16_t opCount = 0;        // the first is `first`, the others from ops()[moreOps]
        std::uint32_t target = kNoChain;  // Jump, Goto
        std::uint32_t moreOps = 0;
        Rule* rule = nullptr;
        ChainCode* targetCode = nullptr;  // the target's code, kept once a packet has jumped there
        Op first;
    };

    // One chain's compiled code in one allocation: this header (a cache line), then its rules,
    // then their ops, so that a packet entering a chain it has not seen lately waits for memory
    // once, not once per array (at 10,000 services nearly every chain a packet enters is such a
    // chain): the header and the first rule are fetched together (prefetchEntry).
    struct alignas(64) ChainCode {
        Chain* chain = nullptr;
        const ChainIndex* index = nullptr;  // long chains (kept alive by the table's form)
        std::uint32_t ruleCount = 0, opCount = 0;
        bool noted = false;  // the table lists the chain as counted (Table::noteCounted)
        CRule* rules() { return reinterpret_cast<CRule*>(this + 1); }
        Op* ops() { return reinterpret_cast<Op*>(rules() + ruleCount); }
        void prefetchEntry() const {
            __builtin_prefetch(this);
            __builtin_prefetch(reinterpret_cast<const char*>(this) + sizeof(ChainCode));
        }
    };

    explicit CompiledTable(Table& table);
    std::uint64_t stamp() const { return m_stamp; }
    // The number of `chain`, adding an uncompiled slot when new.
    std::uint32_t idOf(Chain& chain);
    // The chain with that number, compiled.
    ChainCode& code(std::uint32_t id) {
        if (!m_slots[id].code) compile(id);
        return *m_slots[id].code;
    }
    // Called when the table's counted chains were reset: every chain is noted again on entry.
    void forgetNoted(std::uint64_t resets);
    std::uint64_t countedResets() const { return m_countedResets; }
    std::uint32_t hookChain(Hook hook);  // kNoChain when the table has no such chain

private:
    struct Slot {
        ChainCode* code = nullptr;  // null until a packet first enters the chain
        Chain* chain = nullptr;
    };
    void compile(std::uint32_t id);

    Table& m_table;
    std::uint64_t m_stamp;
    std::uint64_t m_countedResets;
    std::vector<Slot> m_slots;
    Arena m_arena;  // every chain's code (huge pages for a large table's)
    std::vector<ChainCode*> m_codes;
    std::vector<std::shared_ptr<const ChainIndex>> m_indexes;
    std::unordered_map<const Chain*, std::uint32_t> m_ids;
    std::uint32_t m_hooks[5];
};

} // namespace kns::netfilter
