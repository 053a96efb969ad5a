#pragma once
// Each service with its Endpoints object and (for the modern era) the EndpointSlices labelled with
// its name, by key, for a sync's look-ups: ten thousand of them in a random order on every sync,
// which is most of what a sync that changed one service costs. Built in one walk through the
// sorted maps, into flat arrays with no allocation per service.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/util/name_index.hpp>

namespace kns::proxy {

struct ServiceObjects {
    const Service* service = nullptr;
    const Endpoints* endpoints = nullptr;  // null when the service has none
    std::span<const EndpointSlice* const> slices;  // in the slices' key order; empty unless indexed
};

class ServiceIndex {
public:
    enum class Slices { Skip, Index };
    ServiceIndex(const ClusterState& objects, Slices slices);
    ServiceIndex(const ServiceIndex&) = delete;  // the items view the index's own slice array
    ServiceIndex& operator=(const ServiceIndex&) = delete;

    // Null when there is no such service. Valid while the index and the objects live.
    const ServiceObjects* find(std::string_view key) const {
        const std::uint32_t k = m_byKey.find(key);
        return k == NameIndex::npos ? nullptr : &m_items[k];
    }

private:
    std::vector<ServiceObjects> m_items;  // in key order
    std::vector<const EndpointSlice*> m_slices;  // grouped by service, in key order within each
    NameIndex m_byKey;
};

} // namespace kns::proxy
