// kubenetsim: the window. Until the SFML + Dear ImGui front end lands, this program replays the
// scenario in the terminal, exactly as `kubenetsim-cli run` does.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_app.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto& a : args) {
        if (a == "--has-window") return 1;  // no window in this build: scripts/run falls back to the terminal
        if (a == "--help" || a == "-h") {
            std::cout << "usage: kubenetsim [--scenario FILE] [--seed N] [--lang en|ja]\n"
                         "\nThe window is not part of this build yet; the scenario replays in the terminal\n"
                         "(the same as kubenetsim-cli run FILE).\n";
            return 0;
        }
    }
    std::vector<std::string> cliArgs{"kubenetsim-cli", "run"};
    std::string scenario;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--scenario" && i + 1 < args.size()) scenario = args[++i];
        else cliArgs.push_back(args[i]);
    }
    if (scenario.empty()) {
        std::cerr << "kubenetsim: --scenario FILE is required until the window exists\n";
        return 2;
    }
    cliArgs.insert(cliArgs.begin() + 2, scenario);
    std::vector<const char*> cargv;
    for (const auto& a : cliArgs) cargv.push_back(a.c_str());
    return kns::cli::main(static_cast<int>(cargv.size()), cargv.data(), std::cin, std::cout, std::cerr);
}
