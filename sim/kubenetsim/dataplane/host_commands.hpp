#pragma once
// Running a command on a chosen node of a multi-node cluster:
//   docker exec [-i] [-t] NODE CMD [ARG...]   what kind users type (kind's nodes are docker containers)
//   node NODE CMD [ARG...]                    the same, without pretending to be docker
// Both run CMD (any shell command: iptables-save, ip, conntrack, curl ...) with Invocation::host
// set to NODE, so that every network command acts on that node's namespace.
namespace kns::shell {
class Shell;
}

namespace kns::dataplane {

void registerHostCommands(shell::Shell& shell);

} // namespace kns::dataplane
