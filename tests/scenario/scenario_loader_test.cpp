#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubenetsim/scenario/cluster_definition.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>

using namespace kns;
using namespace kns::scenario;
using nlohmann::json;

namespace {

json minimalScenario() {
    return json::parse(R"({
      "title": {"en": "T", "ja": "T"},
      "description": {"en": "D", "ja": "D"},
      "profile": "legacy",
      "seed": 7,
      "steps": [
        {"narration": {"en": "n", "ja": "n"}, "commands": ["kubectl get pods"],
         "expect": [{"contains": "NAME"}, {"status": 0}]}
      ]
    })");
}

std::string errorsOf(const std::string& text) {
    auto r = parseScenario(text, "s.json");
    if (r) return "(valid)";
    std::string all;
    for (const auto& e : r.error()) all += e.full() + "\n";
    return all;
}

struct BrokenCase {
    const char* name;
    std::function<void(json&)> breakIt;
    const char* expected;  // the whole error report
};

} // namespace

TEST_CASE("the minimal scenario loads with its fields") {
    auto r = parseScenario(minimalScenario().dump(), "s.json");
    REQUIRE(r.ok());
    CHECK(r->profile == "legacy");
    CHECK(r->seed == 7);
    REQUIRE(r->steps.size() == 1);
    CHECK(r->steps[0].commands == std::vector<std::string>{"kubectl get pods"});
    REQUIRE(r->steps[0].expect.size() == 2);
    CHECK(r->steps[0].expect[0].kind == Expectation::Kind::Contains);
    CHECK(r->steps[0].expect[0].path == "$.steps[0].expect[0]");
    CHECK(r->steps[0].expect[1].kind == Expectation::Kind::Status);
}

TEST_CASE("every broken scenario is rejected with the JSON path of its mistake") {
    const std::vector<BrokenCase> cases{
        {"misspelt expectation", [](json& s) { s["steps"][0]["expect"][0] = {{"containz", "x"}}; },
         "s.json: $.steps[0].expect[0]: unknown expectation \"containz\" (did you mean \"contains\"?)\n"},
        {"misspelt step key", [](json& s) { s["steps"][0]["narattion"] = s["steps"][0]["narration"]; },
         "s.json: $.steps[0].narattion: unknown key \"narattion\" (did you mean \"narration\"?)\n"},
        {"missing title", [](json& s) { s.erase("title"); }, "s.json: $: missing required key \"title\"\n"},
        {"title without Japanese", [](json& s) { s["title"].erase("ja"); }, "s.json: $.title: missing required key \"ja\"\n"},
        {"title as a string", [](json& s) { s["title"] = "T"; }, "s.json: $.title: expected an object, got a string\n"},
        {"unknown profile", [](json& s) { s["profile"] = "ancient"; },
         "s.json: $.profile: unknown profile \"ancient\" (expected legacy or modern)\n"},
        {"neither profile nor cluster", [](json& s) { s.erase("profile"); },
         "s.json: $: give a \"profile\" (legacy or modern) or a \"cluster\" definition\n"},
        {"negative seed", [](json& s) { s["seed"] = -1; },
         "s.json: $.seed: must be between 0 and 9223372036854775807\n"},
        {"seed as text", [](json& s) { s["seed"] = "7"; }, "s.json: $.seed: expected an integer, got a string\n"},
        {"start time without offset", [](json& s) { s["start_time"] = "2017-04-25T14:47:43"; },
         "s.json: $.start_time: \"2017-04-25T14:47:43\" is not an RFC 3339 time with an offset (for example \"2017-04-25T14:47:43+01:00\")\n"},
        {"bad time zone", [](json& s) { s["time_zone"] = "CET"; },
         "s.json: $.time_zone: \"CET\" is not a UTC offset (for example \"+01:00\", \"-05:30\", \"Z\")\n"},
        {"reservation key without namespace", [](json& s) { s["reservations"] = {{"cluster_ips", {{"simpleservice", "172.30.0.9"}}}}; },
         "s.json: $.reservations.cluster_ips.simpleservice: expected a key \"namespace/name\"\n"},
        {"reservation with a bad address", [](json& s) { s["reservations"] = {{"cluster_ips", {{"default/x", "172.30.0.999"}}}}; },
         "s.json: $.reservations.cluster_ips[\"default/x\"]: expected an IPv4 address, got \"172.30.0.999\"\n"},
        {"pod name with capitals", [](json& s) { s["reservations"] = {{"pod_names", {"rcsise-6nq3k", "Bad_Name"}}}; },
         "s.json: $.reservations.pod_names[1]: \"Bad_Name\" is not a valid pod name\n"},
        {"no steps", [](json& s) { s["steps"] = json::array(); }, "s.json: $.steps: a scenario needs at least one step\n"},
        {"commands as a string", [](json& s) { s["steps"][0]["commands"] = "kubectl get pods"; },
         "s.json: $.steps[0].commands: expected an array, got a string\n"},
        {"a command that is not a string", [](json& s) { s["steps"][0]["commands"][0] = 3; },
         "s.json: $.steps[0].commands[0]: expected a string, got an integer\n"},
        {"a malformed variable", [](json& s) { s["steps"][0]["commands"][0] = "kubectl describe pod ${pod:app=sise:first}"; },
         "s.json: $.steps[0].commands[0]: index \"first\" of variable ${pod:app=sise:first} is not an integer (at column 22)\n"},
        {"bad advance", [](json& s) { s["steps"][0]["advance"] = "57 seconds"; },
         "s.json: $.steps[0].advance: \"57 seconds\" is not a duration (for example \"57s\", \"5m\", \"1m30s\")\n"},
        {"two keys in one expectation", [](json& s) { s["steps"][0]["expect"][0] = {{"contains", "a"}, {"status", 0}}; },
         "s.json: $.steps[0].expect[0]: an expectation has exactly one key (exact, contains, lines, regex, status or state), got 2\n"},
        {"bad regex", [](json& s) { s["steps"][0]["expect"][0] = {{"regex", "rcsise-[a-z"}}; },
         "s.json: $.steps[0].expect[0].regex: invalid regular expression: "},
        {"status out of range", [](json& s) { s["steps"][0]["expect"][1] = {{"status", 300}}; },
         "s.json: $.steps[0].expect[1].status: expected an exit status 0-255, got an integer\n"},
        {"bad state predicate", [](json& s) { s["steps"][0]["expect"][0] = {{"state", "pods with app=sise ready eq 2"}}; },
         "s.json: $.steps[0].expect[0].state: expected a comparison operator (==, !=, <, <=, >, >=), got \"eq\" (at column 26 of \"pods with app=sise ready eq 2\")\n"},
        {"lines with a non-string", [](json& s) { s["steps"][0]["expect"][0] = {{"lines", {"NAME", 5}}}; },
         "s.json: $.steps[0].expect[0].lines[1]: expected a string, got an integer\n"},
        {"unknown feature", [](json& s) { s["steps"][0]["requires"] = "gpu"; },
         "s.json: $.steps[0].requires: unknown feature \"gpu\" (expected data-plane)\n"},
        {"pause with hook and chain", [](json& s) { s["steps"][0]["pause_at"] = {{"node", "localhost"}, {"hook", "prerouting"}, {"chain", "KUBE-SERVICES"}}; },
         "s.json: $.steps[0].pause_at: give exactly one of \"hook\" and \"chain\"\n"},
        {"pause at an unknown hook", [](json& s) { s["steps"][0]["pause_at"] = {{"node", "localhost"}, {"hook", "ingress"}}; },
         "s.json: $.steps[0].pause_at.hook: unknown hook \"ingress\" (expected prerouting, input, forward, output or postrouting)\n"},
        {"question without answer", [](json& s) { s["steps"][0]["question"] = {{"prompt", {{"en", "?"}, {"ja", "?"}}}, {"choices", {"a", "b"}}}; },
         "s.json: $.steps[0].question: missing required key \"answer_from\"\n"},
        {"question with one choice", [](json& s) { s["steps"][0]["question"] = {{"prompt", {{"en", "?"}, {"ja", "?"}}}, {"choices", {"a"}}, {"answer_from", "x"}}; },
         "s.json: $.steps[0].question.choices: a question needs at least two choices\n"},
        {"question with an unknown answer", [](json& s) { s["steps"][0]["question"] = {{"prompt", {{"en", "?"}, {"ja", "?"}}}, {"choices", {"a", "b"}}, {"answer_from", "x"}}; },
         "s.json: $.steps[0].question.answer_from: unknown answer \"x\" (expected endpoint-of-next-connection, next-chain or curl-from)\n"},
        {"cluster alone without era", [](json& s) { s.erase("profile"); s["cluster"] = {{"nodes", {{{"name", "n1"}}}}}; },
         "s.json: $.cluster: missing required key \"era\"\n"},
        {"cluster override with a bad CIDR", [](json& s) { s["cluster"] = {{"service_cidr", "10.96.0.0"}}; },
         "s.json: $.cluster.service_cidr: \"10.96.0.0\" is not an IPv4 CIDR (a.b.c.d/n)\n"},
        {"kube-proxy flag misspelt", [](json& s) { s["cluster"] = {{"kube_proxy", {{"masquerade_al", true}}}}; },
         "s.json: $.cluster.kube_proxy.masquerade_al: unknown key \"masquerade_al\" (did you mean \"masquerade_all\"?)\n"},
        {"duplicate node names", [](json& s) { s["cluster"] = {{"nodes", {{{"name", "a"}}, {{"name", "a"}}}}}; },
         "s.json: $.cluster.nodes[1].name: duplicate node name \"a\"\n"},
        {"two mistakes at once", [](json& s) { s["seed"] = true; s["steps"][0]["expect"][0] = {{"exakt", "x"}}; },
         "s.json: $.seed: expected an integer, got a boolean\n"
         "s.json: $.steps[0].expect[0]: unknown expectation \"exakt\" (did you mean \"exact\"?)\n"},
    };
    CHECK(cases.size() >= 30);
    for (const auto& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        json s = minimalScenario();
        c.breakIt(s);
        const std::string got = errorsOf(s.dump());
        // The regex error's own wording comes from the standard library: compare the prefix.
        CHECK(got.substr(0, std::string(c.expected).size()) == c.expected);
        CHECK(got != "(valid)");
    }
}

TEST_CASE("a JSON syntax error names the line and column of the offending character") {
    const std::string text = "{\n  \"title\": {\"en\": \"T\", \"ja\": \"T\"},\n  \"seed\": 7,,\n}\n";
    const std::string got = errorsOf(text);
    CHECK(got.rfind("s.json:3:13: JSON syntax error: ", 0) == 0);
    CHECK(lineColumnAt("ab\ncd", 4) == std::pair<std::size_t, std::size_t>{2, 2});
}

TEST_CASE("start time and time zone set the wall clock and the display zone") {
    json s = minimalScenario();
    s["start_time"] = "2017-04-25T14:47:43+01:00";
    auto r = parseScenario(s.dump(), "s.json");
    REQUIRE(r.ok());
    CHECK(*r->startEpochSeconds == 1493128063);  // 13:47:43 UTC
    CHECK(*r->tzOffsetMinutes == 60);
    s["time_zone"] = "-05:30";
    r = parseScenario(s.dump(), "s.json");
    REQUIRE(r.ok());
    CHECK(*r->tzOffsetMinutes == -330);
    CHECK(*r->startEpochSeconds == 1493128063);
}

TEST_CASE("reservations, advances, requirements and reserved fields are read") {
    json s = minimalScenario();
    s["reservations"] = {{"cluster_ips", {{"default/simpleservice", "172.30.228.255"}}}, {"pod_names", {"rcsise-6nq3k"}}};
    s["steps"][0]["advance"] = "1m30s";
    s["steps"][0]["requires"] = {"data-plane"};
    s["steps"][0]["pause_at"] = {{"node", "localhost"}, {"chain", "KUBE-SERVICES"}, {"table", "nat"}};
    s["steps"][0]["question"] = {{"prompt", {{"en", "Which pod?"}, {"ja", "どの pod?"}}},
                                 {"choices", {"a", {{"en", "b"}, {"ja", "b"}}}},
                                 {"answer_from", "endpoint-of-next-connection"}};
    auto r = parseScenario(s.dump(), "s.json");
    REQUIRE(r.ok());
    CHECK(r->reservations.clusterIPs.at("default/simpleservice") == "172.30.228.255");
    CHECK(r->reservations.podNames == std::vector<std::string>{"rcsise-6nq3k"});
    CHECK(*r->steps[0].advance == SimTime::s(90));
    CHECK(r->steps[0].requirements == std::vector<std::string>{"data-plane"});
    CHECK(r->steps[0].pauseAt->chain == "KUBE-SERVICES");
    CHECK(r->steps[0].question->choices.size() == 2);
    CHECK(r->steps[0].question->prompt.ja == "どの pod?");
}

TEST_CASE("a cluster definition overrides the profile's fields it names") {
    json def = {{"kube_proxy", {{"masquerade_all", true}, {"cluster_cidr", "10.244.0.0/16"}, {"sync_period", "10s"}}},
                {"prompt", "# "},
                {"node_port_range", "31000-31010"}};
    ClusterConfig c;
    c.proxy.minSyncPeriod = SimTime::s(2);
    applyClusterDefinition(def, c);
    CHECK(c.proxy.masqueradeAll);
    CHECK(c.proxy.clusterCIDR == "10.244.0.0/16");
    CHECK(c.proxy.syncPeriod == SimTime::s(10));
    CHECK(c.proxy.minSyncPeriod == SimTime::s(2));
    CHECK(c.prompt == "# ");
    CHECK(c.nodePortMin == 31000);
    CHECK(c.nodePortMax == 31010);
}

TEST_CASE("a standalone cluster definition builds the nodes and interfaces it describes") {
    json s = minimalScenario();
    s.erase("profile");
    s["cluster"] = json::parse(R"({
      "era": "modern", "service_cidr": "10.96.0.0/16", "pod_cidr": "10.244.0.0/16", "shell_node": "w1",
      "nodes": [{"name": "w1", "internal_ip": "172.18.0.2", "pod_cidr": "10.244.1.0/24",
                 "interfaces": [{"name": "eth0", "address": "172.18.0.2/16", "default_route": true, "gateway": "172.18.0.1"}]}]
    })");
    auto r = parseScenario(s.dump(), "s.json");
    REQUIRE(r.ok());
    ClusterConfig c;
    applyClusterDefinition(r->clusterDefinition, c);
    CHECK(c.era == Era::Modern);
    REQUIRE(c.nodes.size() == 1);
    CHECK(c.nodes[0].interfaces.at(0).gateway == "172.18.0.1");
    CHECK(c.nodes[0].interfaces.at(0).defaultRoute);
    CHECK(c.shellNode == "w1");
}
