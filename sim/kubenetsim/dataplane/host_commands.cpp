#include <kubenetsim/dataplane/host_commands.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::dataplane {

namespace {

using shell::CommandResult;
using shell::Invocation;

bool isNode(const Simulation& sim, const std::string& name) {
    for (const auto& n : sim.config().nodes)
        if (n.name == name) return true;
    return false;
}

std::string nodeList(const Simulation& sim) {
    std::string out;
    for (const auto& n : sim.config().nodes) out += (out.empty() ? "" : ", ") + n.name;
    return out;
}

// Runs argv[first...] as a shell command on `node`, with the caller's stdin.
CommandResult runOn(Invocation& inv, const std::string& node, std::size_t first, const std::string& notFound) {
    const std::string& program = inv.argv[first];
    const shell::CommandInfo* info = inv.shell.findCommand(program);
    if (!info) return CommandResult{"", notFound, 126};
    Invocation inner{inv.shell, std::vector<std::string>(inv.argv.begin() + static_cast<std::ptrdiff_t>(first), inv.argv.end()), inv.stdinText,
                     inv.hasStdin, node};
    return info->fn(inner);
}

const char* kDockerExecUsage =
    "\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n";

// docker 24's CLI: flags before the container name, errors worded as it words them.
CommandResult docker(Invocation& inv) {
    if (inv.argv.size() < 2) return CommandResult{"", "Usage:  docker [OPTIONS] COMMAND\n\nkubenetsim's docker knows one command: exec\n", 1};
    if (inv.argv[1] != "exec")
        return CommandResult{"", "docker: '" + inv.argv[1] + "' is not a docker command.\nSee 'docker --help'\n", 1};
    std::size_t i = 2;
    for (; i < inv.argv.size() && inv.argv[i].size() > 1 && inv.argv[i][0] == '-'; ++i) {
        const std::string& f = inv.argv[i];
        if (f == "--interactive" || f == "--tty") continue;
        if (f.rfind("--", 0) == 0) return CommandResult{"", "unknown flag: " + f + "\nSee 'docker exec --help'.\n", 125};
        for (std::size_t k = 1; k < f.size(); ++k)
            if (f[k] != 'i' && f[k] != 't')
                return CommandResult{"", std::string("unknown shorthand flag: '") + f[k] + "' in " + f + "\nSee 'docker exec --help'.\n", 125};
    }
    if (inv.argv.size() - i < 2)
        return CommandResult{"", "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n" + std::string(kDockerExecUsage), 1};
    const std::string& node = inv.argv[i];
    // kind's nodes are the docker containers kubenetsim knows; a legacy VM node answers too.
    if (!isNode(inv.shell.sim(), node)) return CommandResult{"", "Error response from daemon: No such container: " + node + "\n", 1};
    return runOn(inv, node, i + 1,
                 "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + inv.argv[i + 1] +
                     "\": executable file not found in $PATH: unknown\n");
}

CommandResult nodeCommand(Invocation& inv) {
    if (inv.argv.size() < 3) return shell::usageError(inv, "expected a node and a command");
    const std::string& node = inv.argv[1];
    if (!isNode(inv.shell.sim(), node))
        return CommandResult{"", "node: no node named \"" + node + "\" (nodes: " + nodeList(inv.shell.sim()) + ")\n", 1};
    return runOn(inv, node, 2, "node: " + inv.argv[2] + ": command not found\n");
}

} // namespace

void registerHostCommands(shell::Shell& sh) {
    sh.registerCommand("docker", shell::CommandInfo{docker, "run a command on a node (kind's nodes are docker containers)",
                                                    "docker exec [-it] NODE CMD [ARG...]"});
    sh.registerCommand("node", shell::CommandInfo{nodeCommand, "run a command on a node", "node NODE CMD [ARG...]"});
}

} // namespace kns::dataplane
