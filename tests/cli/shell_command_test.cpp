// `kubenetsim-cli shell` on piped input, and the CLI's usage errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

#include "cli_app.hpp"

namespace {

struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

CliRun runCli(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), "kubenetsim-cli");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::istringstream in(input);
    std::ostringstream out, err;
    CliRun r;
    r.status = kns::cli::main(static_cast<int>(argv.size()), argv.data(), in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace

TEST_CASE("the shell subcommand prints only the commands' output when piped") {
    auto r = runCli({"shell"}, "echo hello\necho a b | grep -c a\n\n# a comment\n");
    CHECK(r.out == "hello\n1\n");
    CHECK(r.err == "");
    CHECK(r.status == 0);
    CHECK(r.out.find("[cluster]") == std::string::npos);
}

TEST_CASE("the shell subcommand exits 1 when the last command failed and 0 when it succeeded") {
    auto failed = runCli({"shell"}, "echo ok\nnosuch\n");
    CHECK(failed.out == "ok\n");
    CHECK(failed.err == "bash: nosuch: command not found\n");
    CHECK(failed.status == 1);
    CHECK(runCli({"shell"}, "nosuch\necho ok\n").status == 0);
    CHECK(runCli({"shell"}, "exit 4\necho never\n").status == 4);
    CHECK(runCli({"shell"}, "exit 4\necho never\n").out == "");
}

TEST_CASE("a line left open continues on the next input line") {
    auto r = runCli({"shell"}, "for i in 1 2\ndo\necho $i\ndone\necho 'a\nb'\necho x |\ngrep x\n");
    CHECK(r.out == "1\n2\na\nb\nx\n");
    auto eof = runCli({"shell"}, "echo 'never closed\n");
    CHECK(eof.err == "bash: column 6: unexpected EOF while looking for matching `''\n");
    CHECK(eof.status == 1);
}

TEST_CASE("the shell runs against the booted profile with what-if controls") {
    auto r = runCli({"shell", "--profile", "legacy"}, "sim node down localhost\nsim node down nosuch\n");
    CHECK(r.out == "node \"localhost\" is down: its kubelet stopped reporting\n");
    CHECK(r.err == "sim: node \"nosuch\" not found\n");
    auto modern = runCli({"shell", "--profile=modern"}, "sim node up kind-worker\n");
    CHECK(modern.out == "node \"kind-worker\" is up: its kubelet reports again\n");
}

TEST_CASE("the same piped input and seed give the same bytes") {
    const std::string input = "sim time\nsleep 2\nsim time\nhistory\nfor i in $(seq 2); do echo $i; done | wc -l\n";
    auto a = runCli({"shell", "--seed", "42"}, input);
    auto b = runCli({"shell", "--seed", "42"}, input);
    CHECK(a.out == b.out);
    CHECK(a.err == b.err);
    CHECK(a.out.find("    4  history\n") != std::string::npos);
}

TEST_CASE("usage errors go to stderr with status 2 and --help to stdout with status 0") {
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::string hint = "Run 'kubenetsim-cli shell --help' for usage.\n";
    const Case cases[] = {
        {{"shell", "--bogus"}, "kubenetsim-cli shell: unknown option '--bogus'\n" + hint},
        {{"shell", "extra"}, "kubenetsim-cli shell: unexpected argument 'extra'\n" + hint},
        {{"shell", "--profile", "ancient"}, "kubenetsim-cli shell: unknown profile 'ancient' (legacy or modern)\n" + hint},
        {{"shell", "--seed", "x1"}, "kubenetsim-cli shell: invalid seed 'x1' (a non-negative integer)\n" + hint},
        {{"shell", "--seed"}, "kubenetsim-cli shell: option '--seed' needs a value\n" + hint},
        {{"frobnicate"}, "kubenetsim-cli: unknown command 'frobnicate'\nRun 'kubenetsim-cli --help' for the list of commands.\n"},
    };
    for (const Case& c : cases) {
        const std::string first = c.args[0] + " " + (c.args.size() > 1 ? c.args[1] : "");
        CAPTURE(first);
        auto r = runCli(c.args, "echo should-not-run\n");
        CHECK(r.status == 2);
        CHECK(r.err == c.err);
        CHECK(r.out == "");
    }
    auto none = runCli({});
    CHECK(none.status == 2);
    CHECK(none.err.rfind("Usage: kubenetsim-cli COMMAND", 0) == 0);
    auto help = runCli({"shell", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.rfind("Usage: kubenetsim-cli shell [--profile legacy|modern]", 0) == 0);
    auto top = runCli({"--help"});
    CHECK(top.status == 0);
    CHECK(top.out.find("  shell     type shell and kubectl commands") != std::string::npos);
}

TEST_CASE("piped kubenetsim-cli shell prints exactly what the shell layer returns for the same lines") {
    const std::vector<std::string> lines = {"kubectl get svc", "kubectl get pods --all-namespaces", "kubectl get nodes | wc -l",
                                            "kubectl get pods nosuch", "sleep 30", "kubectl get svc"};
    std::string input, expectedOut, expectedErr;
    for (const auto& l : lines) input += l + "\n";
    {
        kns::Simulation sim(*kns::builtinProfile("legacy"), 9);
        kns::bootCluster(sim);
        kns::shell::Shell sh(sim);
        kns::shell::registerStandardCommands(sh);
        for (const auto& l : lines) {
            auto r = sh.run(l);
            expectedOut += r.out;
            expectedErr += r.err;
        }
    }
    auto cli = runCli({"shell", "--seed", "9"}, input);
    CHECK(cli.out == expectedOut);
    CHECK(cli.err == expectedErr);
    CHECK(cli.out.find("docker-registry") != std::string::npos);
}

TEST_CASE("the shell started from a scenario has its reserved address and pinned names") {
    std::istringstream in(
        "kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/svc.yaml\n"
        "kubectl get svc simpleservice -o name\n"
        "kubectl describe svc simpleservice | grep '^IP:'\n");
    std::ostringstream out, err;
    const std::string file = std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/services.json";
    const char* argv[] = {"kubenetsim-cli", "shell", "--scenario", file.c_str()};
    const int status = kns::cli::main(4, argv, in, out, err);
    CHECK(status == 0);
    CHECK(err.str().empty());
    CHECK(out.str().find("IP:                     172.30.228.255\n") != std::string::npos);
}

TEST_CASE("the shell refuses a broken scenario with its JSON path and exit status 2") {
    std::istringstream in("");
    std::ostringstream out, err;
    const char* argv[] = {"kubenetsim-cli", "shell", "--scenario", "/nonexistent/scenario.json"};
    CHECK(kns::cli::main(4, argv, in, out, err) == 2);
    CHECK_FALSE(err.str().empty());
}

TEST_CASE("run --trace-json writes one JSON object per happening, and --fingerprint is stable across runs") {
    const std::string file = std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/services.json";
    const std::string trace = "/tmp/kubenetsim-trace-test.jsonl";
    auto play = [&](bool withTrace) {
        std::istringstream in;
        std::ostringstream out, err;
        std::vector<const char*> argv{"kubenetsim-cli", "run", file.c_str(), "--transcript", "--fingerprint"};
        if (withTrace) {
            argv.push_back("--trace-json");
            argv.push_back(trace.c_str());
        }
        CHECK(kns::cli::main(static_cast<int>(argv.size()), argv.data(), in, out, err) == 0);
        return err.str();
    };
    const std::string a = play(true);
    const std::string b = play(false);
    CHECK(a.rfind("fingerprint ", 0) == 0);
    CHECK(a == b);
    std::ifstream in(trace);
    std::string line;
    int lines = 0, proxySyncs = 0;
    while (std::getline(in, line)) {
        ++lines;
        REQUIRE(line.front() == '{');
        if (line.find("\"kind\":\"proxy-sync\"") != std::string::npos) ++proxySyncs;
    }
    CHECK(lines > 100);
    CHECK(proxySyncs > 2);
    std::remove(trace.c_str());
}
