#pragma once
// kubenetsim-cli as a library function, so tests can run it with string streams.
#include <iosfwd>

namespace kns::cli {

// Exit codes (documented in the README): 0 success, 1 a scenario expectation or a shell command
// failed, 2 usage error or unreadable/invalid input file.
int main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace kns::cli
