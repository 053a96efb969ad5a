#include <kubenetsim/shell/standard_commands.hpp>

#include <kubenetsim/dataplane/client_commands.hpp>
#include <kubenetsim/dataplane/network_commands.hpp>
#include <kubenetsim/kubectl/commands/container_commands.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::shell {

void registerStandardCommands(Shell& shell) {
    registerSimCommands(shell);
    kubectl::ContainerCommands containers = kubectl::builtinContainerCommands();
    dataplane::addContainerNetworkCommands(containers);
    kubectl::registerKubectl(shell, std::move(containers));
    dataplane::registerNetworkCommands(shell);
    dataplane::registerClientCommands(shell);
}

} // namespace kns::shell
