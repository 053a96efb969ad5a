#include <ui/model/scenario_stepper.hpp>

#include <cassert>
#include <vector>

#include <kubenetsim/scenario/player.hpp>
#include <kubenetsim/scenario/variables.hpp>

namespace kns::ui {
namespace {

// The scenario's commands go through the session, so they join the console transcript.
class SessionRunner : public scenario::CommandRunner {
public:
    explicit SessionRunner(UiSession& session) : m_session(session) {}
    shell::CommandResult run(const std::string& line) override { return m_session.run(line, UiSession::Undo::Skip).result; }
    bool hasCommand(const std::string& name) const override { return m_session.shell().findCommand(name) != nullptr; }

private:
    UiSession& m_session;
};

} // namespace

struct ScenarioStepper::Impl {
    std::size_t current = 0;
    std::vector<SessionSnapshot> before;  // before[i]: the session before step i ran
    std::vector<scenario::StepRun> runs;  // runs[i]: what step i did
    std::optional<scenario::PausePoint> pause;
    // dropped[i]: transport.hopsDropped after step i ran (the pause point's hop index is as of then)
    std::vector<std::uint64_t> dropped;
    // The session before each of the user's own commands, with current() when it ran; in time
    // order, and never one with a step past current().
    std::vector<std::pair<std::size_t, SessionSnapshot>> commands;
    std::string report;
};

ScenarioStepper::ScenarioStepper(UiSession& session) : m_session(session), m_impl(std::make_unique<Impl>()) {}
ScenarioStepper::~ScenarioStepper() = default;

std::size_t ScenarioStepper::stepCount() const {
    const scenario::Scenario* s = m_session.scenario();
    return s ? s->steps.size() : 0;
}

std::size_t ScenarioStepper::current() const { return m_impl->current; }

const scenario::Step& ScenarioStepper::step(std::size_t i) const {
    assert(i < stepCount());
    return m_session.scenario()->steps[i];
}

bool ScenarioStepper::runNext() {
    if (finished()) return false;
    Impl& d = *m_impl;
    d.before.push_back(m_session.snapshot());
    SessionRunner runner(m_session);
    const auto features = scenario::detectFeatures(runner);
    scenario::StepRun run = scenario::runStep(*m_session.scenario(), d.current, m_session.mutableSim(), runner, features);
    d.report = run.ok() ? std::string() : run.failure;
    d.pause = run.pause;
    d.dropped.push_back(m_session.sim().state().dataPlane.transport.hopsDropped);
    d.runs.push_back(std::move(run));
    ++d.current;
    if (d.pause) goToPause();
    m_session.touch();
    return true;
}

bool ScenarioStepper::goToPause() {
    if (!m_impl->pause) return false;
    m_session.setViewTime(m_impl->pause->at);
    return true;
}

void ScenarioStepper::previous() {
    Impl& d = *m_impl;
    if (d.current == 0) return;
    m_session.restore(d.before.back());
    d.before.pop_back();
    d.runs.pop_back();
    d.dropped.pop_back();
    --d.current;
    std::erase_if(d.commands, [&d](const auto& c) { return c.first > d.current; });
    d.report.clear();
    d.pause = d.runs.empty() ? std::nullopt : d.runs.back().pause;
}

void ScenarioStepper::restart() {
    Impl& d = *m_impl;
    if (d.current == 0) return;
    m_session.restore(d.before.front());
    d.before.clear();
    d.runs.clear();
    d.dropped.clear();
    d.commands.clear();
    d.current = 0;
    d.report.clear();
    d.pause.reset();
}

void ScenarioStepper::keepBeforeCommand(SessionSnapshot before) {
    Impl& d = *m_impl;
    d.commands.emplace_back(d.current, std::move(before));
    if (d.commands.size() > kCommandUndoLimit) d.commands.erase(d.commands.begin());
}

bool ScenarioStepper::canStepBack() const {
    return m_impl->current > 0 || (!m_impl->commands.empty() && m_impl->commands.back().first == m_impl->current);
}

bool ScenarioStepper::stepBack() {
    Impl& d = *m_impl;
    if (!d.commands.empty() && d.commands.back().first == d.current) {
        const SessionSnapshot before = std::move(d.commands.back().second);
        d.commands.pop_back();
        m_session.restore(before);
        return true;
    }
    if (d.current == 0) return false;
    previous();
    return true;
}

void ScenarioStepper::runThrough(std::size_t n) {
    while (!finished() && current() <= n) {
        runNext();
        if (!m_impl->pause) m_session.setViewTime(m_session.sim().now());
    }
}

std::optional<std::size_t> ScenarioStepper::firstPauseStep() const {
    for (std::size_t i = 0; i < stepCount(); ++i)
        if (step(i).pauseAt) return i;
    return std::nullopt;
}

bool ScenarioStepper::atPause() const {
    return m_impl->pause && m_session.viewTime() == m_impl->pause->at;
}

Selection::PacketCursor ScenarioStepper::cursor() const {
    Selection::PacketCursor c;
    if (!m_impl->pause) return c;
    // The hop records may have been trimmed since (UiSession::trimHops): the hop moved down, or
    // is gone.
    const std::uint64_t now = m_session.sim().state().dataPlane.transport.hopsDropped, then = m_impl->dropped.back();
    const std::uint64_t dropped = now - then;
    if (now < then || dropped > m_impl->pause->hop) return c;
    c.hop = static_cast<int>(m_impl->pause->hop - dropped);
    c.stackStep = m_impl->pause->stackStep;
    c.rule = m_impl->pause->traceStep;
    return c;
}

const std::string& ScenarioStepper::lastReport() const { return m_impl->report; }

const scenario::StepRun* ScenarioStepper::result(std::size_t i) const {
    return i < m_impl->runs.size() ? &m_impl->runs[i] : nullptr;
}

std::string ScenarioStepper::shownCommand(std::size_t i, std::size_t c) const {
    const scenario::Step& s = step(i);
    assert(c < s.commands.size());
    if (const scenario::StepRun* run = result(i); run && c < run->lines.size()) return run->lines[c];
    if (i != current()) return s.commands[c];
    auto substituted = scenario::substituteVariables(s.commands[c], m_session.sim());
    return substituted ? *substituted : s.commands[c];
}

bool ScenarioStepper::narratingLast() const {
    return current() > 0 && (atPause() || m_session.viewTime() < m_session.sim().now());
}

std::optional<std::size_t> ScenarioStepper::narratedStep() const {
    if (narratingLast()) return current() - 1;
    if (finished()) return std::nullopt;
    return current();
}

const std::optional<scenario::PausePoint>& ScenarioStepper::pausePoint() const { return m_impl->pause; }

} // namespace kns::ui
