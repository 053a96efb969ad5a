#include <kubenetsim/shell/standard_commands.hpp>

#include <kubenetsim/kubectl/commands/kubectl.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::shell {

namespace {

// kubectl's verbs live in kubectl/commands; the shell adds only the glue: stdin for `-f -` and
// the command's own simulated duration (kubectlDuration, instead of the shell's default).
CommandResult kubectlCommand(Invocation& inv) {
    Simulation& sim = inv.shell.sim();
    const SimTime duration = kubectl::kubectlDuration(sim, inv.argv);
    CommandResult r = kubectl::runKubectl(sim, kubectl::KubectlInput{inv.argv, inv.stdinText, inv.hasStdin});
    inv.shell.addTime(duration);
    return r;
}

} // namespace

void registerStandardCommands(Shell& shell) {
    registerSimCommands(shell);
    shell.registerCommand("kubectl", CommandInfo{kubectlCommand, "talk to the simulated API server (get, describe, apply, scale, ...)",
                                                 "kubectl VERB [ARGS]... (kubectl --help for the verbs)"});
    // The data plane's commands (curl, iptables-save, ...) register here as they land.
}

} // namespace kns::shell
