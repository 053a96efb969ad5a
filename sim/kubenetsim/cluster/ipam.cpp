#include <kubenetsim/cluster/ipam.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/net/ipv4.hpp>

namespace kns {

namespace {
const NodeDef* findNode(const Simulation& sim, const std::string& node) {
    for (const auto& n : sim.config().nodes)
        if (n.name == node) return &n;
    return nullptr;
}
} // namespace

std::optional<std::string> allocatePodIP(Simulation& sim, const std::string& node, const std::string& podKey) {
    const NodeDef* def = findNode(sim, node);
    if (!def) return std::nullopt;
    auto range = Cidr::parse(def->podCIDR);
    if (!range) return std::nullopt;
    auto& used = sim.state().ipam.podIPsByNode[node];
    auto gateway = Ipv4::parse(def->podGateway);
    // Offset 0 is the network, offset 1 conventionally the gateway; the last is broadcast.
    for (std::uint64_t off = 1; off + 1 < range->size(); ++off) {
        Ipv4 ip = range->at(off);
        if (gateway && ip == *gateway) continue;
        if (used.count(ip.value)) continue;
        used.insert(ip.value);
        sim.state().ipam.podIPOwner[podKey] = {node, ip.value};
        return ip.str();
    }
    return std::nullopt;
}

void reservePodIP(Simulation& sim, const std::string& node, const std::string& ip, const std::string& podKey) {
    auto addr = Ipv4::parse(ip);
    if (!addr) return;
    sim.state().ipam.podIPsByNode[node].insert(addr->value);
    if (!podKey.empty()) sim.state().ipam.podIPOwner[podKey] = {node, addr->value};
}

void releasePodIP(Simulation& sim, const std::string& podKey) {
    auto& owners = sim.state().ipam.podIPOwner;
    auto it = owners.find(podKey);
    if (it == owners.end()) return;
    sim.state().ipam.podIPsByNode[it->second.first].erase(it->second.second);
    owners.erase(it);
}

Expected<std::string> allocateServiceIP(Simulation& sim, const std::string& serviceKey, const std::string& requested) {
    if (requested == "None") return std::string("None");
    auto range = Cidr::parse(sim.config().serviceCIDR);
    if (!range) return Error{"the cluster has no valid service range", "clusterIP"};
    auto& used = sim.state().ipam.serviceIPs;
    std::string wanted = requested;
    if (wanted.empty()) {
        auto it = sim.state().reservations.clusterIPs.find(serviceKey);
        if (it != sim.state().reservations.clusterIPs.end()) wanted = it->second;
    }
    if (!wanted.empty()) {
        auto ip = Ipv4::parse(wanted);
        if (!ip) return Error{"spec.clusterIP: Invalid value: \"" + wanted + "\": must be a valid IP address", "spec.clusterIP"};
        if (!range->contains(*ip))
            return Error{"spec.clusterIP: Invalid value: \"" + wanted + "\": provided IP is not in the valid range. The range of valid IPs is " + range->str(), "spec.clusterIP"};
        if (used.count(ip->value))
            return Error{"spec.clusterIP: Invalid value: \"" + wanted + "\": provided IP is already allocated", "spec.clusterIP"};
        used.insert(ip->value);
        return ip->str();
    }
    // Random scan like the API server's bitmap allocator: a random start, then the next free one.
    const std::uint64_t usable = range->size() - 2;  // no network, no broadcast address
    if (used.size() >= usable) return Error{"Internal error occurred: failed to allocate a serviceIP: range is full", "spec.clusterIP"};
    std::uint64_t start = sim.rng("apiserver/cluster-ip").below(usable);
    for (std::uint64_t i = 0; i < usable; ++i) {
        Ipv4 ip = range->at(1 + (start + i) % usable);
        if (!used.count(ip.value)) {
            used.insert(ip.value);
            return ip.str();
        }
    }
    return Error{"Internal error occurred: failed to allocate a serviceIP: range is full", "spec.clusterIP"};
}

void releaseServiceIP(Simulation& sim, const std::string& ip) {
    if (auto a = Ipv4::parse(ip)) sim.state().ipam.serviceIPs.erase(a->value);
}

Expected<int> allocateNodePort(Simulation& sim, int requested) {
    const int lo = sim.config().nodePortMin, hi = sim.config().nodePortMax;
    auto& used = sim.state().ipam.nodePorts;
    if (requested != 0) {
        if (requested < lo || requested > hi)
            return Error{"Invalid value: " + std::to_string(requested) + ": provided port is not in the valid range. The range of valid ports is " +
                             std::to_string(lo) + "-" + std::to_string(hi), "spec.ports[].nodePort"};
        if (used.count(requested))
            return Error{"Invalid value: " + std::to_string(requested) + ": provided port is already allocated", "spec.ports[].nodePort"};
        used.insert(requested);
        return requested;
    }
    const int span = hi - lo + 1;
    int start = static_cast<int>(sim.rng("apiserver/node-port").below(static_cast<std::uint64_t>(span)));
    for (int i = 0; i < span; ++i) {
        int p = lo + (start + i) % span;
        if (!used.count(p)) {
            used.insert(p);
            return p;
        }
    }
    return Error{"Internal error occurred: failed to allocate a nodePort: range is full", "spec.ports[].nodePort"};
}

void releaseNodePort(Simulation& sim, int port) { sim.state().ipam.nodePorts.erase(port); }

std::optional<std::string> allocateLoadBalancerIP(Simulation& sim) {
    auto pool = Cidr::parse(sim.config().loadBalancerPool);
    if (!pool) return std::nullopt;
    auto& used = sim.state().ipam.loadBalancerIPs;
    for (std::uint64_t off = 0; off < pool->size(); ++off) {
        Ipv4 ip = pool->at(off);
        if (!used.count(ip.value)) {
            used.insert(ip.value);
            return ip.str();
        }
    }
    return std::nullopt;
}

void releaseLoadBalancerIP(Simulation& sim, const std::string& ip) {
    if (auto a = Ipv4::parse(ip)) sim.state().ipam.loadBalancerIPs.erase(a->value);
}

} // namespace kns
