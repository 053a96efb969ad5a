#include <kubenetsim/dataplane/network_commands.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::dataplane {

void registerNetworkCommands(shell::Shell& sh) {
    using shell::CommandInfo;
    using shell::Invocation;
    auto node = [](Invocation& inv) { return inv.shell.sim().config().shellNode; };
    sh.registerCommand("iptables-save", CommandInfo{[node](Invocation& inv) { return iptablesSave(inv.shell.sim(), node(inv), inv.argv); },
                                                    "print the node's iptables rules in iptables-restore form",
                                                    "iptables-save [-c] [-t TABLE]"});
    sh.registerCommand("iptables-restore",
                       CommandInfo{[node](Invocation& inv) { return iptablesRestore(inv.shell.sim(), node(inv), inv.argv, inv.stdinText); },
                                   "replace the node's iptables rules with a dump read from standard input",
                                   "iptables-restore [--noflush] [--counters] < FILE"});
    sh.registerCommand("iptables", CommandInfo{[node](Invocation& inv) { return iptables(inv.shell.sim(), node(inv), inv.argv); },
                                               "list the node's iptables rules",
                                               "iptables [-t TABLE] -L [CHAIN] [-n] [-v] [-x] [--line-numbers] | -S [CHAIN] | -Z [CHAIN]"});
    sh.registerCommand("conntrack", CommandInfo{[node](Invocation& inv) { return conntrack(inv.shell.sim(), node(inv), inv.argv); },
                                                "list the node's connection tracking table", "conntrack -L"});
}

} // namespace kns::dataplane
