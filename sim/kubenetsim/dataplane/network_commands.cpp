#include <kubenetsim/dataplane/network_commands.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/host_commands.hpp>
#include <kubenetsim/dataplane/ip_command.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>
#include <kubenetsim/dataplane/sim_network_commands.hpp>
#include <kubenetsim/dataplane/trace_command.hpp>
#include <kubenetsim/kubectl/commands/container_commands.hpp>
#include <kubenetsim/net/pcap.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::dataplane {

namespace {

using shell::CommandResult;
using shell::Invocation;

// `export pcap FILE`: the file is written on the real filesystem, relative to the process's
// working directory, as a learner expects of a file they then open with tcpdump or Wireshark.
CommandResult exportPcap(Invocation& inv) {
    if (inv.argv.size() != 3 || inv.argv[1] != "pcap") return shell::usageError(inv, "expected `export pcap FILE'");
    const Simulation& sim = inv.shell.sim();
    const DataPlaneState& dp = sim.state().dataPlane;
    const std::string& path = inv.argv[2];
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return CommandResult{"", "export: cannot write \"" + path + "\": " + std::strerror(errno) + "\n", 1};
    const std::string bytes = net::pcapFile(dp.capture, sim.config().startEpochSeconds);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return CommandResult{"", "export: cannot write \"" + path + "\": " + std::strerror(errno) + "\n", 1};
    std::string msg = std::to_string(dp.capture.size()) + " packet" + (dp.capture.size() == 1 ? "" : "s") + " written to " + path;
    if (dp.captureDropped) msg += " (the " + std::to_string(dp.captureDropped) + " oldest were dropped from the capture buffer)";
    return CommandResult{msg + "\n", "", 0};
}

} // namespace

void registerNetworkCommands(shell::Shell& sh) {
    using shell::CommandInfo;
    using shell::hostNode;
    sh.registerCommand("iptables-save", CommandInfo{[](Invocation& inv) { return iptablesSave(inv.shell.sim(), hostNode(inv), inv.argv); },
                                                    "print the node's iptables rules in iptables-restore form",
                                                    "iptables-save [-c] [-t TABLE]"});
    sh.registerCommand("iptables-restore",
                       CommandInfo{[](Invocation& inv) { return iptablesRestore(inv.shell.sim(), hostNode(inv), inv.argv, inv.stdinText); },
                                   "replace the node's iptables rules with a dump from FILE or standard input",
                                   "iptables-restore [--noflush] [--counters] [FILE]"});
    sh.registerCommand("iptables", CommandInfo{[](Invocation& inv) { return iptables(inv.shell.sim(), hostNode(inv), inv.argv); },
                                               "list the node's iptables rules",
                                               "iptables [-t TABLE] -L [CHAIN] [-n] [-v] [-x] [--line-numbers] | -S [CHAIN] | -Z [CHAIN]"});
    sh.registerCommand("conntrack", CommandInfo{[](Invocation& inv) { return conntrack(inv.shell.sim(), hostNode(inv), inv.argv); },
                                                "list the node's connection tracking table", "conntrack -L"});
    sh.registerCommand("ip", CommandInfo{[](Invocation& inv) { return ipCommand(inv.shell.sim(), nodeNamespaceKey(hostNode(inv)), inv.argv); },
                                         "show the node's interfaces, addresses and routes",
                                         "ip [-4] addr|a [show [dev] DEV] | ip link [show [dev] DEV] | ip route|r [show] | ip route get ADDRESS"});
    sh.registerCommand("trace", CommandInfo{[](Invocation& inv) { return traceCommand(inv.shell.sim(), hostNode(inv), inv.argv); },
                                            "send one connection's first packet and show its path rule by rule (--all: every outcome)",
                                            "trace [--from NODE|POD|IP] [--via NODE] --to IP:PORT [--proto tcp|udp] [--all] [--json]"});
    sh.registerCommand("export", CommandInfo{exportPcap, "write the captured packets as a pcap file (tcpdump -r, Wireshark)", "export pcap FILE"});
    registerHostCommands(sh);
    registerSimNetworkCommands(sh);
}

void addNetworkContainerCommands(kubectl::ContainerCommands& commands) {
    commands.add("ip", [](kubectl::ContainerInvocation& inv) {
        // A hostNetwork pod shares its node's namespace.
        const std::string key = inv.pod.spec.hostNetwork ? nodeNamespaceKey(inv.pod.spec.nodeName) : podNamespaceKey(inv.pod.meta.ns + "/" + inv.pod.meta.name);
        return ipCommand(inv.sim, key, inv.argv);
    });
}

} // namespace kns::dataplane
