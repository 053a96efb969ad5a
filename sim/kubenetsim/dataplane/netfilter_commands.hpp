#pragma once
// The netfilter commands of a node, as functions of (simulation, node, argv, stdin):
// iptables-save, iptables-restore, iptables (-L, -S, -Z) and conntrack -L. The shell registers
// them; they run on the node the shell is on.
#include <string>
#include <vector>

#include <kubenetsim/shell/shell.hpp>

namespace kns {

class Simulation;

namespace dataplane {

shell::CommandResult iptablesSave(Simulation& sim, const std::string& node, const std::vector<std::string>& argv);
// iptables-restore [-n|--noflush] [-c|--counters] [FILE]: the dump comes from FILE (read from
// the host's filesystem) when one is named, else from `input` (standard input).
shell::CommandResult iptablesRestore(Simulation& sim, const std::string& node, const std::vector<std::string>& argv, const std::string& input);
shell::CommandResult iptables(Simulation& sim, const std::string& node, const std::vector<std::string>& argv);
shell::CommandResult conntrack(Simulation& sim, const std::string& node, const std::vector<std::string>& argv);

// "Thu Nov 26 07:14:01 2026": ctime's layout of the simulated wall clock in the display zone.
std::string ctimeText(std::int64_t epochSeconds, int tzOffsetMinutes);

} // namespace dataplane
} // namespace kns
