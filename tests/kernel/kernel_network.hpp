#pragma once
// A real copy of the simulation's network in the running kernel: namespaces, links, addresses,
// routes and sysctls as planNetwork() computes them, and HTTP servers standing in for the pods'
// simpleservice containers. The object owns everything it made: its destructor kills every
// process left in its namespaces and deletes the namespaces, also when a check failed half way.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/data_plane_state.hpp>

#include "host_process.hpp"
#include "netns_plan.hpp"

namespace kns::kerneltest {

// Prefix of every namespace the suite makes: "knsk-<pid>-<n>".
inline constexpr const char* kNamespacePrefix = "knsk-";

// Deletes namespaces a previous run left behind (its process is gone), after killing what runs
// in them. Returns their names.
std::vector<std::string> removeStaleNamespaces();

// The kernel namespaces that exist now with the suite's prefix.
std::vector<std::string> suiteNamespaces();

class KernelNetwork {
public:
    explicit KernelNetwork(const DataPlaneState& state);
    ~KernelNetwork();
    KernelNetwork(const KernelNetwork&) = delete;
    KernelNetwork& operator=(const KernelNetwork&) = delete;

    // Empty when every command of the plan succeeded; else the first failure.
    const std::string& error() const { return m_error; }
    const NetnsPlan& plan() const { return m_plan; }
    const std::string& kernelName(const std::string& simKey) const { return m_plan.kernelNames.at(simKey); }

    // Runs argv inside the namespace of a simulated node or pod (`ip netns exec`).
    HostResult exec(const std::string& simKey, std::vector<std::string> argv, const std::string& input = {}) const;

    // Starts the simpleservice stand-in in a pod's namespace and waits until it listens.
    // `name` is what it reports for each request it serves. Returns an error text or "".
    std::string startServer(const std::string& podKey, const std::string& name, int port, const std::string& version);
    // Names of the servers that answered a request since the last call, in order.
    std::vector<std::string> takeServed();

private:
    void teardown();
    NetnsPlan m_plan;
    std::string m_error;
    std::vector<std::unique_ptr<HostProcess>> m_servers;
};

} // namespace kns::kerneltest
