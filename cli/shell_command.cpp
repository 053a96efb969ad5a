#include "shell_command.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/scenario_loader.hpp>
#include <kubenetsim/scenario/scenario_session.hpp>
#include <kubenetsim/shell/parser.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

#include "cli_app.hpp"
#include "line_editor.hpp"

namespace kns::cli {

namespace {

const char* kHelp =
    "Usage: kubenetsim-cli shell [--profile legacy|modern] [--seed N] [--scenario FILE]\n"
    "\n"
    "Reads shell lines from stdin and runs them against a simulated cluster: kubectl, sim\n"
    "(what-if controls), pipes through grep/head/tail/wc/sort, for loops, sleep, history, help.\n"
    "On a terminal it shows a prompt and edits lines (arrows, home/end, ctrl-a/e/k/u/w/c/d);\n"
    "piped, it prints only what the commands print, exactly as the GUI console shows it.\n"
    "\n"
    "Options:\n"
    "  --profile NAME   the built-in cluster: legacy (the Services tutorial's OpenShift 3.5 node,\n"
    "                   the default) or modern (a kind-like v1.30 cluster)\n"
    "  --seed N         seed of every random choice (generated names, addresses); default 1\n"
    "  --scenario FILE  start from a scenario's cluster, seed and reservations\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 when the last command succeeded, 1 when it failed, N after `exit N`,\n"
    "2 for a usage error.\n";

struct Options {
    std::string profile = "legacy";
    std::uint64_t seed = 1;
    bool seedGiven = false;
    std::string scenario;
};

int usage(std::ostream& err, const std::string& message) {
    err << "kubenetsim-cli shell: " << message << "\n"
        << "Run 'kubenetsim-cli shell --help' for usage.\n";
    return kExitUsage;
}

// Parses the options; returns an exit code when the command should stop here.
std::optional<int> parseOptions(int argc, const char* const* argv, Options& o, std::ostream& out, std::ostream& err) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string value;
        bool hasValue = false;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = a.substr(eq + 1);
            a = a.substr(0, eq);
            hasValue = true;
        }
        if (a == "-h" || a == "--help") {
            out << kHelp;
            return kExitOk;
        }
        if (a != "--profile" && a != "--seed" && a != "--scenario")
            return usage(err, a.rfind("-", 0) == 0 ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'");
        if (!hasValue) {
            if (i + 1 >= argc) return usage(err, "option '" + a + "' needs a value");
            value = argv[++i];
        }
        if (a == "--profile") {
            o.profile = value;
        } else if (a == "--scenario") {
            o.scenario = value;
        } else {
            char* end = nullptr;
            const unsigned long long seed = std::strtoull(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || value[0] == '-') return usage(err, "invalid seed '" + value + "' (a non-negative integer)");
            o.seed = seed;
            o.seedGiven = true;
        }
    }
    return std::nullopt;
}

// Reads one logical line: continuation lines are read while the text is incomplete (bash's
// `> ` prompt). Returns nullopt at end of input with nothing read.
template <class ReadFn>
std::optional<std::string> readLogicalLine(ReadFn&& readPhysical) {
    auto first = readPhysical(false);
    if (!first) return std::nullopt;
    std::string text = *first;
    while (shell::isIncomplete(text)) {
        auto more = readPhysical(true);
        if (!more) break;  // the shell reports the syntax error
        text += "\n" + *more;
    }
    return text;
}

} // namespace

int shellCommand(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    Options opts;
    if (auto code = parseOptions(argc, argv, opts, out, err)) return *code;
    // Either a scenario's cluster (its profile or definition, seed, start time and reservations)
    // or a built-in profile.
    std::unique_ptr<scenario::ScenarioSession> session;
    std::unique_ptr<Simulation> ownSim;
    std::unique_ptr<shell::Shell> ownShell;
    if (!opts.scenario.empty()) {
        auto loaded = scenario::loadScenarioFile(opts.scenario);
        if (!loaded) {
            for (const auto& e : loaded.error()) err << e.full() << "\n";
            return kExitUsage;
        }
        auto created = scenario::ScenarioSession::create(*loaded, opts.seedGiven ? std::optional<std::uint64_t>(opts.seed) : std::nullopt);
        if (!created) {
            err << created.error().full() << "\n";
            return kExitUsage;
        }
        session = std::move(*created);
    } else {
        auto config = builtinProfile(opts.profile);
        if (!config) return usage(err, "unknown profile '" + opts.profile + "' (legacy or modern)");
        ownSim = std::make_unique<Simulation>(*config, opts.seed);
        bootCluster(*ownSim);
        ownShell = std::make_unique<shell::Shell>(*ownSim);
        shell::registerStandardCommands(*ownShell);
    }
    shell::Shell& sh = session ? session->shell() : *ownShell;

    // Interactive only on a real terminal; string streams (tests) and pipes read plainly.
    const bool interactive = &in == &std::cin && isTerminal(STDIN_FILENO) && isTerminal(STDOUT_FILENO);
    LineEditor editor;
    auto readPhysical = [&](bool continuation) -> std::optional<std::string> {
        if (interactive) {
            out.flush();
            err.flush();
            return readTerminalLine(editor, continuation ? "> " : sh.prompt(), STDIN_FILENO, STDOUT_FILENO);
        }
        std::string line;
        if (!std::getline(in, line)) return std::nullopt;
        return line;
    };
    auto print = [&](std::string_view text, bool isError) { (isError ? err : out) << text; };

    while (!sh.exitRequested()) {
        auto line = readLogicalLine(readPhysical);
        if (!line) break;
        if (interactive) editor.remember(*line);
        sh.run(*line, print);
        if (sh.takeClearRequest() && interactive) out << "\x1b[H\x1b[2J";
        out.flush();
    }
    if (sh.exitRequested()) return sh.exitStatus();
    return sh.lastStatus() == 0 ? kExitOk : kExitFailed;
}

} // namespace kns::cli
