#pragma once
// Walks a parsed JSON document and collects errors that name the JSON path of the offending
// value ("$.steps[3].expect[0]"), for the scenario loader. Checks never stop at the first
// error: validate reports everything wrong with a file at once.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubenetsim/util/expected.hpp>

namespace kns::scenario {

using Json = nlohmann::json;

std::string childPath(const std::string& path, const std::string& key);
std::string indexPath(const std::string& path, std::size_t index);
// The closest candidate within edit distance 2, or "" (for "did you mean" hints).
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

class JsonChecker {
public:
    explicit JsonChecker(std::string file) : m_file(std::move(file)) {}

    void fail(const std::string& path, const std::string& message);
    const std::vector<Error>& errors() const { return m_errors; }
    bool failedSince(std::size_t mark) const { return m_errors.size() > mark; }
    std::size_t mark() const { return m_errors.size(); }

    // Checks that v is an object whose keys are all in `allowed` and include every `required` one.
    bool object(const Json& v, const std::string& path, const std::vector<std::string>& allowed,
                const std::vector<std::string>& required = {});
    bool array(const Json& v, const std::string& path);

    // Typed reads of obj[key]; a missing key gives nullopt without an error (object() reports
    // missing required keys); a wrong type reports an error.
    std::optional<std::string> string(const Json& obj, const std::string& key, const std::string& path);
    std::optional<bool> boolean(const Json& obj, const std::string& key, const std::string& path);
    std::optional<long long> integer(const Json& obj, const std::string& key, const std::string& path, long long min, long long max);
    std::optional<std::vector<std::string>> strings(const Json& obj, const std::string& key, const std::string& path);

    static const char* typeName(const Json& v);

private:
    std::string m_file;
    std::vector<Error> m_errors;
};

} // namespace kns::scenario
