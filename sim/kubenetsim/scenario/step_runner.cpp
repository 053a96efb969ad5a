#include <kubenetsim/scenario/step_runner.hpp>

#include <algorithm>
#include <utility>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/expectation_check.hpp>
#include <kubenetsim/scenario/player.hpp>
#include <kubenetsim/scenario/variables.hpp>

namespace kns::scenario {
namespace {

void runCommands(const Scenario& scenario, const Step& step, Simulation& sim, CommandRunner& runner, StepRun& run) {
    const std::string where = scenario.file + ": " + step.path;
    bool allowFailure = false;
    for (const auto& e : step.expect) allowFailure = allowFailure || e.kind == Expectation::Kind::Status;
    std::string shownOutput;
    int lastStatus = 0;
    for (std::size_t c = 0; c < step.commands.size(); ++c) {
        auto line = substituteVariables(step.commands[c], sim);
        if (!line) {
            run.status = StepRun::Status::Failed;
            run.failure = where + ".commands[" + std::to_string(c) + "]: " + line.error().message + "\n";
            return;
        }
        run.lines.push_back(*line);
        run.results.push_back(runner.run(*line));
        const shell::CommandResult& result = run.results.back();
        shownOutput += result.out + result.err;
        lastStatus = result.status;
        if (result.status != 0 && !allowFailure) {
            run.status = StepRun::Status::Failed;
            run.failure = where + ".commands[" + std::to_string(c) + "]: \"" + *line + "\" exited with status " +
                          std::to_string(result.status) + " (add {\"status\": " + std::to_string(result.status) +
                          "} to expect a failure)\n";
            return;
        }
    }
    for (const auto& e : step.expect) {
        CheckOutcome outcome = checkExpectation(e, shownOutput, lastStatus, sim);
        if (outcome.holds) continue;
        run.status = StepRun::Status::Failed;
        run.failure = scenario.file + ": " + e.path + ": " + expectationKindName(e.kind) + " expectation failed\n" + outcome.report;
        return;
    }
}

} // namespace

StepRun runStep(const Scenario& scenario, std::size_t index, Simulation& sim, CommandRunner& runner,
                const std::set<std::string>& features) {
    const Step& step = scenario.steps[index];
    StepRun run;
    for (const auto& r : step.requirements) {
        if (features.count(r)) continue;
        run.status = StepRun::Status::Skipped;
        run.missingFeature = r;
        for (const auto& command : step.commands) {
            auto shown = substituteVariables(command, sim);
            run.lines.push_back(shown ? *shown : command);
        }
        // The step's own time still passes, so later steps see the ages the scenario was written for.
        if (step.advance) sim.runFor(*step.advance);
        return run;
    }

    TransportState& transport = sim.state().dataPlane.transport;
    const bool wantHops = step.pauseAt || step.question;
    const bool wasRecording = std::exchange(transport.recordHops, transport.recordHops || wantHops);
    const std::size_t firstHop = transport.hops.size();
    StepEvidence evidence;
    evidence.servedBefore = transport.served;

    runCommands(scenario, step, sim, runner, run);

    if (step.pauseAt) run.pause = findPausePoint(*step.pauseAt, transport.hops, firstHop);
    if (step.question && run.status != StepRun::Status::Failed) {
        for (const auto& r : run.results) evidence.output += r.out + r.err;
        evidence.servedAfter = transport.served;
        evidence.hops = &transport.hops;
        evidence.pause = run.pause;
        run.answer = computeAnswer(*step.question, evidence);
    }
    if (!wasRecording) {
        transport.hops.resize(std::min(transport.hops.size(), firstHop));
        transport.recordHops = false;
    }
    if (run.ok() && step.advance) sim.runFor(*step.advance);
    return run;
}

} // namespace kns::scenario
