#include <kubenetsim/scenario/player.hpp>

#include <istream>
#include <ostream>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/cluster_definition.hpp>
#include <kubenetsim/scenario/expectation_check.hpp>
#include <kubenetsim/scenario/variables.hpp>

namespace kns::scenario {
namespace {

void writeWithNewline(std::ostream& out, const std::string& text) {
    if (text.empty()) return;
    out << text;
    if (text.back() != '\n') out << '\n';
}

} // namespace

std::set<std::string> detectFeatures(const CommandRunner& runner) {
    std::set<std::string> f;
    if (runner.hasCommand("curl") && runner.hasCommand("iptables-save")) f.insert("data-plane");
    return f;
}

std::optional<ClusterConfig> scenarioCluster(const Scenario& scenario) {
    ClusterConfig config;
    if (!scenario.profile.empty()) {
        auto p = builtinProfile(scenario.profile);
        if (!p) return std::nullopt;
        config = *p;
    }
    applyClusterDefinition(scenario.clusterDefinition, config);
    if (scenario.startEpochSeconds) config.startEpochSeconds = *scenario.startEpochSeconds;
    if (scenario.tzOffsetMinutes) config.tzOffsetMinutes = *scenario.tzOffsetMinutes;
    return config;
}

Player::Player(const Scenario& scenario, Simulation& sim, CommandRunner& runner, PlayerOptions options)
    : m_scenario(scenario), m_sim(sim), m_runner(runner), m_options(std::move(options)) {
    m_features = m_options.features ? *m_options.features : detectFeatures(m_runner);
}

int Player::play(std::ostream& out, std::ostream& err) {
    const Lang lang = m_options.lang;
    if (m_options.narration) {
        out << m_scenario.title.in(lang) << "\n";
        writeWithNewline(out, m_scenario.description.in(lang));
        out << "\n";
    }
    for (std::size_t i = 0; i < m_scenario.steps.size(); ++i) {
        if (i > 0 && m_options.stepMode) waitBetweenSteps(out);
        if (!playStep(i, out, err)) {
            out.flush();
            return 1;
        }
    }
    return 0;
}

void Player::waitBetweenSteps(std::ostream& out) {
    if (!m_options.input || !*m_options.input) return;
    if (m_options.interactive) out << (m_options.lang == Lang::Ja ? "(Enter で次へ)" : "(press Enter to continue)") << std::flush;
    std::string ignored;
    std::getline(*m_options.input, ignored);
}

void Player::printSkipped(const Step& step, const std::string& missing, std::ostream& out) {
    for (const auto& command : step.commands) {
        auto shown = substituteVariables(command, m_sim);
        out << m_sim.config().prompt << (shown ? *shown : command) << "\n";
        out << "# skipped: requires " << missing << "\n\n";
    }
}

bool Player::playStep(std::size_t index, std::ostream& out, std::ostream& err) {
    const Step& step = m_scenario.steps[index];
    const std::string where = m_scenario.file + ": " + step.path;
    if (m_options.narration) {
        out << "[" << index + 1 << "/" << m_scenario.steps.size() << "] ";
        writeWithNewline(out, step.narration.in(m_options.lang));
        out << "\n";
    }
    for (const auto& r : step.requirements) {
        if (m_features.count(r)) continue;
        printSkipped(step, r, out);
        ++m_stepsSkipped;
        // The step's own time still passes, so later steps see the ages the scenario was written for.
        if (step.advance) m_sim.runFor(*step.advance);
        return true;
    }
    bool allowFailure = false;
    for (const auto& e : step.expect) allowFailure = allowFailure || e.kind == Expectation::Kind::Status;
    std::string shownOutput;
    int lastStatus = 0;
    for (std::size_t c = 0; c < step.commands.size(); ++c) {
        auto line = substituteVariables(step.commands[c], m_sim);
        if (!line) {
            err << where << ".commands[" << c << "]: " << line.error().message << "\n";
            return false;
        }
        out << m_sim.config().prompt << *line << "\n";
        shell::CommandResult result = m_runner.run(*line);
        writeWithNewline(out, result.out);
        writeWithNewline(out, result.err);
        out << "\n";
        shownOutput += result.out + result.err;
        lastStatus = result.status;
        if (result.status != 0 && !allowFailure) {
            err << where << ".commands[" << c << "]: \"" << *line << "\" exited with status " << result.status
                << " (add {\"status\": " << result.status << "} to expect a failure)\n";
            return false;
        }
    }
    for (const auto& e : step.expect) {
        CheckOutcome outcome = checkExpectation(e, shownOutput, lastStatus, m_sim);
        if (outcome.holds) continue;
        err << m_scenario.file << ": " << e.path << ": " << expectationKindName(e.kind) << " expectation failed\n" << outcome.report;
        return false;
    }
    if (step.advance) m_sim.runFor(*step.advance);
    ++m_stepsRun;
    return true;
}

} // namespace kns::scenario
