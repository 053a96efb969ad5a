#pragma once
// `kubenetsim-cli shell [--profile legacy|modern] [--seed N] [--scenario FILE]`: reads shell
// lines from stdin and prints exactly what the GUI console prints for them (stdout to out,
// stderr to err). On a terminal it shows the profile's prompt and edits lines (line_editor.hpp);
// piped, it prints only the commands' output. A line left open (an unterminated quote, a
// trailing `|` or `&&`, a `for` without `done`) continues on the next line, as in bash.
// Exit status: `exit N` gives N; otherwise 0 when the last command succeeded, 1 when it failed;
// 2 for a usage error.
#include <iosfwd>

namespace kns::cli {

int shellCommand(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace kns::cli
