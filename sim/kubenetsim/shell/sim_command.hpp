#pragma once
// The `sim` command: what-if controls (node down/up, pod readiness), named snapshots, and the
// simulated clock.
//   sim node down|up NODE          the node's kubelet stops/resumes reporting (controllers/what_if.hpp)
//   sim pod unready|ready POD      the pod's readiness probe starts/stops failing
//   sim snapshot NAME              keep the whole simulation under NAME (Shell::snapshots())
//   sim restore NAME               put it back exactly
//   sim snapshots                  list them
//   sim time                       simulated time and simulated wall clock
//   sim advance DURATION           let simulated time pass (like sleep; 90s, 5m, 250ms)
#include <cstdint>
#include <string>

#include <kubenetsim/shell/shell.hpp>

namespace kns::shell {

class Shell;

void registerSimCommands(Shell& shell);

// Adds `sim WORD ...` to an already registered `sim` command: invocations whose first argument
// is `word` go to `fn` (argv as typed, argv[1] == word), every other one to what was there
// before, and `usage` joins the command's usage line. Lets other parts of the simulator (the
// data plane's bridge-nf, hairpin, proxy-era, link) extend `sim` without the shell knowing them.
void addSimSubcommand(Shell& shell, const std::string& word, CommandFn fn, const std::string& usage);

// "Tue, 25 Apr 2017 14:47:45 +0100" for Unix seconds shown in a zone tzOffsetMinutes east of UTC.
std::string formatWallClock(std::int64_t epochSeconds, int tzOffsetMinutes);

} // namespace kns::shell
