#pragma once
// The simulation the window shows, and the one door through which the window changes it: command
// lines run by the shell the CLI uses (shell::Shell). Panels read state through sim() (const) and
// act through run(); nothing in ui/ writes to the simulation's state directly.
//
// Time. A command runs to completion at once (curl returns when its exchange is done), so the
// simulation's clock can be ahead of what the views show. viewTime() is the instant the views draw;
// what happened between viewTime() and sim().now() (packets on the wire, a command's output) is
// still to be shown. advanceView(dt) moves viewTime forward and, once it has caught up with the
// simulation, runs the simulation itself so that events fire as time passes. Pausing means not
// advancing: a packet stays frozen mid-link. The pacing driver (pacing.hpp) decides how much.
//
// Console. Every line run() receives is kept in transcript() with its output and the simulated time
// its command finished; a console shows an entry's output once viewTime() reaches that time, so a
// curl's answer appears when the animated reply arrives (and a class can predict it first).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/scenario.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/time/sim_time.hpp>
#include <kubenetsim/trace/observer.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::ui {

class ScenarioStepper;

struct SessionOptions {
    // Empty: the Services tutorial (scenarios/kbe/services.json under dataDirectory()).
    std::string scenarioFile;
    bool noScenario = false;  // a bare cluster of `profile` instead of a scenario
    std::string profile;      // overrides the scenario's; "legacy" when there is no scenario
    std::optional<std::uint64_t> seed;
};

struct ConsoleEntry {
    std::string line;
    shell::CommandResult result;
    // The output as a terminal showed it: stdout and stderr chunks in the order they came.
    struct Chunk {
        std::string text;
        bool isError = false;
    };
    std::vector<Chunk> chunks;
    bool cleared = false;  // the line ran `clear`: a console shows only what comes after it
    SimTime startedAt;
    SimTime finishedAt;  // the output is revealed once viewTime() >= finishedAt
};

// Everything a step back restores: the simulation, what the shell remembers, the console, the
// event log and the view time.
struct SessionSnapshot {
    Simulation::Snapshot sim;
    // What the shell remembers between lines (history, variables, `sim snapshot`s, $?): a copy.
    std::shared_ptr<const shell::Shell> shell;
    std::vector<ConsoleEntry> transcript;
    std::vector<TraceRecord> eventLog;
    SimTime viewTime;
};

class UiSession {
public:
    // Loads the scenario (errors carry the file and JSON path), builds and boots its cluster, and
    // turns on packet-hop recording for the views.
    static Expected<std::unique_ptr<UiSession>> open(const SessionOptions& options);
    ~UiSession();

    const Simulation& sim() const { return *m_sim; }
    const scenario::Scenario* scenario() const { return m_scenario.get(); }
    shell::Shell& shell() { return *m_shell; }
    const shell::Shell& shell() const { return *m_shell; }
    // The scenario player over this session (no steps when there is no scenario): the scenario
    // panel, the keyboard shortcut and the screenshot mode all drive this one.
    ScenarioStepper& stepper() { return *m_stepper; }
    const ScenarioStepper& stepper() const { return *m_stepper; }

    // Runs one command line as the console does; the entry joins transcript().
    // A user's command (Undo::Keep) leaves the stepper a snapshot of the session before it, so
    // Step back can undo it; a scenario step's commands (Undo::Skip) are undone with their step.
    enum class Undo : bool { Skip, Keep };
    const ConsoleEntry& run(const std::string& line, Undo undo = Undo::Keep);
    const std::vector<ConsoleEntry>& transcript() const { return m_transcript; }

    SimTime viewTime() const { return m_viewTime; }
    // Moves the view forward by dt (>= 0), running the simulation once the view has caught up.
    void advanceView(SimTime dt);
    // Puts the view at t, clamped to [0, sim().now()] (a pause point, an event the user clicked).
    void setViewTime(SimTime t);
    // Runs the simulation's next event, if any, and brings the view to it ("step one event").
    bool stepOneEvent();

    // Everything the simulation reported since boot (the observer records: objects, pod phases,
    // controller actions, packet hops, rules, NAT, kube-proxy syncs), oldest first; the event log
    // panel filters it. At most kEventLogLimit records are kept (the oldest are dropped).
    static constexpr std::size_t kEventLogLimit = 200'000;
    const std::vector<TraceRecord>& eventLog() const { return m_log.records; }

    // Hop records (transport.hops) are bounded: trimHops() drops the oldest, down to three
    // quarters of kHopLimit, once there are more than kHopLimit, but never one the view has not
    // passed yet (a command that ran far ahead keeps all it recorded until the view gets there).
    // A 200-request load records about 4,000 hops, so the last few thousand requests stay
    // followable. Hop indices held elsewhere move down by the number returned (transport.hopsDropped
    // counts them all); the window calls it once a frame, before anything reads an index.
    static constexpr std::size_t kHopLimit = 20'000;
    std::size_t trimHops();

    // Moves whenever anything a panel may show changed (a command ran, time passed): panels
    // rebuild derived lists only when it moves.
    std::uint64_t generation() const { return m_generation; }
    // Moves when a command ran (run(), or a scenario step, which calls touch()) or a snapshot was
    // restored, but not when time merely passes. Time changes objects only through events, which
    // the simulation's counters show (objectsStamp()); this covers the rest.
    std::uint64_t stateEpoch() const { return m_stateEpoch; }

    // For the scenario stepper and snapshots (restart, step back): the simulation and the
    // transcript as a whole. Panels never call these.
    Simulation& mutableSim() { return *m_sim; }
    std::vector<ConsoleEntry>& mutableTranscript() { return m_transcript; }
    std::vector<TraceRecord>& mutableEventLog() { return m_log.records; }
    void touch() {
        ++m_generation;
        ++m_stateEpoch;
    }

    // A copy of everything run() and time change, and its restoration (step back, restart, a
    // what-if branch). Restoring moves generation().
    SessionSnapshot snapshot() const;
    void restore(const SessionSnapshot& s);

private:
    UiSession() = default;

    struct LogSink : Observer {
        std::vector<TraceRecord> records;
        void onTrace(const TraceRecord& r) override;
    };

    LogSink m_log;  // declared before m_sim: the simulation's observer hub points at it
    std::unique_ptr<scenario::Scenario> m_scenario;
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<shell::Shell> m_shell;
    std::unique_ptr<ScenarioStepper> m_stepper;
    std::vector<ConsoleEntry> m_transcript;
    SimTime m_viewTime;
    std::uint64_t m_generation = 1;
    std::uint64_t m_stateEpoch = 1;
};

} // namespace kns::ui
