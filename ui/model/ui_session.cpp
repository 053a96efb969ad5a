#include <ui/model/ui_session.hpp>

#include <algorithm>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/manifest/source.hpp>
#include <kubenetsim/scenario/player.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {

namespace {

std::string joinErrors(const scenario::LoadErrors& errors) {
    std::string text;
    for (const Error& e : errors) text += (text.empty() ? "" : "\n") + e.full();
    return text;
}

} // namespace

UiSession::~UiSession() = default;

void UiSession::LogSink::onTrace(const TraceRecord& r) {
    if (records.size() >= kEventLogLimit) records.erase(records.begin(), records.begin() + kEventLogLimit / 10);
    records.push_back(r);
}

Expected<std::unique_ptr<UiSession>> UiSession::open(const SessionOptions& options) {
    std::unique_ptr<UiSession> s(new UiSession());
    ClusterConfig config;
    std::uint64_t seed = options.seed.value_or(1);
    Reservations reservations;
    if (!options.noScenario) {
        std::string file = options.scenarioFile;
        if (file.empty()) {
            const std::string data = dataDirectory();
            if (data.empty()) return Error{"the bundled scenarios were not found (set KUBENETSIM_DATA_DIR)", "kubenetsim"};
            file = data + "/scenarios/kbe/services.json";
        }
        auto loaded = scenario::loadScenarioFile(file);
        if (!loaded) return Error{joinErrors(loaded.error()), ""};
        s->m_scenario = std::make_unique<scenario::Scenario>(std::move(*loaded));
        if (!options.profile.empty()) s->m_scenario->profile = options.profile;
        auto cluster = scenario::scenarioCluster(*s->m_scenario);
        if (!cluster) return Error{"unknown profile \"" + s->m_scenario->profile + "\"", file + ": $.profile"};
        config = *cluster;
        seed = options.seed.value_or(s->m_scenario->seed);
        reservations = s->m_scenario->reservations;
    } else {
        const std::string profile = options.profile.empty() ? "legacy" : options.profile;
        auto cluster = builtinProfile(profile);
        if (!cluster) return Error{"unknown profile \"" + profile + "\" (legacy or modern)", "--profile"};
        config = *cluster;
    }
    s->m_sim = std::make_unique<Simulation>(config, seed, reservations);
    s->m_sim->observers().attach(&s->m_log);
    bootCluster(*s->m_sim);
    s->m_sim->state().dataPlane.transport.recordHops = true;
    s->m_shell = std::make_unique<shell::Shell>(*s->m_sim);
    shell::registerStandardCommands(*s->m_shell);
    s->m_viewTime = s->m_sim->now();
    s->m_stepper = std::make_unique<ScenarioStepper>(*s);
    return s;
}

const ConsoleEntry& UiSession::run(const std::string& line, Undo undo) {
    if (undo == Undo::Keep) stepper().keepBeforeCommand(snapshot());
    ConsoleEntry entry;
    entry.line = line;
    entry.startedAt = m_sim->now();
    entry.result = m_shell->run(line, [&entry](std::string_view text, bool isError) {
        if (!entry.chunks.empty() && entry.chunks.back().isError == isError) entry.chunks.back().text += text;
        else entry.chunks.push_back({std::string(text), isError});
    });
    entry.cleared = m_shell->takeClearRequest();
    entry.finishedAt = m_sim->now();
    m_transcript.push_back(std::move(entry));
    ++m_generation;
    ++m_stateEpoch;
    return m_transcript.back();
}

void UiSession::advanceView(SimTime dt) {
    if (dt <= SimTime::zero()) return;
    m_viewTime += dt;
    if (m_viewTime > m_sim->now()) m_sim->runUntil(m_viewTime);
    ++m_generation;
}

void UiSession::setViewTime(SimTime t) {
    m_viewTime = std::clamp(t, SimTime::zero(), m_sim->now());
    ++m_generation;
}

SessionSnapshot UiSession::snapshot() const {
    return SessionSnapshot{m_sim->snapshot(), std::make_shared<const shell::Shell>(*m_shell), m_transcript, m_log.records, m_viewTime};
}

void UiSession::restore(const SessionSnapshot& s) {
    m_sim->restore(s.sim);
    // Shell holds a reference to the simulation, so it is rebuilt as a copy rather than assigned.
    m_shell = std::make_unique<shell::Shell>(*s.shell);
    m_transcript = s.transcript;
    m_log.records = s.eventLog;
    m_viewTime = s.viewTime;
    ++m_generation;
    ++m_stateEpoch;
}

std::size_t UiSession::trimHops() {
    TransportState& t = m_sim->state().dataPlane.transport;
    if (t.hops.size() <= kHopLimit) return 0;
    const auto passed = std::lower_bound(t.hops.begin(), t.hops.end(), m_viewTime, [](const HopRecord& h, SimTime at) { return h.at < at; });
    const std::size_t drop = std::min(t.hops.size() - kHopLimit * 3 / 4, static_cast<std::size_t>(passed - t.hops.begin()));
    if (drop == 0) return 0;
    t.hops.erase(t.hops.begin(), t.hops.begin() + static_cast<std::ptrdiff_t>(drop));
    t.hopsDropped += drop;
    ++m_generation;
    return drop;
}

bool UiSession::stepOneEvent() {
    Simulation& sim = *m_sim;
    if (!sim.step()) return false;
    m_viewTime = sim.now();
    ++m_generation;
    return true;
}

} // namespace kns::ui
