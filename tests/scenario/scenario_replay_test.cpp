#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <kubenetsim/scenario/line_diff.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>
#include <kubenetsim/scenario/scenario_session.hpp>

using namespace kns;
using namespace kns::scenario;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> bundledScenarios() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(KNS_SOURCE_DIR) / "scenarios")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        if (entry.path().parent_path().filename() == "schema") continue;
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct Replay {
    int status = -1;
    std::string out;
    std::string err;
    std::string fingerprint;
    std::uint64_t records = 0;
};

Replay replay(const fs::path& file, PlayerOptions options = {}) {
    Replay r;
    auto s = loadScenarioFile(file.string());
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().front().full()));
    FingerprintSink fingerprint;
    auto session = ScenarioSession::create(*s, std::nullopt, {&fingerprint});
    REQUIRE(session.ok());
    std::ostringstream out, err;
    r.status = (*session)->play(options, out, err);
    r.out = out.str();
    r.err = err.str();
    r.fingerprint = fingerprint.hex();
    r.records = fingerprint.count();
    return r;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("every bundled scenario replays headless with its expectations holding") {
    for (const auto& f : bundledScenarios()) {
        CAPTURE(f.string());
        Replay r = replay(f);
        CHECK_MESSAGE(r.status == 0, r.err);
        CHECK(r.err.empty());
    }
}

TEST_CASE("two replays of a scenario with one seed have the same fingerprint and output") {
    const fs::path file = fs::path(KNS_SOURCE_DIR) / "scenarios/kbe/services.json";
    Replay a = replay(file);
    Replay b = replay(file);
    CHECK(a.records > 100);  // boot, controllers and commands all reach the observers
    CHECK(a.fingerprint == b.fingerprint);
    CHECK(a.records == b.records);
    CHECK(a.out == b.out);
}

// The golden transcript holds the services scenario's prompts, commands and outputs byte for
// byte. After a deliberate change of output, regenerate it with KNS_UPDATE_GOLDEN=1 and review
// the diff.
TEST_CASE("the services scenario's transcript matches the golden file byte for byte") {
    const fs::path golden = fs::path(KNS_SOURCE_DIR) / "tests/golden/services-legacy.txt";
    PlayerOptions options;
    options.narration = false;
    Replay r = replay(fs::path(KNS_SOURCE_DIR) / "scenarios/kbe/services.json", options);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    if (std::getenv("KNS_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << r.out;
    const std::string expected = readFile(golden);
    CHECK_MESSAGE(r.out == expected, unifiedDiff(textLines(expected), textLines(r.out)));
}
