#pragma once
// A scenario as the player runs it: a narrated list of steps, each a few shell lines with what
// their output and the cluster must look like afterwards. Scenarios are JSON files (see
// scenarios/schema/scenario.schema.json and scenario_loader.hpp); this is their checked form.
//
// Every element remembers its JSON path ("$.steps[3].expect[0]") so that the player's failure
// messages point at the line of the file to look at.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubenetsim/core/config.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns::scenario {

enum class Lang : std::uint8_t { En, Ja };
// "en" | "ja"; nullopt for anything else.
std::optional<Lang> parseLang(const std::string& text);

// A text in every language a scenario is written in.
struct Text {
    std::string en;
    std::string ja;
    const std::string& in(Lang lang) const { return lang == Lang::Ja ? ja : en; }
};

// What a step's output or the cluster must satisfy. Text expectations see the step's whole
// terminal output: each command's stdout then its stderr, in command order. Variables
// (variables.hpp) in the expected text are substituted before the comparison.
struct Expectation {
    enum class Kind : std::uint8_t {
        Exact,     // the output is exactly `text`
        Contains,  // `text` occurs somewhere in the output
        Lines,     // every one of `lines` is a whole output line, in this order (others may sit between)
        Regex,     // ECMAScript regex `text` matches somewhere in the output
        Status,    // the last command's exit status is `status`
        State,     // the state predicate `text` (state_predicate.hpp) holds after the step
    };
    Kind kind = Kind::Contains;
    std::string text;
    std::vector<std::string> lines;
    int status = 0;
    std::string path;  // "$.steps[3].expect[0]"
};
const char* expectationKindName(Expectation::Kind k);  // the JSON key: "exact", "contains", ...

// Hold the step's packet at a node's netfilter hook or chain: the window stops its view there
// and the CLI player says where (pause_point.hpp).
struct PauseAt {
    std::string node;
    std::string hook;   // prerouting | input | forward | output | postrouting
    std::string chain;  // or a chain, e.g. "KUBE-SERVICES"
    std::string table;  // with chain: nat | filter | mangle | raw (default nat)
};

// A prediction the learner makes before the step runs; the simulation computes the answer named
// by answerFrom (question_answer.hpp lists the names).
struct Question {
    Text prompt;
    std::vector<Text> choices;
    std::string answerFrom;  // e.g. "endpoint-of-next-connection", "next-chain", "curl-from"
};

struct Step {
    Text narration;
    std::vector<std::string> commands;  // shell lines, with variables
    std::vector<Expectation> expect;
    std::optional<SimTime> advance;      // simulated time to let pass after the step
    std::vector<std::string> requirements;  // `requires`: features the step needs, e.g. "data-plane"
    std::optional<PauseAt> pauseAt;
    std::optional<Question> question;
    std::string path;  // "$.steps[3]"
};

struct Scenario {
    std::string file;  // as given, for messages
    Text title;
    Text description;
    // The cluster: a built-in profile, optionally overridden by `cluster` (a definition of the
    // same shape as ClusterConfig; applied with applyClusterDefinition()).
    std::string profile;              // "legacy" | "modern" | "" (cluster only)
    nlohmann::json clusterDefinition;  // null when absent
    std::uint64_t seed = 1;
    std::optional<std::int64_t> startEpochSeconds;  // wall clock at simulated time zero
    std::optional<int> tzOffsetMinutes;
    Reservations reservations;
    std::vector<Step> steps;
};

// Features a step can require. A step whose requirements are not all available is shown as
// skipped and its expectations are not checked (they become live when the feature lands).
const std::vector<std::string>& knownFeatures();

} // namespace kns::scenario
