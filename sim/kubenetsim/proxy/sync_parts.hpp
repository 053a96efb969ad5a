#pragma once
// Helpers shared by the generators and applySync for the parts of a sync (proxy_rules.hpp).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns::proxy {

// A text the generators write line by line: add("-A ", chain, " -j ", target) appends the pieces
// and a newline straight into the text, with no temporary string for the line (a full sync at
// 10,000 services writes over 400,000 lines).
struct Lines {
    std::string& text;
    template <class... Pieces> void add(const Pieces&... pieces) {
        (text.append(std::string_view(pieces)), ...);
        text += '\n';
    }
};

// The prefixes of the per-service chains an era's kube-proxy owns and deletes when stale.
const std::vector<const char*>& perServicePrefixes(Era era);
bool hasPerServicePrefix(Era era, const std::string& chain);

// "-A CHAIN ...\n" lines split by chain, chains in the order they first appear. "-X CHAIN" lines
// are left out when `skipDeletions`; any other line makes `ok` false.
std::vector<ChainLines> splitByChain(const std::string& text, bool skipDeletions, bool& ok);

// The cached rules of service `key` when its `versions` (none zero) are those they were written
// for, marked as used by this sync; null otherwise. rulesForService's first step, without the
// allocations its arguments cost, for the services that did not change (nearly all of them).
std::shared_ptr<const ServiceRules> cachedServiceRules(SyncCache* cache, const std::string& key, const std::uint64_t* versions, std::size_t count);

// Services' rules by address, for a sync's "was this one in the last sync" questions (tens of
// thousands of them at 10,000 services): open addressing over one array of addresses, built with
// no allocation per service and answered with one probe or two.
class RulesSet {
public:
    RulesSet() = default;
    explicit RulesSet(const std::vector<std::shared_ptr<const ServiceRules>>& rules) {
        std::size_t size = 16;
        while (size < 2 * rules.size()) size *= 2;
        m_slots.assign(size, nullptr);
        for (const auto& r : rules) {
            std::size_t i = slotOf(r.get());
            while (m_slots[i] && m_slots[i] != r.get()) i = (i + 1) & (m_slots.size() - 1);
            m_slots[i] = r.get();
        }
    }
    bool count(const ServiceRules* r) const {
        if (m_slots.empty() || !r) return false;
        for (std::size_t i = slotOf(r);; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i] == r) return true;
            if (!m_slots[i]) return false;
        }
    }

private:
    // Fibonacci hashing: the address's high bits after a multiply spread neighbouring objects.
    std::size_t slotOf(const ServiceRules* r) const {
        const auto a = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(r));
        return static_cast<std::size_t>((a * 0x9E3779B97F4A7C15ull) >> 32) & (m_slots.size() - 1);
    }
    std::vector<const ServiceRules*> m_slots;  // a power of two in size, at most half full
};

// Which of a table's chains (`existing`, names that outlive this object) some service declares.
// Kept over the table's chains, not the services' hundred thousand: a first sync meets a table
// with almost none, and asks only about those.
class DeclaredChains {
public:
    DeclaredChains(const std::vector<std::string_view>& existing, const std::vector<std::shared_ptr<const ServiceRules>>& services);
    // For a chain of `existing`; false for any other.
    bool declared(std::string_view chain) const {
        auto it = m_declared.find(chain);
        return it != m_declared.end() && it->second;
    }

private:
    std::unordered_map<std::string_view, bool> m_declared;
};

// The chain names of ":NAME POLICY [p:b]" lines.
std::vector<std::string> declaredChains(const std::string& text);

} // namespace kns::proxy
