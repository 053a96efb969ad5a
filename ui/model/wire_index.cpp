#include <ui/model/wire_index.hpp>

namespace kns::ui {

void WireIndex::sync(const Simulation& sim) {
    Stamp s;
    s.resourceVersion = sim.state().resourceVersion;
    const auto& all = sim.state().dataPlane.namespaces;
    s.namespaces = all.size();
    for (const auto& [key, ns] : all) {
        s.interfaces += ns.interfaces.size();
        for (const net::Interface& i : ns.interfaces) s.addresses += i.addresses.size();
    }
    if (m_synced && s == m_stamp) return;
    m_synced = true;
    m_stamp = s;
    m_bridges.clear();
    m_segments.clear();
}

const std::unordered_map<std::uint32_t, WireIndex::End>& WireIndex::bridge(const Simulation& sim, const std::string& ns, const std::string& name) {
    const std::string key = ns + " " + name;
    auto found = m_bridges.find(key);
    if (found != m_bridges.end()) return found->second;
    std::unordered_map<std::uint32_t, End>& owners = m_bridges[key];
    const auto& all = sim.state().dataPlane.namespaces;
    auto self = all.find(ns);
    if (self == all.end()) return owners;
    for (const net::Interface& port : self->second.interfaces) {
        if (port.master != name) continue;
        auto peer = all.find(port.peerNamespace);
        const net::Interface* far = peer == all.end() ? nullptr : peer->second.findInterface(port.peerInterface);
        if (!far) continue;
        for (const auto& a : far->addresses) owners.emplace(a.address.value, End{port.peerNamespace, port.peerInterface});  // the first port wins
    }
    return owners;
}

const std::unordered_map<std::uint32_t, std::vector<WireIndex::End>>& WireIndex::segment(const Simulation& sim, const std::string& name) {
    auto found = m_segments.find(name);
    if (found != m_segments.end()) return found->second;
    std::unordered_map<std::uint32_t, std::vector<End>>& owners = m_segments[name];
    for (const auto& [key, ns] : sim.state().dataPlane.namespaces)
        for (const net::Interface& i : ns.interfaces)
            if (i.segment == name)
                for (const auto& a : i.addresses) owners[a.address.value].push_back(End{key, i.name});
    return owners;
}

WireIndex::End WireIndex::wireEnd(const Simulation& sim, const HopRecord& hop) {
    const auto& all = sim.state().dataPlane.namespaces;
    auto self = all.find(hop.ns);
    if (self == all.end()) return {};
    const net::Interface* out = self->second.findInterface(hop.result.egress);
    if (!out) return {};
    const std::uint32_t next = hop.result.nextHop.value;
    if (out->kind == "veth") return {out->peerNamespace, out->peerInterface};
    if (out->kind == "bridge") {
        const auto& owners = bridge(sim, hop.ns, out->name);
        auto it = owners.find(next);
        return it == owners.end() ? End{} : it->second;
    }
    if (!out->segment.empty()) {
        const auto& owners = segment(sim, out->segment);
        auto it = owners.find(next);
        if (it != owners.end())
            for (const End& e : it->second)
                if (e.first != hop.ns) return e;
    }
    return {};
}

} // namespace kns::ui
