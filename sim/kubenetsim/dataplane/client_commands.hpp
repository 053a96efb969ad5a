#pragma once
// The programs a learner runs to reach things over the simulated network: curl, ping, nslookup
// (in iputils' and bind9's layouts) and `load`, the load generator. Each runs in one network
// namespace; the shell runs them on its node, kubectl exec inside a pod.
#include <string>
#include <vector>

#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
}
namespace kns::kubectl {
class ContainerCommands;
}

namespace kns::dataplane {

shell::CommandResult ping(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv);
shell::CommandResult nslookup(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv);
// `load --to IP:PORT [--from NODE|POD] --count N [--rate R] [--path PATH]`
shell::CommandResult load(Simulation& sim, const std::string& shellNode, const std::vector<std::string>& argv);

// curl, ping, nslookup and load on the shell's node.
void registerClientCommands(shell::Shell& sh);
// curl, ping and nslookup inside pods, for kubectl exec.
void addContainerNetworkCommands(kubectl::ContainerCommands& commands);

} // namespace kns::dataplane
