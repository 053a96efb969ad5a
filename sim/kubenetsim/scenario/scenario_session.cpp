#include <kubenetsim/scenario/scenario_session.hpp>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

namespace kns::scenario {

Expected<std::unique_ptr<ScenarioSession>> ScenarioSession::create(const Scenario& scenario, std::optional<std::uint64_t> seed,
                                                                   const std::vector<Observer*>& observers) {
    auto config = scenarioCluster(scenario);
    if (!config) return Error{"unknown profile \"" + scenario.profile + "\"", scenario.file + ": $.profile"};
    std::unique_ptr<ScenarioSession> s(new ScenarioSession());
    s->m_scenario = &scenario;
    s->m_sim = std::make_unique<Simulation>(*config, seed.value_or(scenario.seed), scenario.reservations);
    for (Observer* o : observers) s->m_sim->observers().attach(o);
    bootCluster(*s->m_sim);
    s->m_shell = std::make_unique<shell::Shell>(*s->m_sim);
    shell::registerStandardCommands(*s->m_shell);
    return s;
}

int ScenarioSession::play(const PlayerOptions& options, std::ostream& out, std::ostream& err) {
    Player player(*m_scenario, *m_sim, *this, options);
    return player.play(out, err);
}

} // namespace kns::scenario
