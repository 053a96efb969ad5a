#pragma once
// Address management: pod IPs from each node's pod range (lowest free address after the gateway,
// as docker's bridge IPAM and CNI host-local do), ClusterIPs from the service range (random, as
// the API server's allocator does, unless fixed by spec.clusterIP or a scenario reservation),
// NodePorts from the node-port range, and LoadBalancer addresses from a pool in order.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <kubenetsim/util/expected.hpp>

namespace kns {

class Simulation;

struct IpamState {
    std::map<std::string, std::set<std::uint32_t>> podIPsByNode;  // node -> used addresses
    std::map<std::string, std::pair<std::string, std::uint32_t>> podIPOwner;  // pod key -> (node, ip)
    std::set<std::uint32_t> serviceIPs;
    std::set<int> nodePorts;
    std::set<std::uint32_t> loadBalancerIPs;
};

// The pod's address on that node; nullopt when the node's range is exhausted.
std::optional<std::string> allocatePodIP(Simulation& sim, const std::string& node, const std::string& podKey);
void releasePodIP(Simulation& sim, const std::string& podKey);
// Marks an address as used (hostNetwork pods, addresses that pre-exist in a profile).
void reservePodIP(Simulation& sim, const std::string& node, const std::string& ip, const std::string& podKey);

// requested: "" (allocate), "None" (headless), or an address that must be in range and free.
Expected<std::string> allocateServiceIP(Simulation& sim, const std::string& serviceKey, const std::string& requested);
void releaseServiceIP(Simulation& sim, const std::string& ip);
// requested: 0 (allocate) or a port that must be in range and free.
Expected<int> allocateNodePort(Simulation& sim, int requested);
void releaseNodePort(Simulation& sim, int port);
std::optional<std::string> allocateLoadBalancerIP(Simulation& sim);
void releaseLoadBalancerIP(Simulation& sim, const std::string& ip);

} // namespace kns
