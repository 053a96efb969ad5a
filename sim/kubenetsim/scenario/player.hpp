#pragma once
// The scenario player: prints each step's narration, runs its commands through the command layer
// as a terminal shows them (prompt, command, output verbatim), checks the step's expectations and
// lets the step's simulated time pass.
//
// Contract:
//  - Steps run in order. The first step whose expectation fails (or whose command fails without
//    a `status` expectation allowing it) ends the play: its report and a unified diff go to err,
//    and play() returns 1. Otherwise play() returns 0.
//  - A step whose `requires` names a feature the command layer lacks is shown as skipped: its
//    commands are printed with a "# skipped" note and neither run nor checked.
//  - In narration mode a step's question is printed before it runs and its computed answer after;
//    a step with `pause_at` says where the packet was paused. The transcript form has neither.
//  - Output is a function of the scenario, the seed and the commands only, never of the terminal:
//    the same scenario and seed print the same bytes.
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <kubenetsim/scenario/scenario.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::scenario {

// What the player needs from the command layer (shell::Shell in the CLI; a stand-in in tests).
class CommandRunner {
public:
    virtual ~CommandRunner() = default;
    // Runs one line. The result's out and err are what the terminal showed.
    virtual shell::CommandResult run(const std::string& line) = 0;
    virtual bool hasCommand(const std::string& name) const = 0;
};

struct PlayerOptions {
    Lang lang = Lang::En;
    // false: only prompts, commands and outputs (the golden transcript's form).
    bool narration = true;
    // Wait for a line on `input` between steps (Enter on a terminal; the next line when piped;
    // no wait once input is exhausted).
    bool stepMode = false;
    bool interactive = false;  // print a "press Enter" hint before waiting
    std::istream* input = nullptr;
    // Features available; nullopt: detected from the runner's commands.
    std::optional<std::set<std::string>> features;
};

// The features the runner's commands provide ("data-plane" needs curl and iptables-save).
std::set<std::string> detectFeatures(const CommandRunner& runner);

class Player {
public:
    Player(const Scenario& scenario, Simulation& sim, CommandRunner& runner, PlayerOptions options);
    int play(std::ostream& out, std::ostream& err);

    int stepsRun() const { return m_stepsRun; }
    int stepsSkipped() const { return m_stepsSkipped; }

private:
    // Returns false when the step failed (its report already written to err).
    bool playStep(std::size_t index, std::ostream& out, std::ostream& err);
    void waitBetweenSteps(std::ostream& out);

    const Scenario& m_scenario;
    Simulation& m_sim;
    CommandRunner& m_runner;
    PlayerOptions m_options;
    std::set<std::string> m_features;
    int m_stepsRun = 0;
    int m_stepsSkipped = 0;
};

// The cluster a scenario asks for: its built-in profile (or an empty custom cluster) with the
// `cluster` overrides and the scenario's clock applied. nullopt for an unknown profile.
std::optional<ClusterConfig> scenarioCluster(const Scenario& scenario);

} // namespace kns::scenario
