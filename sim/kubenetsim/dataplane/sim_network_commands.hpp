#pragma once
// The data plane's `sim` subcommands (added to the shell's `sim` through addSimSubcommand, so the
// shell does not depend on the data plane):
//   sim bridge-nf on|off NODE     net.bridge.bridge-nf-call-iptables on the node
//   sim hairpin on|off NODE       hairpin mode on the node's bridge ports (existing ones)
//   sim proxy-era legacy|modern   kube-proxy writes that era's rules; every node resyncs
//   sim link NODE [loss P | latency MS | bandwidth RATE]   the node's link (no setting: show it)
// Bad input changes nothing and says which word is wrong.
namespace kns::shell {
class Shell;
}

namespace kns::dataplane {

void registerSimNetworkCommands(shell::Shell& shell);

} // namespace kns::dataplane
