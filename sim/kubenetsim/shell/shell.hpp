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
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/time/sim_time.hpp>

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
    // The node the command runs on: empty means the shell's own node (config().shellNode);
    // `docker exec NODE CMD` and `node NODE CMD` set it for the command they run.
    std::string host;
};

// The node a command runs on (Invocation::host, else config().shellNode). Commands that act on
// a node's network (iptables, ip, curl ...) read it here rather than the configuration.
const std::string& hostNode(const Invocation& inv);

using CommandFn = std::function<CommandResult(Invocation&)>;

struct CommandInfo {
    CommandFn fn;
    std::string summary;  // one line for `help`
    std::string usage;    // shown by `help NAME` and on usage errors
    // A timed command takes config().latency.commandDefault of simulated time unless it calls
    // Shell::addTime() itself; an untimed one (text filters, `sim` controls) takes none.
    bool timed = true;
};

class Shell {
public:
    // Receives output as it reaches the terminal, in order (stdout and stderr interleaved as a
    // terminal would show them); each chunk already ends with a newline.
    using OutputFn = std::function<void(std::string_view text, bool isError)>;

    // Registers the shell's own builtins (echo, grep, head, tail, wc, sort, seq, sleep, history,
    // help, clear, exit, true, false). kubectl, `sim` and the network commands are added by
    // registerStandardCommands() (shell/standard_commands.hpp) or one by one.
    explicit Shell(Simulation& sim);

    // Runs one line (it may hold several commands, and newlines act as `;`). The result holds
    // everything written to stdout and to stderr, and the status of the last pipeline; a syntax
    // error runs nothing and returns status 2. onOutput, when given, sees the same text as it is
    // produced.
    CommandResult run(const std::string& line, const OutputFn& onOutput = {});

    // Adds or replaces a command. Names are what argv[0] must spell.
    void registerCommand(const std::string& name, CommandInfo info);
    const CommandInfo* findCommand(const std::string& name) const;
    const std::map<std::string, CommandInfo>& commands() const { return m_commands; }

    Simulation& sim() { return m_sim; }
    const Simulation& sim() const { return m_sim; }

    // Called by a running command: the simulated time it takes (accumulates; replaces the
    // default duration). The time is applied after the command (or its pipeline) finishes.
    void addTime(SimTime d);

    // Named snapshots for `sim snapshot` / `sim restore` and the GUI's what-if branches.
    std::map<std::string, Simulation::Snapshot>& snapshots() { return m_snapshots; }

    // Every non-blank line given to run(), in order (what `history` prints).
    const std::vector<std::string>& history() const { return m_history; }

    // The prompt an interactive front end shows before reading a line.
    const std::string& prompt() const { return m_sim.config().prompt; }

    // Status of the last pipeline run ($?).
    int lastStatus() const { return m_lastStatus; }

    // `exit [N]` asks the front end to stop; `clear` asks it to clear its screen.
    bool exitRequested() const { return m_exitStatus.has_value(); }
    int exitStatus() const { return m_exitStatus.value_or(0); }
    bool takeClearRequest() { return std::exchange(m_clearRequested, false); }
    void requestExit(int status) { m_exitStatus = status; }
    void requestClear() { m_clearRequested = true; }

private:
    friend class Executor;

    Simulation& m_sim;
    std::map<std::string, CommandInfo> m_commands;
    std::map<std::string, Simulation::Snapshot> m_snapshots;
    std::vector<std::string> m_history;
    std::map<std::string, std::string> m_variables;
    int m_lastStatus = 0;
    std::optional<int> m_exitStatus;
    bool m_clearRequested = false;
    // The duration declared through addTime() by the command running now.
    std::optional<SimTime> m_commandTime;
};

// "NAME: MESSAGE" plus the usage line, status 2: what a command prints when misused.
CommandResult usageError(const Invocation& inv, const std::string& message);
// Text with a final newline unless it is empty.
std::string withFinalNewline(std::string text);
// Lines of a text, without their newlines; a final line without newline counts.
std::vector<std::string> splitLines(const std::string& text);

} // namespace kns::shell
