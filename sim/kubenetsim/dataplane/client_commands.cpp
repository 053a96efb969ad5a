#include <kubenetsim/dataplane/client_commands.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/kubectl/commands/container_commands.hpp>

namespace kns::dataplane {

namespace {

using Program = shell::CommandResult (*)(Simulation&, const std::string&, const std::vector<std::string>&);

// A program run on the shell's node. Its packets moved the clock themselves.
shell::CommandFn onNode(Program program) {
    return [program](shell::Invocation& inv) {
        Simulation& sim = inv.shell.sim();
        shell::CommandResult r = program(sim, nodeNamespaceKey(sim.config().shellNode), inv.argv);
        inv.shell.addTime(SimTime::zero());
        return r;
    };
}

} // namespace

void registerClientCommands(shell::Shell& sh) {
    sh.registerCommand("curl", shell::CommandInfo{onNode(curl), "transfer a URL over simulated HTTP",
                                                  "curl [-s] [-S] [-v] [-i] [-m SECONDS] [--connect-timeout SECONDS] [-H 'NAME: VALUE'] URL"});
    sh.registerCommand("ping", shell::CommandInfo{onNode(ping), "send ICMP echo requests (4 unless -c says otherwise)", "ping [-c COUNT] HOST"});
    sh.registerCommand("nslookup", shell::CommandInfo{onNode(nslookup), "ask the DNS for a name's address", "nslookup NAME"});
    sh.registerCommand("load", shell::CommandInfo{[](shell::Invocation& inv) {
                                                      Simulation& sim = inv.shell.sim();
                                                      shell::CommandResult r = load(sim, sim.config().shellNode, inv.argv);
                                                      inv.shell.addTime(SimTime::zero());
                                                      return r;
                                                  },
                                                  "send many HTTP requests and count which endpoint answered each",
                                                  "load --to IP:PORT [--from NODE|POD] --count N [--rate PER_SECOND] [--path PATH]"});
}

void addContainerNetworkCommands(kubectl::ContainerCommands& commands) {
    auto inPod = [](Program program) {
        return [program](kubectl::ContainerInvocation& inv) { return program(inv.sim, podNamespaceKey(objectKey(inv.pod)), inv.argv); };
    };
    commands.add("curl", inPod(curl));
    commands.add("ping", inPod(ping));
    commands.add("nslookup", inPod(nslookup));
}

} // namespace kns::dataplane
