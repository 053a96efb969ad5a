#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>
#include <string>

#include "validate_command.hpp"

namespace fs = std::filesystem;

namespace {

struct Outcome {
    int status;
    std::string out;
    std::string err;
};

Outcome validate(std::initializer_list<std::string> args) {
    std::vector<std::string> words{"validate"};
    words.insert(words.end(), args);
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    std::istringstream in;
    std::ostringstream out, err;
    int status = kns::cli::validateCommand(static_cast<int>(argv.size()), argv.data(), in, out, err);
    return {status, out.str(), err.str()};
}

std::string writeTemp(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / name;
    std::ofstream(p) << text;
    return p.string();
}

} // namespace

TEST_CASE("validate accepts the services scenario with exit status 0") {
    const std::string file = std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/services.json";
    auto r = validate({file});
    CHECK(r.status == 0);
    CHECK(r.out.find(": valid (") != std::string::npos);
    CHECK(r.err.empty());
}

TEST_CASE("validate prints every error with its JSON path and exits 2") {
    const std::string file = writeTemp("kns-validate-broken.json",
        R"({"title": {"en": "T", "ja": "T"}, "description": {"en": "", "ja": ""}, "profile": "legacy",
            "steps": [{"narration": {"en": "", "ja": ""}, "commands": ["kubectl get pods"], "expect": [{"containz": "x"}]},
                      {"narration": {"en": "", "ja": ""}, "commands": [], "advance": "soon"}]})");
    auto r = validate({file});
    CHECK(r.status == 2);
    CHECK(r.err == file + ": $.steps[0].expect[0]: unknown expectation \"containz\" (did you mean \"contains\"?)\n" +
                       file + ": $.steps[1].advance: \"soon\" is not a duration (for example \"57s\", \"5m\", \"1m30s\")\n");
    fs::remove(file);
}

TEST_CASE("validate reports unreadable files and usage errors with exit status 2") {
    CHECK(validate({"/nonexistent/scenario.json"}).status == 2);
    CHECK(validate({"/nonexistent/scenario.json"}).err == "/nonexistent/scenario.json: cannot open the file\n");
    CHECK(validate({}).status == 2);
    CHECK(validate({"--bogus"}).status == 2);
    auto help = validate({"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.rfind("usage: kubenetsim-cli validate", 0) == 0);
}
