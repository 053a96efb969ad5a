#pragma once
// Helpers shared by the generators and applySync for the parts of a sync (proxy_rules.hpp).
#include <algorithm>
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

// Services' rules by address, for a sync's "was this one in the last sync" questions: a sorted
// array, which ten thousand lookups read faster than a hash set they would first have to build.
class RulesSet {
public:
    RulesSet() = default;
    explicit RulesSet(const std::vector<std::shared_ptr<const ServiceRules>>& rules) {
        m_items.reserve(rules.size());
        for (const auto& r : rules) m_items.push_back(r.get());
        std::sort(m_items.begin(), m_items.end());
    }
    bool count(const ServiceRules* r) const { return std::binary_search(m_items.begin(), m_items.end(), r); }

private:
    std::vector<const ServiceRules*> m_items;
};

// Each service with its Endpoints object (null when it has none), by key: one walk through both
// sorted maps, so that a sync's ten thousand lookups in random order cost a hash each instead of
// a descent through two trees.
struct ServiceObjects {
    const Service* service = nullptr;
    const Endpoints* endpoints = nullptr;
};
std::unordered_map<std::string_view, ServiceObjects> indexServices(const ClusterState& objects);
// The same walk for an index of one's own: f(key, service, endpoints or null) for each service.
template <class F> void forEachServiceWithEndpoints(const ClusterState& objects, F&& f) {
    auto ep = objects.endpoints.begin();
    for (const auto& [key, svc] : objects.services) {
        while (ep != objects.endpoints.end() && ep->first < key) ++ep;
        f(key, svc, ep != objects.endpoints.end() && ep->first == key ? &ep->second : nullptr);
    }
}

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
