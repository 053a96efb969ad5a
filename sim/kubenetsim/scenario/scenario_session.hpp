#pragma once
// Everything a scenario replay needs in one place: the simulation the scenario asks for, booted,
// with a shell carrying the standard commands, and a Player over them. The CLI's `run`, the
// tests and (later) the GUI use it.
#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

#include <kubenetsim/scenario/player.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/trace/observer.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::scenario {

class ScenarioSession : private CommandRunner {
public:
    // Builds and boots the cluster. Observers are attached before boot, so they see everything.
    // seed overrides the scenario's.
    static Expected<std::unique_ptr<ScenarioSession>> create(const Scenario& scenario, std::optional<std::uint64_t> seed = {},
                                                             const std::vector<Observer*>& observers = {});

    Simulation& sim() { return *m_sim; }
    shell::Shell& shell() { return *m_shell; }
    // Plays the scenario (see Player); 0 when every expectation held, 1 otherwise.
    int play(const PlayerOptions& options, std::ostream& out, std::ostream& err);

private:
    ScenarioSession() = default;
    shell::CommandResult run(const std::string& line) override { return m_shell->run(line); }
    bool hasCommand(const std::string& name) const override { return m_shell->findCommand(name) != nullptr; }

    const Scenario* m_scenario = nullptr;
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<shell::Shell> m_shell;
};

} // namespace kns::scenario
