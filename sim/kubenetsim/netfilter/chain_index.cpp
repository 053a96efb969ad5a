#include <kubenetsim/netfilter/chain_index.hpp>

#include <algorithm>

namespace kns::netfilter {

namespace {

// The (protocol, port) a rule is keyed by, if it is keyed.
struct RuleKey {
    bool keyed = false;
    bool anyDst = false;
    std::uint32_t dst = 0;
    std::uint8_t proto = 0;
    std::uint16_t port = 0;
};

RuleKey keyOf(const Rule& r) {
    RuleKey k;
    if (r.dst.set && (r.dst.negated || r.dst.cidr.prefix != 32)) return k;
    if (!r.proto.set || r.proto.negated) return k;
    k.proto = ChainIndex::protoNumber(r.proto.name);
    if (k.proto == 0) return k;
    for (const Match& m : r.matches) {
        if (std::holds_alternative<StatisticMatch>(m) || std::holds_alternative<RecentMatch>(m)) return k;  // side effects first
        const auto* p = std::get_if<PortMatch>(&m);
        if (!p) continue;
        if (!p->dport.set || p->dport.negated || p->dport.lo != p->dport.hi || p->proto != r.proto.name) return k;
        k.keyed = true;
        k.anyDst = !r.dst.set;
        k.dst = r.dst.cidr.base.value;
        k.port = p->dport.lo;
        return k;
    }
    return k;
}

} // namespace

std::uint8_t ChainIndex::protoNumber(const std::string& name) {
    if (name == "tcp") return 6;
    if (name == "udp") return 17;
    return 0;
}

std::uint64_t ChainIndex::exactKey(std::uint32_t dst, std::uint8_t proto, std::uint16_t port) {
    return (std::uint64_t{dst} << 24) | (std::uint64_t{proto} << 16) | port;
}

std::uint64_t ChainIndex::anyDstKey(std::uint8_t proto, std::uint16_t port) {
    return (std::uint64_t{1} << 56) | (std::uint64_t{proto} << 16) | port;
}

ChainIndex::ChainIndex(const Chain& chain) : m_rules(chain.rules.data()), m_count(chain.rules.size()) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    for (std::size_t i = 0; i < chain.rules.size(); ++i) {
        const RuleKey k = keyOf(chain.rules[i]);
        const auto pos = static_cast<std::uint32_t>(i);
        if (!k.keyed) m_wildcards.push_back(pos);
        else keyed.emplace_back(k.anyDst ? anyDstKey(k.proto, k.port) : exactKey(k.dst, k.proto, k.port), pos);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    m_positions.reserve(keyed.size());
    std::size_t slots = 2;
    while (slots < 2 * keyed.size()) slots *= 2;
    m_buckets.assign(slots, Bucket{});
    for (std::size_t n = slots; n > 1; n /= 2) --m_shift;  // the top log2(slots) bits of the hash
    for (const auto& [key, pos] : keyed) {
        Bucket& b = insert(key);
        if (b.count++ == 0) b.first = static_cast<std::uint32_t>(m_positions.size());
        m_positions.push_back(pos);
        if (key >> 56) m_anyDst = true;
    }
    // A bucket of one keeps its position in place of an offset: one memory access less a packet.
    for (Bucket& b : m_buckets)
        if (b.count == 1) b.first = m_positions[b.first];
}

ChainIndex::Bucket& ChainIndex::insert(std::uint64_t key) {
    const std::size_t mask = m_buckets.size() - 1;
    for (std::size_t s = slotOf(key);; s = (s + 1) & mask) {
        Bucket& b = m_buckets[s];
        if (b.key == key) return b;
        if (b.key == kEmpty) {
            b.key = key;
            return b;
        }
    }
}

const ChainIndex::Bucket* ChainIndex::find(std::uint64_t key) const {
    const std::size_t mask = m_buckets.size() - 1;
    for (std::size_t s = slotOf(key);; s = (s + 1) & mask) {
        const Bucket& b = m_buckets[s];
        if (b.key == key) return &b;
        if (b.key == kEmpty) return nullptr;
    }
}

const ChainIndex* ChainIndex::of(const Chain& chain) {
    if (chain.rules.size() < kMinRules) return nullptr;
    if (!chain.index || !chain.index->builtFrom(chain)) chain.index = std::make_shared<const ChainIndex>(chain);
    return chain.index.get();
}

std::size_t ChainIndex::next(const Key& key, std::size_t from) const {
    std::size_t best = m_count;
    auto scan = [&](const std::uint32_t* first, const std::uint32_t* last) {
        const std::uint32_t* it = std::lower_bound(first, last, static_cast<std::uint32_t>(from));
        if (it != last) best = std::min<std::size_t>(best, *it);
    };
    scan(m_wildcards.data(), m_wildcards.data() + m_wildcards.size());
    if (key.proto != 0) {
        auto lookup = [&](std::uint64_t k) {
            const Bucket* found = find(k);
            if (!found) return;
            const Bucket& b = *found;
            if (b.count == 1) {
                if (b.first >= from) best = std::min<std::size_t>(best, b.first);
            } else {
                scan(m_positions.data() + b.first, m_positions.data() + b.first + b.count);
            }
        };
        lookup(exactKey(key.dst, key.proto, key.dport));
        if (m_anyDst) lookup(anyDstKey(key.proto, key.dport));
    }
    return best;
}

} // namespace kns::netfilter
