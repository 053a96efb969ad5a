#pragma once
// `kubenetsim-cli validate SCENARIO.json...`: checks scenario files against the scenario rules
// (scenarios/schema/scenario.schema.json plus what a schema cannot say) and prints every error
// with its JSON path. Exit 0 when every file is valid, 2 when one is invalid or unreadable or the
// usage is wrong.
#include <iosfwd>

namespace kns::cli {

// argv[0] is the subcommand word ("validate").
int validateCommand(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace kns::cli
