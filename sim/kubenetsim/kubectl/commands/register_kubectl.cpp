#include <kubenetsim/kubectl/commands/kubectl.hpp>

#include <memory>

namespace kns::kubectl {

void registerKubectl(shell::Shell& shell, ContainerCommands containers) {
    // The table lives in the command's closure: one per shell, no globals.
    auto table = std::make_shared<const ContainerCommands>(std::move(containers));
    shell::CommandFn fn = [table](shell::Invocation& inv) {
        Simulation& sim = inv.shell.sim();
        const SimTime duration = kubectlDuration(sim, inv.argv);
        shell::CommandResult r = runKubectl(sim, KubectlInput{inv.argv, inv.stdinText, inv.hasStdin}, *table);
        inv.shell.addTime(duration);
        return r;
    };
    shell.registerCommand("kubectl", shell::CommandInfo{fn, "talk to the simulated API server (get, describe, apply, scale, ...)",
                                                        "kubectl VERB [ARGS]... (kubectl --help for the verbs)"});
}

} // namespace kns::kubectl
