#include "validate_command.hpp"

#include <ostream>
#include <string>
#include <vector>

#include <kubenetsim/scenario/scenario_loader.hpp>

namespace kns::cli {
namespace {

constexpr const char* kUsage =
    "usage: kubenetsim-cli validate SCENARIO.json...\n"
    "Checks scenario files and names the JSON path of every error.\n"
    "Exit status: 0 all valid, 2 an invalid or unreadable file or a usage error.\n";

} // namespace

int validateCommand(int argc, const char* const* argv, std::istream&, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            out << kUsage;
            return 0;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            err << "kubenetsim-cli validate: unknown option " << arg << "\n" << kUsage;
            return 2;
        }
        files.push_back(arg);
    }
    if (files.empty()) {
        err << "kubenetsim-cli validate: no scenario file given\n" << kUsage;
        return 2;
    }
    int status = 0;
    for (const auto& file : files) {
        auto loaded = scenario::loadScenarioFile(file);
        if (loaded) {
            out << file << ": valid (" << loaded->steps.size() << " steps)\n";
            continue;
        }
        for (const auto& e : loaded.error()) err << e.full() << "\n";
        status = 2;
    }
    return status;
}

} // namespace kns::cli
