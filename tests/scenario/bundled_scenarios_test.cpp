#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubenetsim/scenario/scenario_loader.hpp>

using namespace kns::scenario;
namespace fs = std::filesystem;

namespace {

// Every scenario file shipped under scenarios/ (the schema folder holds no scenarios).
std::vector<fs::path> bundledScenarios() {
    std::vector<fs::path> files;
    const fs::path root = fs::path(KNS_SOURCE_DIR) / "scenarios";
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        if (entry.path().parent_path().filename() == "schema") continue;
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

nlohmann::json readJson(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

std::set<std::string> keysOf(const nlohmann::json& schemaObject) {
    std::set<std::string> keys;
    for (const auto& [k, v] : schemaObject.at("properties").items()) keys.insert(k);
    return keys;
}

} // namespace

TEST_CASE("every bundled scenario validates") {
    const auto files = bundledScenarios();
    REQUIRE(!files.empty());
    bool sawServices = false;
    for (const auto& f : files) {
        CAPTURE(f.string());
        auto r = loadScenarioFile(f.string());
        std::string errors;
        if (!r) for (const auto& e : r.error()) errors += e.full() + "\n";
        CHECK_MESSAGE(r.ok(), errors);
        sawServices = sawServices || f.filename() == "services.json";
    }
    CHECK(sawServices);
}

TEST_CASE("the services scenario pins the tutorial's names, address and time") {
    auto r = loadScenarioFile(std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/services.json");
    REQUIRE(r.ok());
    CHECK(r->profile == "legacy");
    CHECK(r->reservations.clusterIPs.at("default/simpleservice") == "172.30.228.255");
    CHECK(r->reservations.podNames == std::vector<std::string>{"rcsise-6nq3k", "rcsise-nv8zm"});
    CHECK(*r->tzOffsetMinutes == 60);
    for (const auto& step : r->steps) {
        CHECK(!step.narration.en.empty());
        CHECK(!step.narration.ja.empty());
    }
}

TEST_CASE("the JSON schema names the same keys the loader accepts") {
    const auto schema = readJson(fs::path(KNS_SOURCE_DIR) / "scenarios/schema/scenario.schema.json");
    CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(keysOf(schema) == std::set<std::string>{"$schema", "title", "description", "profile", "cluster", "seed",
                                                   "start_time", "time_zone", "reservations", "steps"});
    const auto& defs = schema.at("$defs");
    CHECK(keysOf(defs.at("step")) ==
          std::set<std::string>{"narration", "commands", "expect", "advance", "requires", "pause_at", "question"});
    CHECK(keysOf(defs.at("expectation")) == std::set<std::string>{"exact", "contains", "lines", "regex", "status", "state"});
    CHECK(keysOf(defs.at("cluster")) ==
          std::set<std::string>{"era", "kubernetes_version", "nodes", "pod_cidr", "service_cidr", "dns_ip", "load_balancer_pool",
                                "node_port_range", "kube_proxy", "latencies", "shell_node", "prompt"});
    // Each key the schema allows is one the loader knows: a scenario using it alone loads or
    // fails for its value, never as an unknown key.
    auto s = nlohmann::json::parse(R"({"title": {"en": "", "ja": ""}, "description": {"en": "", "ja": ""},
        "profile": "legacy", "steps": [{"narration": {"en": "", "ja": ""}, "commands": []}]})");
    for (const auto& key : keysOf(defs.at("step"))) {
        auto t = s;
        t["steps"][0][key] = nullptr;
        auto r = parseScenario(t.dump(), "s.json");
        if (r) continue;
        for (const auto& e : r.error()) CHECK(e.message.find("unknown key") == std::string::npos);
    }
}
