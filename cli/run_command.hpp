#pragma once
// `kubenetsim-cli run SCENARIO.json [--seed N] [--lang en|ja] [--step] [--transcript]`: replays a
// scenario in the terminal (see scenario/player.hpp). Exit 0 when every expectation held, 1 when
// one failed, 2 on a usage error or an unreadable or invalid scenario.
#include <iosfwd>

namespace kns::cli {

// argv[0] is the subcommand word ("run").
int runCommand(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace kns::cli
