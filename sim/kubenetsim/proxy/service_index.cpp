#include <kubenetsim/proxy/service_index.hpp>

namespace kns::proxy {

ServiceIndex::ServiceIndex(const ClusterState& objects, Slices slices) {
    m_items.reserve(objects.services.size());
    m_byKey.reserve(objects.services.size());
    // Both maps are sorted by key: one walk pairs each service with its Endpoints.
    auto ep = objects.endpoints.begin();
    for (const auto& [key, svc] : objects.services) {
        while (ep != objects.endpoints.end() && ep->first < key) ++ep;
        const Endpoints* endpoints = ep != objects.endpoints.end() && ep->first == key ? &ep->second : nullptr;
        m_byKey.insert(key, static_cast<std::uint32_t>(m_items.size()));
        m_items.push_back(ServiceObjects{&svc, endpoints, {}});
    }
    if (slices == Slices::Skip) return;
    // Each slice's service (by its kubernetes.io/service-name label; a slice of no service is
    // never read), then the slices grouped by service keeping their key order: a counting sort.
    std::vector<std::pair<std::uint32_t, const EndpointSlice*>> owned;
    owned.reserve(objects.endpointSlices.size());
    std::vector<std::uint32_t> count(m_items.size() + 1, 0);
    std::string key;  // reused: no allocation a slice
    for (const auto& [name, slice] : objects.endpointSlices) {
        auto label = slice.meta.labels.find("kubernetes.io/service-name");
        if (label == slice.meta.labels.end()) continue;
        key.assign(slice.meta.ns).append("/").append(label->second);
        const std::uint32_t k = m_byKey.find(key);
        if (k == NameIndex::npos) continue;
        owned.emplace_back(k, &slice);
        ++count[k + 1];
    }
    for (std::size_t k = 1; k < count.size(); ++k) count[k] += count[k - 1];  // count[k]: first slot of service k
    m_slices.resize(owned.size());
    std::vector<std::uint32_t> next(count.begin(), count.end() - 1);
    for (const auto& [k, slice] : owned) m_slices[next[k]++] = slice;
    for (std::size_t k = 0; k < m_items.size(); ++k)
        m_items[k].slices = std::span<const EndpointSlice* const>(m_slices.data() + count[k], count[k + 1] - count[k]);
}

} // namespace kns::proxy
