#pragma once
// grep's pattern languages on top of std::regex. GNU grep reads basic regular expressions by
// default (`\(`, `\|`, `\+` are operators and bare `(`, `|`, `+` literals), extended ones with
// -E, fixed strings with -F; all three are translated to ECMAScript, which std::regex matches
// with the same meaning for everything grep users type (bracket expressions with [:classes:],
// anchors, intervals, back references, and GNU's \w \s \b \< \>).
#include <regex>
#include <string>
#include <vector>

#include <kubenetsim/util/expected.hpp>

namespace kns::shell {

enum class GrepSyntax { Basic, Extended, Fixed };

struct GrepOptions {
    GrepSyntax syntax = GrepSyntax::Basic;
    bool ignoreCase = false;
    bool wholeWord = false;  // -w
    bool wholeLine = false;  // -x
};

// The ECMAScript spelling of one grep pattern, or the error message grep prints for it.
Expected<std::string> grepToEcmaScript(const std::string& pattern, GrepSyntax syntax);

// One regex matching any of the patterns (grep -e P1 -e P2).
Expected<std::regex> compileGrepPatterns(const std::vector<std::string>& patterns, const GrepOptions& options);

} // namespace kns::shell
