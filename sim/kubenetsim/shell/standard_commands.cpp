#include <kubenetsim/shell/standard_commands.hpp>

#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::shell {

void registerStandardCommands(Shell& shell) {
    registerSimCommands(shell);
    // kubectl (kubectl/commands) and the data plane's commands register here as they land.
}

} // namespace kns::shell
