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

    struct Op {
        enum class Kind : std::uint8_t { Port, Random, Mark, Conntrack, Other };
        Kind kind = Kind::Other;
        bool negated = false;
        std::uint8_t proto = 0;                  // Port
        bool sportSet = false, sportNegated = false, dportSet = false, dportNegated = false;
        std::uint16_t sportLo = 0, sportHi = 0, dportLo = 0, dportHi = 0;
        std::uint32_t value = 0, mask = 0;       // Random: probability; Mark: mark/mask; Conntrack: states
        Match* match = nullptr;                  // Other: the rule's own match
    };

    struct CRule {
        std::uint32_t srcAddr = 0, srcMask = 0, dstAddr = 0, dstMask = 0;
        bool srcSet = false, srcNegated = false, dstSet = false, dstNegated = false;
        std::uint8_t proto = 0;   // 0: any protocol
        bool protoNegated = false;
        bool slowHeader = false;  // interfaces or a protocol name without a number: tested on the rule
        TargetKind kind = TargetKind::None;
        std::uint32_t target = kNoChain;  // Jump, Goto
        std::uint32_t opsBegin = 0, opsEnd = 0;
        Rule* rule = nullptr;
    };

    struct ChainCode {
        Chain* chain = nullptr;
        bool compiled = false;
        bool noted = false;  // the table lists the chain as counted (Table::noteCounted)
        std::vector<CRule> rules;
        std::vector<Op> ops;
        std::shared_ptr<const ChainIndex> index;  // long chains
    };

    explicit CompiledTable(Table& table);
    std::uint64_t stamp() const { return m_stamp; }
    // The number of `chain`, adding an uncompiled slot when new.
    std::uint32_t idOf(Chain& chain);
    // The chain with that number, compiled.
    ChainCode& code(std::uint32_t id) {
        ChainCode& c = m_chains[id];
        if (!c.compiled) compile(id);
        return m_chains[id];
    }
    // A hint that a walk may enter chain `id` soon.
    void prefetch(std::uint32_t id) const { __builtin_prefetch(&m_chains[id]); }
    // Called when the table's counted chains were reset: every chain is noted again on entry.
    void forgetNoted(std::uint64_t resets);
    std::uint64_t countedResets() const { return m_countedResets; }
    std::uint32_t hookChain(Hook hook);  // kNoChain when the table has no such chain

private:
    void compile(std::uint32_t id);

    Table& m_table;
    std::uint64_t m_stamp;
    std::uint64_t m_countedResets;
    std::vector<ChainCode> m_chains;
    std::unordered_map<const Chain*, std::uint32_t> m_ids;
    std::uint32_t m_hooks[5];
};

} // namespace kns::netfilter
