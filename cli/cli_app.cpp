#include "cli_app.hpp"

#include <ostream>
#include <string>

#include "run_command.hpp"
#include "shell_command.hpp"
#include "validate_command.hpp"

namespace kns::cli {

namespace {

struct Subcommand {
    const char* name;
    const char* summary;
    SubcommandFn fn;
};

// One row per subcommand, each implemented in its own file (cli/<name>_command.cpp).
constexpr Subcommand kSubcommands[] = {
    {"shell", "type shell and kubectl commands against a simulated cluster", shellCommand},
    {"run", "replay a scenario: narration, commands, outputs, checked expectations", runCommand},
    {"validate", "check scenario files and name the JSON path of every error", validateCommand},
};

void printUsage(std::ostream& os) {
    os << "Usage: kubenetsim-cli COMMAND [OPTIONS]\n"
          "\n"
          "Commands:\n";
    for (const Subcommand& s : kSubcommands) {
        std::string name = s.name;
        os << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << s.summary << "\n";
    }
    os << "\n"
          "Run 'kubenetsim-cli COMMAND --help' for a command's options.\n"
          "Exit status: 0 success, 1 a command or expectation failed, 2 usage error or invalid input.\n";
}

} // namespace

int main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    if (argc < 2) {
        printUsage(err);
        return kExitUsage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        printUsage(out);
        return kExitOk;
    }
    for (const Subcommand& s : kSubcommands)
        if (command == s.name) return s.fn(argc - 1, argv + 1, in, out, err);
    err << "kubenetsim-cli: unknown command '" << command << "'\n"
        << "Run 'kubenetsim-cli --help' for the list of commands.\n";
    return kExitUsage;
}

} // namespace kns::cli
