#pragma once
// Registers the data plane's commands with a shell: iptables-save, iptables-restore, iptables,
// conntrack (on the shell's node).
namespace kns::shell {
class Shell;
}

namespace kns::dataplane {

void registerNetworkCommands(shell::Shell& shell);

} // namespace kns::dataplane
