#pragma once
// The options the data-plane benchmarks share: --services S --endpoints E --profile legacy|modern.
#include <cstdlib>
#include <ostream>
#include <string>

#include <kubenetsim/core/config.hpp>

namespace kns::bench {

struct DataPlaneOptions {
    long long services = 10000;
    long long endpoints = 10;
    Era era = Era::Legacy;
    bool json = false;
    long long packets = 1'000'000;
    std::string writeDump;
    std::uint64_t seed = 1;
};

// Parses argv into `o`; `extra` names the options this subcommand takes beyond the shared ones.
inline bool parseDataPlaneOptions(const char* command, int argc, char** argv, DataPlaneOptions& o, std::ostream& err) {
    for (int i = 0; i < argc; ++i) {
        const std::string a = argv[i];
        auto number = [&](long long& v) {
            if (i + 1 >= argc) return false;
            char* end = nullptr;
            v = std::strtoll(argv[++i], &end, 10);
            return *end == 0 && v > 0;
        };
        long long n = 0;
        bool ok = true;
        if (a == "--services") ok = number(o.services);
        else if (a == "--endpoints") ok = number(o.endpoints);
        else if (a == "--packets" && std::string(command) == "classify") ok = number(o.packets);
        else if (a == "--seed") ok = number(n), o.seed = static_cast<std::uint64_t>(n);
        else if (a == "--json") o.json = true;
        else if (a == "--profile" && i + 1 < argc) {
            const std::string p = argv[++i];
            if (p == "legacy") o.era = Era::Legacy;
            else if (p == "modern") o.era = Era::Modern;
            else ok = false;
        } else if (a == "--write-dump" && i + 1 < argc && std::string(command) == "sync") o.writeDump = argv[++i];
        else {
            err << "kubenetsim-bench " << command << ": unknown option '" << a << "'\n";
            return false;
        }
        if (!ok) {
            err << "kubenetsim-bench " << command << ": bad value for " << a << "\n";
            return false;
        }
    }
    return true;
}

} // namespace kns::bench
