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
    // One slot of an open-addressing table: a packet's lookup reads one cache line, where a
    // node-based map would chase two or three pointers (at 10,000 services each is a cache miss).
    struct Bucket {
        std::uint64_t key = kEmpty;
        std::uint32_t first = 0;  // into m_positions; the position itself when count is 1 (the usual case)
        std::uint32_t count = 0;
    };
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // no key has every bit set
    static std::uint64_t exactKey(std::uint32_t dst, std::uint8_t proto, std::uint16_t port);
    static std::uint64_t anyDstKey(std::uint8_t proto, std::uint16_t port);
    std::size_t slotOf(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> m_shift); }
    Bucket& insert(std::uint64_t key);
    const Bucket* find(std::uint64_t key) const;

    const Rule* m_rules = nullptr;
    std::size_t m_count = 0;
    std::vector<Bucket> m_buckets;  // a power of two, at most half full
    unsigned m_shift = 64;  // 64 - log2(slots), set by the constructor
    std::vector<std::uint32_t> m_positions;  // each bucket's positions, ascending
    std::vector<std::uint32_t> m_wildcards;  // ascending
    bool m_anyDst = false;                   // some rule is keyed without a destination
};

} // namespace kns::netfilter
