#pragma once
// The one command layer: the CLI shell, the GUI console and scenarios all send text lines here
// and print exactly what comes back.
//
// Contract:
//  - run(line) parses one line (pipes, `for i in $(seq N); do ...; done`, `sudo`), runs it
//    against the simulation and returns stdout, stderr and the exit status, byte for byte what
//    a terminal would show (no colour, a final newline added when output lacks one).
//  - Simulated time advances only through commands: each command takes its own simulated
//    duration (kubectl round trips, `sleep N`), applied after it runs.
//  - Same input, same seed: same bytes.
//  - New commands plug in with registerCommand() without touching the parser (the data plane's
//    curl, iptables-save, trace ... are registered that way).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>

namespace kns::shell {

struct CommandResult {
    std::string out;
    std::string err;
    int status = 0;
};

class Shell;

// What a command sees: its arguments (argv[0] is the command word), the piped-in text, and the
// shell (for the simulation, snapshots and the time it wants to take).
struct Invocation {
    Shell& shell;
    std::vector<std::string> argv;
    std::string stdinText;
    bool hasStdin = false;
};

using CommandFn = std::function<CommandResult(Invocation&)>;

struct CommandInfo {
    CommandFn fn;
    std::string summary;  // one line for `help`
    std::string usage;    // shown by `help NAME` and on usage errors
};

} // namespace kns::shell
