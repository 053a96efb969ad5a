#pragma once
// Parses one shell line (see syntax.hpp for the grammar) into a Script. A syntax error names
// the offending token and its column, and nothing of the line runs.
#include <string>

#include <kubenetsim/shell/syntax.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::shell {

Expected<Script> parseScript(const std::string& text, int columnBase = 1);

} // namespace kns::shell
