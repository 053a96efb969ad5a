#include <kubenetsim/shell/standard_commands.hpp>

#include <kubenetsim/dataplane/network_commands.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::shell {

void registerStandardCommands(Shell& shell) {
    registerSimCommands(shell);
    kubectl::registerKubectl(shell);
    dataplane::registerNetworkCommands(shell);
}

} // namespace kns::shell
