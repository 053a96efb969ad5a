#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <ui/model/scenario_stepper.hpp>
#include <ui/model/ui_session.hpp>

using namespace kns;
using namespace kns::ui;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<UiSession> openTutorial() {
    auto s = UiSession::open({});
    REQUIRE(s.ok());
    return std::move(*s);
}

// The console transcript in the CLI player's transcript form: prompt, command, output, blank line.
std::string transcriptText(const UiSession& s) {
    std::string text;
    auto withNewline = [&](const std::string& t) {
        if (t.empty()) return;
        text += t;
        if (t.back() != '\n') text += '\n';
    };
    for (const ConsoleEntry& e : s.transcript()) {
        text += s.sim().config().prompt + e.line + "\n";
        withNewline(e.result.out);
        withNewline(e.result.err);
        text += "\n";
    }
    return text;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("the stepper replays the Services tutorial with the CLI player's commands and outputs byte for byte") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    REQUIRE(stepper.stepCount() > 10);
    while (stepper.runNext()) CHECK_MESSAGE(stepper.lastReport().empty(), stepper.lastReport());
    CHECK(stepper.finished());
    CHECK(transcriptText(*session) == readFile(fs::path(KNS_SOURCE_DIR) / "tests/golden/services-legacy.txt"));
}

TEST_CASE("previous puts the session back to before the last step and the step replays the same way") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    stepper.runThrough(3);
    REQUIRE(stepper.current() == 4);
    const SimTime before = session->sim().now();
    const std::size_t entries = session->transcript().size();
    const std::size_t records = session->eventLog().size();
    REQUIRE(stepper.runNext());
    const std::string output = session->transcript().back().result.out;
    CHECK(session->transcript().size() > entries);
    stepper.previous();
    CHECK(stepper.current() == 4);
    CHECK(session->sim().now() == before);
    CHECK(session->transcript().size() == entries);
    CHECK(session->eventLog().size() == records);
    CHECK(session->shell().history().size() == entries);
    REQUIRE(stepper.runNext());
    CHECK(session->transcript().back().result.out == output);
}

TEST_CASE("restart goes back to before the first step, with an empty console") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    const SimTime boot = session->sim().now();
    const std::size_t bootPods = session->sim().objects().pods.size();  // the cluster's own (router, registry)
    stepper.runThrough(2);
    CHECK(session->sim().objects().pods.size() > bootPods);
    CHECK(session->sim().now() > boot);
    stepper.restart();
    CHECK(stepper.current() == 0);
    CHECK(session->sim().now() == boot);
    CHECK(session->transcript().empty());
    CHECK(session->sim().objects().pods.size() == bootPods);
    CHECK(session->sim().objects().replicationControllers.count("default/rcsise") == 0);
}

TEST_CASE("the tutorial's pause step stops the view where the packet meets the Service chain's statistic rule") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    const auto pauseStep = stepper.firstPauseStep();
    REQUIRE(pauseStep);
    stepper.runThrough(*pauseStep);
    CHECK(stepper.current() == *pauseStep + 1);
    CHECK(stepper.lastReport().empty());
    REQUIRE(stepper.atPause());
    const Selection::PacketCursor c = stepper.cursor();
    REQUIRE(c.valid());
    const auto& hops = session->sim().state().dataPlane.transport.hops;
    REQUIRE(static_cast<std::size_t>(c.hop) < hops.size());
    const HopRecord& hop = hops[static_cast<std::size_t>(c.hop)];
    CHECK(hop.ns == "node/localhost");
    CHECK(session->viewTime() == hop.at);
    CHECK(session->viewTime() < session->sim().now());  // the rest of the exchange is still to be shown
    const auto& step = hop.result.steps.at(static_cast<std::size_t>(c.stackStep));
    const auto& rule = step.trace.steps.at(static_cast<std::size_t>(c.rule));
    CHECK(rule.chain == "KUBE-SVC-EZC6WLOVQADP4IAW");
    CHECK(rule.probability.has_value());
    CHECK(rule.draw.has_value());
    CHECK(hop.before.dst.str() == "172.30.228.255");
    // Playing on leaves the pause; goToPause comes back to it.
    session->advanceView(SimTime::ms(1));
    CHECK_FALSE(stepper.atPause());
    CHECK(stepper.goToPause());
    CHECK(stepper.atPause());
}

TEST_CASE("runThrough a step without a pause point brings the view to the end of that step") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    stepper.runThrough(1);
    CHECK(stepper.current() == 2);
    CHECK_FALSE(stepper.atPause());
    CHECK(session->viewTime() == session->sim().now());
}

TEST_CASE("a failed expectation is reported with its JSON path and does not stop the stepper") {
    const fs::path file = fs::temp_directory_path() / "kns_stepper_failing_scenario.json";
    std::ofstream(file) << R"({"title": {"en": "T", "ja": "T"}, "description": {"en": "", "ja": ""}, "profile": "legacy", "steps": [
        {"narration": {"en": "a", "ja": "a"}, "commands": ["echo hello"], "expect": [{"exact": "goodbye\n"}]},
        {"narration": {"en": "b", "ja": "b"}, "commands": ["echo again"], "expect": [{"exact": "again\n"}]}]})";
    auto opened = UiSession::open({.scenarioFile = file.string()});
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? std::string() : opened.error().full()));
    ScenarioStepper& stepper = (*opened)->stepper();
    REQUIRE(stepper.runNext());
    CHECK(stepper.lastReport().find("$.steps[0].expect[0]") != std::string::npos);
    CHECK(stepper.lastReport().find("goodbye") != std::string::npos);
    REQUIRE(stepper.runNext());
    CHECK(stepper.lastReport().empty());
    CHECK(stepper.finished());
    CHECK_FALSE(stepper.runNext());
    fs::remove(file);
}

TEST_CASE("the step list shows the next step's command with its variables substituted and a ran step's command as it ran") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    std::size_t describe = stepper.stepCount();
    for (std::size_t i = 0; i < stepper.stepCount(); ++i)
        if (!stepper.step(i).commands.empty() && stepper.step(i).commands.front().find("${pod:app=sise:0}") != std::string::npos) {
            describe = i;
            break;
        }
    REQUIRE(describe < stepper.stepCount());
    // Not next yet: as written (the pod the variable names may not exist).
    CHECK(stepper.shownCommand(describe, 0) == "kubectl describe pod ${pod:app=sise:0}");
    stepper.runThrough(describe - 1);
    REQUIRE(stepper.current() == describe);
    // Next: the pod's name as the player will substitute it.
    const std::string next = stepper.shownCommand(describe, 0);
    CHECK(next.rfind("kubectl describe pod rcsise-", 0) == 0);
    CHECK(next.find("${") == std::string::npos);
    REQUIRE(stepper.runNext());
    REQUIRE(stepper.result(describe) != nullptr);
    CHECK(stepper.shownCommand(describe, 0) == stepper.result(describe)->lines.front());
    CHECK(stepper.shownCommand(describe, 0) == next);
}

TEST_CASE("step back goes over the user's own commands first, then over the scenario step before them") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    CHECK_FALSE(stepper.canStepBack());
    REQUIRE(stepper.runNext());
    REQUIRE(stepper.runNext());
    const std::size_t afterSteps = session->transcript().size();
    const SimTime timeAfterSteps = session->sim().now();
    session->run("kubectl get pods");
    session->run("sleep 5");
    REQUIRE(session->transcript().size() == afterSteps + 2);
    // Back over `sleep 5`: the clock and the console as before it.
    REQUIRE(stepper.stepBack());
    CHECK(session->transcript().size() == afterSteps + 1);
    CHECK(session->transcript().back().line == "kubectl get pods");
    CHECK(stepper.current() == 2);
    REQUIRE(stepper.stepBack());
    CHECK(session->transcript().size() == afterSteps);
    CHECK(session->sim().now() == timeAfterSteps);
    // No command left since step 2: back over the step itself.
    REQUIRE(stepper.stepBack());
    CHECK(stepper.current() == 1);
    // A command run after a step that is then stepped back over is forgotten with it.
    session->run("kubectl get pods");
    REQUIRE(stepper.runNext());
    session->run("sleep 1");
    REQUIRE(stepper.stepBack());  // sleep 1
    REQUIRE(stepper.stepBack());  // step 2
    CHECK(stepper.current() == 1);
    REQUIRE(stepper.stepBack());  // the get pods run before step 2
    CHECK(stepper.current() == 1);
    REQUIRE(stepper.stepBack());  // step 1
    CHECK(stepper.current() == 0);
    CHECK(session->transcript().empty());
    CHECK_FALSE(stepper.canStepBack());
    CHECK_FALSE(stepper.stepBack());
}

TEST_CASE("step back keeps the last 16 commands, and works without a scenario step") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    for (int i = 0; i < 20; ++i) session->run("sleep 1");
    int back = 0;
    while (stepper.stepBack()) ++back;
    CHECK(back == static_cast<int>(ScenarioStepper::kCommandUndoLimit));
    CHECK(session->transcript().size() == 20 - ScenarioStepper::kCommandUndoLimit);
    // A scenario step's own commands are not undone one by one.
    REQUIRE(stepper.runNext());
    REQUIRE(stepper.stepBack());
    CHECK(stepper.current() == 0);
    CHECK(session->transcript().size() == 20 - ScenarioStepper::kCommandUndoLimit);
}

TEST_CASE("the narrated step is the one that ran while the view shows it, then the upcoming one") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    CHECK(stepper.narratedStep() == std::optional<std::size_t>(0));  // nothing ran: the first step
    CHECK_FALSE(stepper.narratingLast());
    REQUIRE(stepper.runNext());
    // The step's output is still to be revealed while the view has not reached its end.
    if (session->viewTime() < session->sim().now()) {
        CHECK(stepper.narratingLast());
        CHECK(stepper.narratedStep() == std::optional<std::size_t>(0));
    }
    session->setViewTime(session->sim().now());
    CHECK_FALSE(stepper.narratingLast());
    CHECK(stepper.narratedStep() == std::optional<std::size_t>(1));
    // Paused inside a step: that step, even with the view at its pause point.
    const auto pause = stepper.firstPauseStep();
    REQUIRE(pause);
    stepper.runThrough(*pause);
    REQUIRE(stepper.atPause());
    CHECK(stepper.narratedStep() == pause);
    // Every step ran and the view caught up: nothing more to narrate.
    stepper.runThrough(stepper.stepCount() - 1);
    session->setViewTime(session->sim().now());
    CHECK_FALSE(stepper.narratedStep());
}
