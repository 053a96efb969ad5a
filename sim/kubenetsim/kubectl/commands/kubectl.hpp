#pragma once
// The `kubectl` command of the shell: argument parsing and every verb, as functions over the
// Simulation and its Api. Each call runs at the current simulated time and changes the cluster
// only through the Api (or not at all when it fails); the time the command itself takes is given
// by kubectlDuration() and applied by the shell after the command.
//
// Errors read as kubectl prints them, on stderr with status 1:
//   Error from server (NotFound): pods "x" not found
//   error: the server doesn't have a resource type "foo"
//   error: unknown flag: --foo            (legacy kubectl 1.5: "Error: unknown flag: --foo")
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/commands/container_commands.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::kubectl {

struct KubectlInput {
    std::vector<std::string> argv;  // argv[0] is "kubectl"
    std::string stdinText;          // for `-f -`
    bool hasStdin = false;
};

// Runs one kubectl command line. containers extends `kubectl exec` (see container_commands.hpp).
shell::CommandResult runKubectl(Simulation& sim, const KubectlInput& input, const ContainerCommands& containers);
// The same with the built-in container commands only.
shell::CommandResult runKubectl(Simulation& sim, const KubectlInput& input);

// The simulated duration of the command (a round trip to the API server, more for writes);
// `rollout status` advances time itself while it waits and returns its own small overhead.
SimTime kubectlDuration(const Simulation& sim, const std::vector<std::string>& argv);

// Registers `kubectl` in a shell: stdin for `-f -`, the command's own duration (addTime), and
// the container commands `kubectl exec` offers (the data plane passes a table extended with
// curl and the like).
void registerKubectl(shell::Shell& shell, ContainerCommands containers = builtinContainerCommands());

} // namespace kns::kubectl
