#pragma once
// Where the wire a forwarded packet left by ends, as the fabric chooses it: a veth's peer, the
// bridge port whose far end owns the next hop, or the namespace on the shared segment owning the
// next hop. The packet timeline asks this for every forwarded hop it reads.
//
// Asking the namespaces directly means scanning every port of a bridge (a thousand pods, a
// thousand ports) for every hop; a load of 200 requests then took a tenth of a second to read.
// The index maps each bridge's and each segment's addresses to their owners instead, built on the
// first question about that bridge or segment and dropped when the namespaces may have changed:
// sync() compares the simulation's resourceVersion (pods created or updated) and the counts of
// namespaces, interfaces and addresses (pods removed, a command that changed an address).
//
// Contract: wireEnd() answers what scanning the namespaces would (the first owner in the same
// order), provided sync() was called since the namespaces last changed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/transport_state.hpp>

namespace kns::ui {

class WireIndex {
public:
    using End = std::pair<std::string, std::string>;  // namespace key, interface; empty when unknown

    void sync(const Simulation& sim);
    End wireEnd(const Simulation& sim, const HopRecord& hop);

private:
    struct Stamp {
        std::uint64_t resourceVersion = 0;
        std::size_t namespaces = 0, interfaces = 0, addresses = 0;
        bool operator==(const Stamp& o) const {
            return resourceVersion == o.resourceVersion && namespaces == o.namespaces && interfaces == o.interfaces && addresses == o.addresses;
        }
    };
    const std::unordered_map<std::uint32_t, End>& bridge(const Simulation& sim, const std::string& ns, const std::string& name);
    const std::unordered_map<std::uint32_t, std::vector<End>>& segment(const Simulation& sim, const std::string& name);

    bool m_synced = false;
    Stamp m_stamp;
    std::unordered_map<std::string, std::unordered_map<std::uint32_t, End>> m_bridges;  // "ns bridge" -> address -> port's far end
    std::unordered_map<std::string, std::unordered_map<std::uint32_t, std::vector<End>>> m_segments;  // -> address -> owners, in order
};

} // namespace kns::ui
