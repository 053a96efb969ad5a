#pragma once
// Reads a scenario file into a checked Scenario. The rules are those of
// scenarios/schema/scenario.schema.json plus what a schema cannot say (durations, dates, regexes,
// state predicates and variables parse). Every problem is reported, each with the JSON path of
// the offending value, for example
//     services.json: $.steps[3].expect[0]: unknown expectation "containz" (did you mean "contains"?)
// and JSON syntax errors with line and column:
//     services.json:12:5: JSON syntax error: ...
#include <string>
#include <vector>

#include <kubenetsim/scenario/scenario.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::scenario {

using LoadErrors = std::vector<Error>;

// name is used in messages only (usually the file name as the user gave it).
Expected<Scenario, LoadErrors> parseScenario(const std::string& jsonText, const std::string& name);
Expected<Scenario, LoadErrors> loadScenarioFile(const std::string& path);

// 1-based line and column of a byte offset into text (columns count bytes).
std::pair<std::size_t, std::size_t> lineColumnAt(const std::string& text, std::size_t byteOffset);

} // namespace kns::scenario
