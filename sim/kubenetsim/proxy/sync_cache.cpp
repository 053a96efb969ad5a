#include <algorithm>
#include <string_view>
#include <unordered_set>

#include <kubenetsim/proxy/proxy_rules.hpp>
#include <kubenetsim/proxy/sync_parts.hpp>
#include <kubenetsim/util/parallel.hpp>

namespace kns::proxy {

void beginCachedSync(SyncCache* cache, const std::string& context) {
    if (!cache) return;
    if (cache->context != context) {
        cache->services.clear();
        cache->context = context;
    }
    ++cache->syncs;
}

void endCachedSync(SyncCache* cache) {
    if (!cache) return;
    std::erase_if(cache->services, [&](const auto& entry) { return entry.second.seen != cache->syncs; });
}

void writeMissingRules(SyncCache* cache, std::vector<ServiceVisit>& visits, const std::function<void(std::size_t, ServiceRules&)>& write) {
    std::vector<std::size_t> missing;
    for (std::size_t k = 0; k < visits.size(); ++k)
        if (visits[k].key && !visits[k].rules) missing.push_back(k);
    std::vector<std::shared_ptr<ServiceRules>> fresh(missing.size());
    constexpr std::size_t kServicesPerThread = 256;  // below that, a thread costs more than it saves
    parallelFor(missing.size(), kServicesPerThread, [&](std::size_t m) {
        auto rules = std::make_shared<ServiceRules>();
        rules->versions = visits[missing[m]].versions;
        write(missing[m], *rules);
        splitServiceRules(*rules);
        fresh[m] = std::move(rules);
    });
    for (std::size_t m = 0; m < missing.size(); ++m) {
        ServiceVisit& v = visits[missing[m]];
        const bool cacheable = cache && std::find(v.versions.begin(), v.versions.end(), std::uint64_t{0}) == v.versions.end();
        if (cacheable) cache->services[*v.key] = SyncCache::Entry{fresh[m], cache->syncs};
        v.rules = std::move(fresh[m]);
    }
}

std::shared_ptr<const ServiceRules> cachedServiceRules(SyncCache* cache, const std::string& key, const std::uint64_t* versions, std::size_t count) {
    if (!cache || std::find(versions, versions + count, std::uint64_t{0}) != versions + count) return nullptr;
    auto it = cache->services.find(key);
    if (it == cache->services.end()) return nullptr;
    const std::vector<std::uint64_t>& written = it->second.rules->versions;
    if (written.size() != count || !std::equal(written.begin(), written.end(), versions)) return nullptr;
    it->second.seen = cache->syncs;
    return it->second.rules;
}

const std::vector<const char*>& perServicePrefixes(Era era) {
    static const std::vector<const char*> kLegacy{"KUBE-SVC-", "KUBE-SEP-", "KUBE-FW-", "KUBE-XLB-"};
    static const std::vector<const char*> kModern{"KUBE-SVC-", "KUBE-SVL-", "KUBE-EXT-", "KUBE-FW-", "KUBE-SEP-"};
    return era == Era::Legacy ? kLegacy : kModern;
}

bool hasPerServicePrefix(Era era, const std::string& chain) {
    for (const char* p : perServicePrefixes(era))
        if (chain.rfind(p, 0) == 0) return true;
    return false;
}

std::vector<ChainLines> splitByChain(const std::string& text, bool skipDeletions, bool& ok) {
    struct Part {
        std::string_view chain;
        std::string text;
        std::size_t rules = 0;
    };
    std::vector<Part> parts;
    std::string_view rest(text);
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl == std::string_view::npos ? rest.size() : nl + 1);
        rest.remove_prefix(line.size());
        if (skipDeletions && line.starts_with("-X ")) continue;
        const std::size_t end = line.find_first_of(" \n", 3);
        if (!line.starts_with("-A ") || end == std::string_view::npos || end == 3 || line.back() != '\n') {
            ok = false;
            continue;
        }
        const std::string_view chain = line.substr(3, end - 3);
        // A service writes a dozen chains at most: a linear search beats a map.
        auto it = std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.chain == chain; });
        if (it == parts.end()) it = parts.insert(parts.end(), Part{chain, {}, 0});
        it->text += line;
        ++it->rules;
    }
    std::vector<ChainLines> out;
    out.reserve(parts.size());
    for (Part& p : parts) out.push_back(ChainLines{std::string(p.chain), std::make_shared<const std::string>(std::move(p.text)), p.rules, false});
    return out;
}

std::vector<std::string> declaredChains(const std::string& text) {
    std::vector<std::string> out;
    std::string_view rest(text);
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        if (line.starts_with(":")) out.emplace_back(line.substr(1, line.find(' ') - 1));
    }
    return out;
}

void splitServiceRules(ServiceRules& r) {
    r.lines = static_cast<std::size_t>(std::count(r.natChains.begin(), r.natChains.end(), '\n') +
                                       std::count(r.natRules.begin(), r.natRules.end(), '\n') +
                                       std::count(r.filterRules.begin(), r.filterRules.end(), '\n'));
    bool ok = true;
    r.natParts = splitByChain(r.natRules, false, ok);
    r.filterParts = splitByChain(r.filterRules, false, ok);
    if (!ok) {  // not the shape applySync writes on its own: the restore text will be used
        r.natParts.clear();
        r.filterParts.clear();
        r.natParts.push_back(ChainLines{"", nullptr, 0, false});
        return;
    }
    for (ChainLines& part : r.natParts) part.own = std::find(r.chains.begin(), r.chains.end(), part.chain) != r.chains.end();
    // Shared chains' parts first: a sync that only moves a service's KUBE-SERVICES rules reads
    // those and stops at the first own part.
    std::stable_partition(r.natParts.begin(), r.natParts.end(), [](const ChainLines& p) { return !p.own; });
}

std::vector<std::string> staleChains(const SyncInput& in, const std::vector<std::shared_ptr<const ServiceRules>>& services,
                                     const std::vector<const char*>& prefixes) {
    auto ours = [&](std::string_view c) {
        for (const char* p : prefixes)
            if (c.starts_with(p)) return true;
        return false;
    };
    std::vector<std::string> stale;
    const SyncCache* cache = in.cache;
    if (cache && in.natTable && cache->applied.natStamp != 0 && cache->applied.natStamp == in.natTable->stamp() && cache->applied.era == in.era) {
        // The table is as the last applied sync left it: its per-service chains are those its
        // services declared, so the stale ones are among the chains of the services that changed.
        const SyncCache::Applied& applied = cache->applied;
        const RulesSet now(services), before(applied.services);
        std::unordered_set<std::string_view> declaredByChanged;
        for (const auto& s : services)
            if (!before.count(s.get()))
                for (const std::string& c : s->chains) declaredByChanged.insert(c);
        for (const auto& s : applied.services) {
            if (now.count(s.get())) continue;
            for (const std::string& c : s->chains) {
                if (!ours(c) || declaredByChanged.count(c)) continue;
                auto owner = applied.owners.find(c);
                if (owner != applied.owners.end() && owner->second != s.get() && now.count(owner->second)) continue;
                stale.push_back(c);
            }
        }
        std::sort(stale.begin(), stale.end());
        stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
        return stale;
    }
    std::vector<std::string_view> existing;
    if (in.natTable)
        for (const netfilter::Chain& c : in.natTable->chains()) existing.push_back(c.name);
    else
        existing.assign(in.existingNatChains.begin(), in.existingNatChains.end());
    const DeclaredChains declared(existing, services);
    for (std::string_view c : existing)
        if (ours(c) && !declared.declared(c)) stale.emplace_back(c);
    return stale;
}

DeclaredChains::DeclaredChains(const std::vector<std::string_view>& existing, const std::vector<std::shared_ptr<const ServiceRules>>& services) {
    m_declared.reserve(existing.size());
    for (std::string_view c : existing) m_declared.emplace(c, false);
    if (m_declared.empty()) return;
    for (const auto& s : services)
        for (const std::string& c : s->chains)
            if (auto it = m_declared.find(c); it != m_declared.end()) it->second = true;
}

} // namespace kns::proxy
