#pragma once
// Command-line flags as kubectl's flag library (spf13/pflag) reads them: `--name=value`,
// `--name value`, `-n value`, `-nvalue`, `-n=value`, boolean flags alone or as `--all=false`,
// combined boolean shorthands (`-it`), flags anywhere among the arguments, and `--` ending
// the flags (what follows goes to `exec`). Unknown flags and missing values are reported in
// pflag's words ("unknown flag: --foo", "unknown shorthand flag: 'x' in -x").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/util/expected.hpp>

namespace kns::kubectl {

struct FlagSpec {
    enum class Type { Bool, String, Int, StringArray };
    std::string name;      // long name without dashes: "replicas"
    char shorthand = 0;    // 'n', or 0 for none
    Type type = Type::String;
};

struct ParsedArgs {
    std::vector<std::string> positional;    // words that are not flags, in order
    std::vector<std::string> afterDashDash; // everything after a bare "--"
    bool sawDashDash = false;
    // Values by long name, in the order given. A Bool flag stores "true" or "false".
    std::map<std::string, std::vector<std::string>> values;

    bool has(const std::string& name) const { return values.count(name) != 0; }
    // The last value given (pflag: a repeated scalar flag keeps the last one).
    std::optional<std::string> get(const std::string& name) const;
    std::string getOr(const std::string& name, const std::string& fallback) const;
    bool flag(const std::string& name) const;  // a Bool flag given and not "=false"
    std::vector<std::string> all(const std::string& name) const;
};

// Parses args (without the command words) against specs. The error is pflag's message alone.
Expected<ParsedArgs, std::string> parseFlags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs);

} // namespace kns::kubectl
