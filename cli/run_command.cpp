#include "run_command.hpp"

#include <charconv>
#include <fstream>
#include <memory>
#include <vector>
#include <istream>
#include <ostream>
#include <string>

#include <unistd.h>

#include <kubenetsim/scenario/scenario_loader.hpp>
#include <kubenetsim/scenario/scenario_session.hpp>
#include <kubenetsim/trace/observer.hpp>

namespace kns::cli {
namespace {

constexpr const char* kUsage =
    "usage: kubenetsim-cli run SCENARIO.json [--seed N] [--lang en|ja] [--step] [--transcript]\n"
    "                          [--trace FILE] [--trace-json FILE] [--fingerprint]\n"
    "Replays a scenario: narration, each command after the prompt, its output, and checks.\n"
    "  --seed N      seed of the simulation's random streams (default: the scenario's)\n"
    "  --lang L      narration language, en (default) or ja\n"
    "  --step        wait for Enter between steps (reads one line per step when piped)\n"
    "  --transcript  print only prompts, commands and outputs\n"
    "  --trace FILE  write every happening (objects, controllers, kube-proxy syncs) as text lines\n"
    "  --trace-json FILE  the same as JSON lines\n"
    "  --fingerprint print the run's fingerprint (equal for equal runs) on stderr at the end\n"
    "Exit status: 0 every expectation held, 1 one failed, 2 usage error or invalid scenario.\n";

int usage(std::ostream& err, const std::string& message) {
    err << "kubenetsim-cli run: " << message << "\n" << kUsage;
    return 2;
}

} // namespace

int runCommand(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    std::string file;
    std::optional<std::uint64_t> seed;
    scenario::PlayerOptions options;
    std::string traceFile, traceJsonFile;
    bool printFingerprint = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const std::string& name) -> std::optional<std::string> {
            if (arg.rfind(name + "=", 0) == 0) return arg.substr(name.size() + 1);
            if (arg == name && i + 1 < argc) return std::string(argv[++i]);
            return std::nullopt;
        };
        if (arg == "--help" || arg == "-h") {
            out << kUsage;
            return 0;
        } else if (arg == "--step") {
            options.stepMode = true;
        } else if (arg == "--transcript") {
            options.narration = false;
        } else if (arg == "--fingerprint") {
            printFingerprint = true;
        } else if (arg.rfind("--trace-json", 0) == 0) {
            auto v = value("--trace-json");
            if (!v) return usage(err, "--trace-json needs a file");
            traceJsonFile = *v;
        } else if (arg.rfind("--trace", 0) == 0) {
            auto v = value("--trace");
            if (!v) return usage(err, "--trace needs a file");
            traceFile = *v;
        } else if (arg.rfind("--seed", 0) == 0) {
            auto v = value("--seed");
            std::uint64_t n = 0;
            if (!v) return usage(err, "--seed needs a value");
            auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (v->empty() || ec != std::errc{} || end != v->data() + v->size()) return usage(err, "--seed wants a non-negative integer, got \"" + *v + "\"");
            seed = n;
        } else if (arg.rfind("--lang", 0) == 0) {
            auto v = value("--lang");
            if (!v) return usage(err, "--lang needs a value");
            auto lang = scenario::parseLang(*v);
            if (!lang) return usage(err, "--lang wants en or ja, got \"" + *v + "\"");
            options.lang = *lang;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usage(err, "unknown option " + arg);
        } else if (file.empty()) {
            file = arg;
        } else {
            return usage(err, "one scenario at a time (got \"" + file + "\" and \"" + arg + "\")");
        }
    }
    if (file.empty()) return usage(err, "no scenario file given");
    auto loaded = scenario::loadScenarioFile(file);
    if (!loaded) {
        for (const auto& e : loaded.error()) err << e.full() << "\n";
        return 2;
    }
    // Sinks are attached before the cluster boots, so they see everything from time zero.
    std::vector<Observer*> observers;
    std::ofstream traceText, traceJson;
    std::unique_ptr<TextTraceSink> textSink;
    std::unique_ptr<JsonLinesSink> jsonSink;
    FingerprintSink fingerprint;
    if (!traceFile.empty()) {
        traceText.open(traceFile);
        if (!traceText) return usage(err, "cannot write the trace file \"" + traceFile + "\"");
        textSink = std::make_unique<TextTraceSink>(traceText);
        observers.push_back(textSink.get());
    }
    if (!traceJsonFile.empty()) {
        traceJson.open(traceJsonFile);
        if (!traceJson) return usage(err, "cannot write the trace file \"" + traceJsonFile + "\"");
        jsonSink = std::make_unique<JsonLinesSink>(traceJson);
        observers.push_back(jsonSink.get());
    }
    if (printFingerprint) observers.push_back(&fingerprint);
    auto session = scenario::ScenarioSession::create(*loaded, seed, observers);
    if (!session) {
        err << session.error().full() << "\n";
        return 2;
    }
    options.input = &in;
    options.interactive = options.stepMode && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    const int status = (*session)->play(options, out, err);
    if (printFingerprint) err << "fingerprint " << fingerprint.hex() << " (" << fingerprint.count() << " records)\n";
    return status;
}

} // namespace kns::cli
