#pragma once
// The window's command line:
//   kubenetsim [--scenario FILE] [--profile P] [--seed N] [--lang en|ja]
//              [--screenshot OUT.png (--at-step N|last|pause | --at-time T) [--dump-text FILE]]
//              [--bench-frames N] [--has-window] [--help]
// Errors name the argument at fault ("--seed: \"x\" is not a number") and nothing else is
// guessed: an unknown option, a missing value, or a value where none belongs is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/time/sim_time.hpp>
#include <kubenetsim/util/expected.hpp>
#include <ui/model/labels.hpp>

namespace kns::ui {

// Where the screenshot mode stops. Steps are 1-based, as the window shows them.
struct ShotPoint {
    enum class Kind : std::uint8_t { Step, LastStep, PauseStep, Time };
    Kind kind = Kind::PauseStep;
    std::size_t step = 0;   // Kind::Step
    SimTime time;           // Kind::Time: simulated time played after the window opens
};

struct Options {
    std::string scenario;  // empty: the Services tutorial
    std::string profile;
    std::optional<std::uint64_t> seed;
    std::optional<Lang> lang;  // unset: the saved setting
    std::string screenshot;    // PNG path; empty: interactive
    ShotPoint at;
    std::string dumpText;      // with --screenshot: the frame's recorded text as JSON
    int benchFrames = 0;       // > 0: run the benchmark instead of the window
    bool hasWindow = false;    // answer whether this build has a window (exit 0) and stop
    bool help = false;
};

Expected<Options> parseOptions(const std::vector<std::string>& args);
// The --help text.
std::string usage();

} // namespace kns::ui
