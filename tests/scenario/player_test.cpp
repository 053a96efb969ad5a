#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/player.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>

using namespace kns;
using namespace kns::scenario;

namespace {

// A command layer with canned answers; records what ran.
class CannedRunner : public CommandRunner {
public:
    std::map<std::string, shell::CommandResult> answers;
    std::vector<std::string> ran;
    std::set<std::string> commands;
    shell::CommandResult run(const std::string& line) override {
        ran.push_back(line);
        auto it = answers.find(line);
        return it == answers.end() ? shell::CommandResult{"", "unknown: " + line + "\n", 127} : it->second;
    }
    bool hasCommand(const std::string& name) const override { return commands.count(name) > 0; }
};

Scenario load(const std::string& stepsJson) {
    auto r = parseScenario(R"({"title": {"en": "Title", "ja": "題名"}, "description": {"en": "About.", "ja": "概要。"},
                               "profile": "legacy", "steps": )" + stepsJson + "}",
                           "t.json");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().front().full()));
    return *r;
}

struct Played {
    int status;
    std::string out;
    std::string err;
};

Played play(const Scenario& s, Simulation& sim, CannedRunner& runner, PlayerOptions o = {}) {
    std::ostringstream out, err;
    Player p(s, sim, runner, o);
    int status = p.play(out, err);
    return {status, out.str(), err.str()};
}

} // namespace

TEST_CASE("the player prints narration, prompt, command and output in the chosen language") {
    Scenario s = load(R"([{"narration": {"en": "List pods.", "ja": "pod を一覧します。"}, "commands": ["kubectl get pods"],
                           "expect": [{"lines": ["NAME"]}]}])");
    Simulation sim(ClusterConfig{}, 1);
    CannedRunner runner;
    runner.answers["kubectl get pods"] = {"NAME\n", "", 0};
    auto en = play(s, sim, runner);
    CHECK(en.status == 0);
    CHECK(en.out == "Title\nAbout.\n\n[1/1] List pods.\n\n$ kubectl get pods\nNAME\n\n");
    PlayerOptions ja;
    ja.lang = Lang::Ja;
    CHECK(play(s, sim, runner, ja).out == "題名\n概要。\n\n[1/1] pod を一覧します。\n\n$ kubectl get pods\nNAME\n\n");
    PlayerOptions transcript;
    transcript.narration = false;
    CHECK(play(s, sim, runner, transcript).out == "$ kubectl get pods\nNAME\n\n");
}

TEST_CASE("a failed expectation stops the play with exit 1 and a diff on stderr") {
    Scenario s = load(R"([{"narration": {"en": "", "ja": ""}, "commands": ["kubectl get pods"],
                           "expect": [{"lines": ["NAME", "rcsise-6nq3k   1/1       Running   0          57s"]}]},
                          {"narration": {"en": "", "ja": ""}, "commands": ["never"]}])");
    Simulation sim(ClusterConfig{}, 1);
    CannedRunner runner;
    runner.answers["kubectl get pods"] = {"NAME\nrcsise-6nq3k   1/1       Running   0          58s\n", "", 0};
    auto r = play(s, sim, runner);
    CHECK(r.status == 1);
    CHECK(r.err ==
          "t.json: $.steps[0].expect[0]: lines expectation failed\n"
          "expected line missing (or out of order):\n"
          "    rcsise-6nq3k   1/1       Running   0          57s\n"
          "--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n NAME\n"
          "-rcsise-6nq3k   1/1       Running   0          57s\n"
          "+rcsise-6nq3k   1/1       Running   0          58s\n");
    CHECK(runner.ran == std::vector<std::string>{"kubectl get pods"});
}

TEST_CASE("a failing command fails the step unless a status expectation allows it") {
    Simulation sim(ClusterConfig{}, 1);
    CannedRunner runner;
    runner.answers["kubectl get pod x"] = {"", "Error from server (NotFound): pods \"x\" not found\n", 1};
    Scenario strict = load(R"([{"narration": {"en": "", "ja": ""}, "commands": ["kubectl get pod x"]}])");
    auto r = play(strict, sim, runner);
    CHECK(r.status == 1);
    CHECK(r.err == "t.json: $.steps[0].commands[0]: \"kubectl get pod x\" exited with status 1 (add {\"status\": 1} to expect a failure)\n");
    Scenario lenient = load(R"J([{"narration": {"en": "", "ja": ""}, "commands": ["kubectl get pod x"],
                                 "expect": [{"status": 1}, {"contains": "(NotFound)"}]}])J");
    CHECK(play(lenient, sim, runner).status == 0);
}

TEST_CASE("steps that need a missing feature are shown as skipped and not run") {
    Scenario s = load(R"([{"narration": {"en": "", "ja": ""}, "commands": ["curl 172.17.0.3:9876/info"], "requires": "data-plane",
                           "expect": [{"exact": "never checked"}]}])");
    Simulation sim(ClusterConfig{}, 1);
    CannedRunner runner;
    PlayerOptions o;
    o.narration = false;
    auto r = play(s, sim, runner, o);
    CHECK(r.status == 0);
    CHECK(r.out == "$ curl 172.17.0.3:9876/info\n# skipped: requires data-plane\n\n");
    CHECK(runner.ran.empty());
    runner.commands = {"curl", "iptables-save"};
    runner.answers["curl 172.17.0.3:9876/info"] = {"other\n", "", 0};
    CHECK(play(s, sim, runner, o).status == 1);  // with the feature present the step runs and is checked
}

TEST_CASE("variables in commands are substituted and advance lets simulated time pass") {
    Scenario s = load(R"([{"narration": {"en": "", "ja": ""}, "commands": ["kubectl describe pod ${pod:app=sise:0}"], "advance": "57s"}])");
    Simulation sim(ClusterConfig{}, 1);
    Pod p;
    p.meta.name = "rcsise-6nq3k";
    p.meta.ns = "default";
    p.meta.labels = {{"app", "sise"}};
    sim.state().objects.pods["default/rcsise-6nq3k"] = p;
    CannedRunner runner;
    runner.answers["kubectl describe pod rcsise-6nq3k"] = {"Name: rcsise-6nq3k\n", "", 0};
    auto r = play(s, sim, runner);
    CHECK(r.status == 0);
    CHECK(runner.ran == std::vector<std::string>{"kubectl describe pod rcsise-6nq3k"});
    CHECK(sim.now() == SimTime::s(57));
}

TEST_CASE("step mode reads one line between steps") {
    Scenario s = load(R"([{"narration": {"en": "", "ja": ""}, "commands": []}, {"narration": {"en": "", "ja": ""}, "commands": []},
                          {"narration": {"en": "", "ja": ""}, "commands": []}])");
    Simulation sim(ClusterConfig{}, 1);
    CannedRunner runner;
    std::istringstream input("a\nb\nc\n");
    PlayerOptions o;
    o.stepMode = true;
    o.input = &input;
    CHECK(play(s, sim, runner, o).status == 0);
    std::string rest;
    std::getline(input, rest);
    CHECK(rest == "c");  // two waits for three steps
}
