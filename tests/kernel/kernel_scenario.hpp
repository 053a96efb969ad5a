#pragma once
// A simulated cluster driven the way a learner drives it (the CLI's shell with every standard
// command), plus what the kernel suite asks of it: the data-plane state to rebuild, Services'
// addresses and endpoints, and the source address the simulation's routing picks.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::kerneltest {

struct ServingPod {
    std::string key;      // "default/rcsise-6nq3k"
    std::string name;
    std::string ip;
    std::string node;
    std::string version;  // SIMPLE_SERVICE_VERSION, default 0.5.0
};

class KernelScenario {
public:
    // Boots the built-in profile and runs each command line through the shell; every command
    // must succeed (checked with REQUIRE).
    KernelScenario(const std::string& profile, const std::vector<std::string>& commands);

    Simulation& sim() { return *m_sim; }
    shell::Shell& shell() { return *m_shell; }
    // The simulation's data plane as the commands left it.
    const DataPlaneState& dataPlane() const { return m_sim->state().dataPlane; }

    std::string shellNodeKey() const;
    std::string clusterIP(const std::string& service) const;
    // Ready endpoint addresses of a Service in "default".
    std::vector<std::string> endpointIPs(const std::string& service) const;
    // Running pods whose container runs simpleservice and has an address.
    std::vector<ServingPod> simpleservicePods() const;
    std::optional<ServingPod> podWithIP(const std::string& ip) const;
    // The node namespace key a client namespace ("node/X" or "pod/NS/NAME") sends through.
    std::string nodeKeyOf(const std::string& clientKey) const;
    // The source address the simulated routing table of a namespace gives a packet to `dst`.
    std::string sourceToward(const std::string& nsKey, const std::string& dst) const;

private:
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<shell::Shell> m_shell;
};

} // namespace kns::kerneltest
