#pragma once
// kubenetsim-cli as a library function, so tests can run it with string streams.
#include <iosfwd>

namespace kns::cli {

// Exit codes (documented in the README): 0 success, 1 a scenario expectation or a shell command
// failed, 2 usage error or unreadable/invalid input file.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// Dispatches argv[1] to its subcommand (see subcommands in cli_app.cpp). Interactive behaviour
// (prompt, line editing) is used only when `in` is std::cin and the process's stdin is a terminal.
int main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

// Every subcommand has this shape; argv[0] is the subcommand word ("shell", "run", ...).
using SubcommandFn = int (*)(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace kns::cli
