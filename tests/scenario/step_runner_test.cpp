#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>
#include <kubenetsim/scenario/scenario_session.hpp>
#include <kubenetsim/scenario/step_runner.hpp>

using namespace kns;
using namespace kns::scenario;
namespace fs = std::filesystem;

namespace {

Scenario services() {
    auto s = loadScenarioFile((fs::path(KNS_SOURCE_DIR) / "scenarios/kbe/services.json").string());
    REQUIRE(s.ok());
    return *s;
}

std::string play(const Scenario& s, PlayerOptions options) {
    auto session = ScenarioSession::create(s);
    REQUIRE(session.ok());
    std::ostringstream out, err;
    CHECK((*session)->play(options, out, err) == 0);
    CHECK(err.str().empty());
    return out.str();
}

} // namespace

TEST_CASE("in narration mode the player asks a step's question before it and gives the computed answer after") {
    const Scenario s = services();
    const std::string out = play(s, {});
    const auto question = out.find("Question: Before running it: what will the answer's \"from\" field say");
    const auto command = out.find("$ curl 172.30.228.255:80/info", question);
    const auto answer = out.find("Answer: 10.0.2.15 (b) 10.0.2.15, the node's own address", command);
    CHECK(question != std::string::npos);
    CHECK(command != std::string::npos);
    CHECK(answer != std::string::npos);
    CHECK(out.find("Answer: rcsise-") != std::string::npos);
    CHECK(out.find("Answer: KUBE-SEP-") != std::string::npos);
}

TEST_CASE("in narration mode the player says where a step's packet was paused, in the chosen language") {
    const Scenario s = services();
    const std::string en = play(s, {});
    CHECK(en.find("Paused: 10.0.2.15:") != std::string::npos);
    CHECK(en.find(" -> 172.30.228.255:80 tcp [SYN] at node localhost, nat KUBE-SVC-EZC6WLOVQADP4IAW\n  -A KUBE-SVC-EZC6WLOVQADP4IAW ") !=
          std::string::npos);
    CHECK(en.find("--probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV\n  draw 0.") != std::string::npos);
    const std::string ja = play(s, {.lang = Lang::Ja});
    CHECK(ja.find("一時停止: ") != std::string::npos);
    CHECK(ja.find("問い: ") != std::string::npos);
    CHECK(ja.find("答え: ") != std::string::npos);
}

TEST_CASE("the transcript form has no questions, answers or pause notes") {
    const std::string out = play(services(), {.narration = false});
    CHECK(out.find("Question:") == std::string::npos);
    CHECK(out.find("Answer:") == std::string::npos);
    CHECK(out.find("Paused:") == std::string::npos);
}

TEST_CASE("runStep leaves hop recording as it found it") {
    const Scenario s = services();
    auto session = ScenarioSession::create(s);
    REQUIRE(session.ok());
    Simulation& sim = (*session)->sim();
    struct Runner : CommandRunner {
        shell::Shell& sh;
        explicit Runner(shell::Shell& s) : sh(s) {}
        shell::CommandResult run(const std::string& line) override { return sh.run(line); }
        bool hasCommand(const std::string& name) const override { return sh.findCommand(name) != nullptr; }
    } runner((*session)->shell());
    std::optional<StepRun> paused;
    for (std::size_t i = 0; i < s.steps.size() && !paused; ++i) {
        StepRun run = runStep(s, i, sim, runner, detectFeatures(runner));
        REQUIRE_MESSAGE(run.ok(), run.failure);
        if (s.steps[i].pauseAt) paused = run;
    }
    REQUIRE(paused);
    REQUIRE(paused->pause);
    CHECK(paused->pause->chain == "KUBE-SVC-EZC6WLOVQADP4IAW");
    CHECK(paused->answer);
    CHECK_FALSE(sim.state().dataPlane.transport.recordHops);
    CHECK(sim.state().dataPlane.transport.hops.empty());
}

TEST_CASE("a question whose answer the step cannot give says so rather than guessing") {
    Question q;
    q.answerFrom = "next-chain";
    q.choices = {{"A", "A"}, {"B", "B"}};
    const QuestionAnswer a = computeAnswer(q, StepEvidence{});
    CHECK(a.value.empty());
    CHECK_FALSE(a.choice);
    CHECK(describeAnswer(q, a, Lang::En) == "Answer: (the simulation could not tell)\n");
}

TEST_CASE("a choice names an address only as a whole word") {
    Question q;
    q.answerFrom = "from";
    q.choices = {{"172.17.0.40", "172.17.0.40"}, {"172.17.0.4, the pod", "172.17.0.4"}};
    StepEvidence e;
    e.output = "{\"host\": \"x\", \"from\": \"172.17.0.4\"}\n";
    const QuestionAnswer a = computeAnswer(q, e);
    CHECK(a.value == "172.17.0.4");
    CHECK(a.choice == std::optional<std::size_t>(1));
}
