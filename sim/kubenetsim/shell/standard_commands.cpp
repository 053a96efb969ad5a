#include <kubenetsim/shell/standard_commands.hpp>

#include <kubenetsim/dataplane/network_commands.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::shell {

void registerStandardCommands(Shell& shell) {
    registerSimCommands(shell);
    dataplane::registerNetworkCommands(shell);
    // kubectl (kubectl/commands) registers here as it lands.
}

} // namespace kns::shell
