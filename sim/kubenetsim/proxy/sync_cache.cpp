#include <algorithm>

#include <kubenetsim/proxy/proxy_rules.hpp>

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

std::shared_ptr<const ServiceRules> rulesForService(SyncCache* cache, const std::string& key, std::vector<std::uint64_t> versions,
                                                    const std::function<void(ServiceRules&)>& write) {
    const bool cacheable = cache && std::find(versions.begin(), versions.end(), std::uint64_t{0}) == versions.end();
    if (cacheable) {
        auto it = cache->services.find(key);
        if (it != cache->services.end() && it->second.rules->versions == versions) {
            it->second.seen = cache->syncs;
            return it->second.rules;
        }
    }
    auto fresh = std::make_shared<ServiceRules>();
    fresh->versions = std::move(versions);
    write(*fresh);
    if (cacheable) cache->services[key] = SyncCache::Entry{fresh, cache->syncs};
    return fresh;
}

} // namespace kns::proxy
