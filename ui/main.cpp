// kubenetsim: the window (SFML + Dear ImGui) over the same core and command layer as the CLI.
#include <iostream>
#include <string>
#include <vector>

#include <ui/app/app.hpp>
#include <ui/model/options.hpp>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto options = kns::ui::parseOptions(args);
    if (!options) {
        std::cerr << "kubenetsim: " << options.error().full() << "\n" << kns::ui::usage();
        return 2;
    }
    if (options->help) {
        std::cout << kns::ui::usage();
        return 0;
    }
    // scripts/run asks whether this build has a window before opening it: it has.
    if (options->hasWindow) return 0;
    return kns::ui::App::main(*options);
}
