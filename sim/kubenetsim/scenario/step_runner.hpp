#pragma once
// One scenario step, run: the part of playing a scenario that the CLI player and the window's
// scenario stepper share. It substitutes the step's variables, runs its commands through the
// command layer, checks its expectations, lets its `advance` time pass, finds its pause point and
// computes its question's answer. Printing is left to the caller (the player prints prompts and
// outputs; the window shows the console transcript).
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <kubenetsim/scenario/pause_point.hpp>
#include <kubenetsim/scenario/question_answer.hpp>
#include <kubenetsim/scenario/scenario.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
}

namespace kns::scenario {

class CommandRunner;

struct StepRun {
    enum class Status : std::uint8_t {
        Ran,      // every command ran and every expectation held
        Skipped,  // a required feature is missing: commands shown, not run (the step's time passed)
        Failed,   // a variable, a command's status or an expectation failed; `failure` says which
    };
    Status status = Status::Ran;
    std::string missingFeature;              // Skipped
    std::vector<std::string> lines;          // the commands with variables substituted (Skipped: as shown)
    std::vector<shell::CommandResult> results;  // one per command that ran
    std::string failure;                     // Failed: the report, lines ending in '\n'
    std::optional<PausePoint> pause;         // the step's pause_at, when the packet reached it
    std::optional<QuestionAnswer> answer;    // the step's question, answered from what ran
    bool ok() const { return status != Status::Failed; }
};

// Runs step `index` of `scenario` against sim through runner. Hops are recorded during a step
// with a pause point or a question even when recording is off (and dropped again afterwards, so
// the simulation's recorded state is as the caller left it).
StepRun runStep(const Scenario& scenario, std::size_t index, Simulation& sim, CommandRunner& runner,
                const std::set<std::string>& features);

} // namespace kns::scenario
