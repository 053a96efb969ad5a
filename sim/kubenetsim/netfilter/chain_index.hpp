#pragma once
// A dispatch index over one long chain, so that a packet skips the rules that cannot match it
// instead of testing them one by one. Kube-proxy's KUBE-SERVICES holds one rule per service port
// ("-d VIP/32 -p tcp -m tcp --dport N -j KUBE-SVC-..."), and the kernel walks it linearly: at
// 10,000 services a new connection tests thousands of rules. The index maps
// (destination, protocol, destination port) to the positions of the rules that name exactly
// those, and (protocol, port) to the rules that name no destination; every other rule is a
// wildcard and always a candidate. Candidates are visited in rule order, so verdicts, counters
// and random draws are those of the linear walk, which still decides everything.
//
// A rule is keyed only when every test that could fail before its port test is free of side
// effects: the destination and protocol (tested first), then matches like comment, mark or
// addrtype. A statistic or recent match before the port match would draw a random number or
// touch a list even for a packet to another port, so such a rule stays a wildcard.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <kubenetsim/netfilter/rule.hpp>

namespace kns::netfilter {

class ChainIndex {
public:
    // Chains shorter than this are walked without an index.
    static constexpr std::size_t kMinRules = 16;

    // What the index reads of a packet.
    struct Key {
        std::uint32_t dst = 0;
        std::uint8_t proto = 0;  // 6 tcp, 17 udp, 0 anything else
        std::uint16_t dport = 0;
    };
    static std::uint8_t protoNumber(const std::string& name);

    explicit ChainIndex(const Chain& chain);
    // The index of `chain`, built now when it has none or the rules moved since; null for a short chain.
    static const ChainIndex* of(const Chain& chain);
    bool builtFrom(const Chain& chain) const { return m_rules == chain.rules.data() && m_count == chain.rules.size(); }

    // The first position >= from whose rule may match a packet with `key`; the chain's size when none.
    std::size_t next(const Key& key, std::size_t from) const;
    std::size_t wildcards() const { return m_wildcards.size(); }

private:
    struct Bucket {
        std::uint32_t first = 0;  // into m_positions; the position itself when count is 1 (the usual case)
        std::uint32_t count = 0;
    };
    static std::uint64_t exactKey(std::uint32_t dst, std::uint8_t proto, std::uint16_t port);
    static std::uint64_t anyDstKey(std::uint8_t proto, std::uint16_t port);

    const Rule* m_rules = nullptr;
    std::size_t m_count = 0;
    std::unordered_map<std::uint64_t, Bucket> m_buckets;
    std::vector<std::uint32_t> m_positions;  // each bucket's positions, ascending
    std::vector<std::uint32_t> m_wildcards;  // ascending
    bool m_anyDst = false;                   // some rule is keyed without a destination
};

} // namespace kns::netfilter
