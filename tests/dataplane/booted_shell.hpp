#pragma once
// A booted built-in cluster with the standard command set on a shell (the data plane's commands
// included), for tests that type commands as a learner does.
#include <string>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

namespace kns::test {

struct BootedShell {
    Simulation sim;
    shell::Shell shell{sim};
    explicit BootedShell(const std::string& profile, Reservations r = {}, std::uint64_t seed = 1) : sim(*builtinProfile(profile), seed, std::move(r)) {
        bootCluster(sim);
        shell::registerStandardCommands(shell);
    }
    shell::CommandResult run(const std::string& line) { return shell.run(line); }
};

} // namespace kns::test
