#pragma once
// Parses one shell line (see syntax.hpp for the grammar) into a Script. A syntax error names
// the offending token and its column, and nothing of the line runs.
#include <string>

#include <kubenetsim/shell/syntax.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::shell {

Expected<Script> parseScript(const std::string& text, int columnBase = 1);

// True when the text stops inside a construct that more lines would complete (an open quote or
// $(, a trailing `|`, `&&` or `||`, a `for` without `done`): a front end then reads a
// continuation line and joins it with a newline, as bash does with its `> ` prompt.
bool isIncomplete(const std::string& text);

} // namespace kns::shell
