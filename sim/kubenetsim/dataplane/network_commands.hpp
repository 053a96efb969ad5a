#pragma once
// Registers the data plane's commands with a shell, each acting on the node the command runs on
// (shell::hostNode: the shell's node, or the one `docker exec NODE` / `node NODE` chose):
//   iptables-save, iptables-restore, iptables, conntrack       (netfilter_commands.hpp)
//   ip addr|link|route                                          (ip_command.hpp)
//   docker exec NODE CMD..., node NODE CMD...                   (host_commands.hpp)
//   trace ...                                                   (trace_command.hpp)
//   export pcap FILE                                            the captured packets as a pcap file
//   sim bridge-nf|hairpin|proxy-era|link ...                    (sim_network_commands.hpp)
// and the programs `kubectl exec POD -- CMD` finds in a pod (addNetworkContainerCommands).
namespace kns::shell {
class Shell;
}
namespace kns::kubectl {
class ContainerCommands;
}

namespace kns::dataplane {

// Expects registerSimCommands() to have run (it extends `sim`).
void registerNetworkCommands(shell::Shell& shell);

// Adds `ip` (in the pod's own namespace) to what kubectl exec can run.
void addNetworkContainerCommands(kubectl::ContainerCommands& commands);

} // namespace kns::dataplane
