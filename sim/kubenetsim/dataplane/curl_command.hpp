#pragma once
// curl as curl 7.88 behaves for the lessons: `curl [-s] [-S] [-v] [-i] [-m SECONDS]
// [--connect-timeout SECONDS] [-H 'Name: value'] URL`, run in one namespace (a node's, or a
// pod's through kubectl exec). The body goes to stdout; errors are curl's own lines and exit
// codes (6 unknown host, 7 refused or unreachable, 28 timeouts, 56 reset); -s silences them
// and -sS brings them back. -v adds curl's "*", "> " and "< " lines on stderr, as a terminal
// shows them (no "{ [N bytes data]" notes, which curl prints only when stdout is not one).
// Named simplifications: no progress meter when the output is piped; the time a name lookup
// takes is not counted in "after N ms" or against -m.
#include <string>
#include <vector>

#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

shell::CommandResult curl(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv);

} // namespace kns::dataplane
