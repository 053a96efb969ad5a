#include <kubenetsim/scenario/player.hpp>

#include <istream>
#include <ostream>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/cluster_definition.hpp>
#include <kubenetsim/scenario/step_runner.hpp>

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

bool Player::playStep(std::size_t index, std::ostream& out, std::ostream& err) {
    const Step& step = m_scenario.steps[index];
    const Lang lang = m_options.lang;
    if (m_options.narration) {
        out << "[" << index + 1 << "/" << m_scenario.steps.size() << "] ";
        writeWithNewline(out, step.narration.in(lang));
        out << "\n";
        if (step.question) out << describeQuestion(*step.question, lang) << "\n";
    }
    const StepRun run = runStep(m_scenario, index, m_sim, m_runner, m_features);
    const std::string& prompt = m_sim.config().prompt;
    if (run.status == StepRun::Status::Skipped) {
        for (const auto& line : run.lines) out << prompt << line << "\n# skipped: requires " << run.missingFeature << "\n\n";
        ++m_stepsSkipped;
        return true;
    }
    for (std::size_t c = 0; c < run.results.size(); ++c) {
        out << prompt << run.lines[c] << "\n";
        writeWithNewline(out, run.results[c].out);
        writeWithNewline(out, run.results[c].err);
        out << "\n";
    }
    if (!run.ok()) {
        err << run.failure;
        return false;
    }
    if (m_options.narration) {
        if (step.pauseAt) {
            if (run.pause) out << describePausePoint(*run.pause, lang) << "\n";
            else out << (lang == Lang::Ja ? "一時停止点にパケットが届きませんでした: " : "No packet reached the pause point: ")
                     << step.pauseAt->node << " " << (step.pauseAt->hook.empty() ? step.pauseAt->chain : step.pauseAt->hook) << "\n\n";
        }
        if (step.question && run.answer) out << describeAnswer(*step.question, *run.answer, lang) << "\n";
    }
    ++m_stepsRun;
    return true;
}

} // namespace kns::scenario
