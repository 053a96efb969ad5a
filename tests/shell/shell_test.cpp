// The shell's behaviour around commands: pipes, errors, simulated time, history, help.
#include <doctest/doctest.h>

#include <kubenetsim/shell/standard_commands.hpp>

#include "../support/temp_dir.hpp"
#include "shell_fixture.hpp"

using kns::SimTime;
using kns::shell::CommandInfo;
using kns::shell::CommandResult;
using kns::shell::Invocation;
using kns::shell::test::ShellFixture;

namespace {

// A command `probe` that notes whether it was given a standard input.
void registerStdinProbe(ShellFixture& f, bool& sawStdin) {
    f.shell.registerCommand("probe", CommandInfo{[&sawStdin](Invocation& inv) {
                                                     sawStdin = inv.hasStdin;
                                                     return CommandResult{};
                                                 },
                                                 "", ""});
}

} // namespace

TEST_CASE("a pipe feeds each stage the previous stage's output and the last status wins") {
    ShellFixture f;
    auto r = f.run("args a b c | cat | grep b");
    CHECK(r.out == "[b]\n");
    CHECK(r.status == 0);
    CHECK(f.run("echo a | grep z").status == 1);
    CHECK(f.run("echo a | grep z | cat").status == 0);
}

TEST_CASE("a command outside a pipe gets no stdin and one inside a pipe does") {
    ShellFixture f;
    bool sawStdin = true;
    registerStdinProbe(f, sawStdin);
    f.run("probe");
    CHECK_FALSE(sawStdin);
    f.run("echo -n | probe");
    CHECK(sawStdin);
}

TEST_CASE("an unknown command prints bash's message with status 127 and the line goes on") {
    ShellFixture f;
    auto r = f.run("kubecttl get pods; echo after");
    CHECK(r.err == "bash: kubecttl: command not found\n");
    CHECK(r.out == "after\n");
    CHECK(f.run("nosuch").status == 127);
    CHECK(f.run("echo x | nosuch").status == 127);
}

TEST_CASE("`< FILE' gives a command the file as its input, in place of a pipe, from anywhere in the command") {
    ShellFixture f;
    kns::test::TempDir dir("shell-input");
    const std::string file = dir.write("dump.txt", "line 1\nline 2\n");
    dir.write("my dump", "spaced\n");
    CHECK(f.run("cat < " + file).out == "line 1\nline 2\n");
    CHECK(f.run("< " + file + " cat | grep 2").out == "line 2\n");
    CHECK(f.run("echo piped | cat <" + file + " | wc -l").out == "2\n");
    // Quoting keeps a file name whole; the last of several redirections is the input.
    CHECK(f.run("cat < '" + dir.path("my dump") + "'").out == "spaced\n");
    CHECK(f.run("for d in " + dir.path() + "; do cat < \"$d/my dump\"; done").out == "spaced\n");
    CHECK(f.run("cat < " + file + " <" + dir.path("my\\ dump")).out == "spaced\n");
    // A relative name is read from the working directory.
    kns::test::WorkingDirectory cwd(dir.path());
    CHECK(f.run("cat < dump.txt").out == "line 1\nline 2\n");
    bool sawStdin = false;
    registerStdinProbe(f, sawStdin);
    f.run("probe < dump.txt");
    CHECK(sawStdin);
}

TEST_CASE("a redirection that cannot be performed prints bash's error, status 1, and the command does not run") {
    ShellFixture f;
    kns::test::TempDir dir("shell-input-missing");
    const std::string missing = dir.path("missing.txt");
    auto r = f.run("args ran < " + missing + "; echo $?");
    CHECK(r.err == "bash: " + missing + ": No such file or directory\n");
    CHECK(r.out == "1\n");
    // Even an unknown command: the redirection comes first.
    CHECK(f.run("nosuch < " + missing).err == "bash: " + missing + ": No such file or directory\n");
    CHECK(f.run("< " + missing).status == 1);
    auto ambiguous = f.run("for f in 'a b'; do cat < $f; done");
    CHECK(ambiguous.err == "bash: $f: ambiguous redirect\n");
    CHECK(ambiguous.status == 1);
    CHECK(f.run("cat < $nothing").err == "bash: $nothing: ambiguous redirect\n");
    CHECK(f.sim.now() == SimTime::zero());
}

TEST_CASE("an output without a final newline gets one, output with one is left verbatim") {
    ShellFixture f;
    f.shell.registerCommand("raw", CommandInfo{[](Invocation&) { return CommandResult{"  no newline\tend", "err", 3}; }, "", ""});
    auto r = f.run("raw");
    CHECK(r.out == "  no newline\tend\n");
    CHECK(r.err == "err\n");
    CHECK(r.status == 3);
    CHECK(f.run("echo -n abc").out == "abc\n");
    // Inside a pipe the bytes travel unchanged: wc sees no newline.
    CHECK(f.run("echo -n abc | wc -l").out == "0\n");
}

TEST_CASE("output reaches the terminal callback in the order it was produced") {
    ShellFixture f;
    std::string seen;
    f.shell.run("echo one; nosuch; echo two", [&](std::string_view text, bool isError) {
        seen += isError ? "E:" : "O:";
        seen += text;
    });
    CHECK(seen == "O:one\nE:bash: nosuch: command not found\nO:two\n");
}

TEST_CASE("each command takes the default simulated duration after it runs") {
    ShellFixture f;
    SimTime seenAt = SimTime::max();
    f.shell.registerCommand("when", CommandInfo{[&](Invocation& inv) {
                                                    seenAt = inv.shell.sim().now();
                                                    return CommandResult{};
                                                },
                                                "", ""});
    f.run("when");
    CHECK(seenAt == SimTime::zero());  // the command saw the clock before its own duration
    CHECK(f.sim.now() == SimTime::ms(300));
    f.run("when; when");
    CHECK(f.sim.now() == SimTime::ms(900));
    f.run("for i in 1 2 3; do when; done");
    CHECK(f.sim.now() == SimTime::ms(1800));
}

TEST_CASE("a pipeline counts once and text filters take no time") {
    ShellFixture f;
    f.run("args a | cat | grep a | head -n 1 | wc -l");
    CHECK(f.sim.now() == SimTime::ms(300));
    f.run("echo a | grep a");
    CHECK(f.sim.now() == SimTime::ms(300));
}

TEST_CASE("sleep advances simulated time by its argument, fractions and units included") {
    ShellFixture f;
    f.run("sleep 2");
    CHECK(f.sim.now() == SimTime::s(2));
    f.run("sleep 0.5");
    CHECK(f.sim.now() == SimTime::ms(2500));
    f.run("sleep 1m 1");
    CHECK(f.sim.now() == SimTime::ms(63500));
    auto bad = f.run("sleep x");
    CHECK(bad.err == "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
    CHECK(bad.status == 1);
    CHECK(f.sim.now() == SimTime::ms(63500));
}

TEST_CASE("a command can declare its own duration instead of the default") {
    ShellFixture f;
    f.shell.registerCommand("slow", CommandInfo{[](Invocation& inv) {
                                                    inv.shell.addTime(SimTime::s(4));
                                                    return CommandResult{};
                                                },
                                                "", ""});
    f.run("slow");
    CHECK(f.sim.now() == SimTime::s(4));
    f.run("slow | args");  // the slowest stage sets the pipeline's duration
    CHECK(f.sim.now() == SimTime::s(8));
}

TEST_CASE("an unknown command and a syntax error take no simulated time") {
    ShellFixture f;
    f.run("nosuch");
    f.run("echo 'x");
    CHECK(f.sim.now() == SimTime::zero());
}

TEST_CASE("the same input on the same seed prints the same bytes") {
    const std::vector<std::string> lines = {
        "echo start", "for i in $(seq 3); do args x$i | grep -c x; done", "nosuch", "sleep 1.5", "history", "help | head -n 3",
        "sim time",   "args 'a b' | wc -l",
    };
    auto transcript = [&] {
        ShellFixture f;
        kns::shell::registerStandardCommands(f.shell);
        std::string all;
        for (const auto& l : lines) {
            auto r = f.run(l);
            all += l + "\n" + r.out + r.err + std::to_string(r.status) + "\n";
        }
        return all + f.sim.now().str();
    };
    const std::string first = transcript();
    CHECK(first == transcript());
    CHECK(first.find("bash: nosuch: command not found") != std::string::npos);
}

TEST_CASE("history lists every non-blank line with bash's numbering") {
    ShellFixture f;
    f.run("echo a");
    f.run("   ");
    f.run("echo b | grep b");
    CHECK(f.run("history").out == "    1  echo a\n    2  echo b | grep b\n    3  history\n");
    CHECK(f.run("history 1").out == "    4  history 1\n");
    CHECK(f.shell.history().size() == 4);
}

TEST_CASE("help lists registered commands with their summaries and shows one command's usage") {
    ShellFixture f;
    auto all = f.run("help");
    CHECK(all.out.find("  grep     print the input lines that match a pattern\n") != std::string::npos);
    CHECK(all.out.find("  args     print arguments\n") != std::string::npos);
    CHECK(f.run("help head").out == "head: print the first lines of the input\nUsage: head [-n N | -N]\n");
    auto missing = f.run("help nosuch");
    CHECK(missing.status == 1);
    CHECK(missing.err.rfind("bash: help: no help topics match `nosuch'.", 0) == 0);
}

TEST_CASE("a command registered later is found without touching the parser") {
    ShellFixture f;
    CHECK(f.run("curl 10.0.0.1").status == 127);
    f.shell.registerCommand("curl", CommandInfo{[](Invocation& inv) { return CommandResult{"got " + inv.argv[1], "", 0}; }, "fetch", "curl URL"});
    CHECK(f.run("curl 10.0.0.1 | grep got").out == "got 10.0.0.1\n");
}

TEST_CASE("exit stops the rest of the line and asks the front end to leave") {
    ShellFixture f;
    auto r = f.run("echo a; exit 3; echo b");
    CHECK(r.out == "a\n");
    CHECK(r.status == 3);
    CHECK(f.shell.exitRequested());
    CHECK(f.shell.exitStatus() == 3);
}

TEST_CASE("echo joins its arguments and -n and -e change the ending and escapes") {
    ShellFixture f;
    CHECK(f.run("echo a   b").out == "a b\n");
    CHECK(f.run("echo -e 'x\\ty'").out == "x\ty\n");
    CHECK(f.run("echo -x").out == "-x\n");
    CHECK(f.run("echo").out == "\n");
}

TEST_CASE("seq counts up, down and by steps and rejects what is not a number") {
    ShellFixture f;
    CHECK(f.run("seq 3").out == "1\n2\n3\n");
    CHECK(f.run("seq 2 4").out == "2\n3\n4\n");
    CHECK(f.run("seq 5 -2 1").out == "5\n3\n1\n");
    CHECK(f.run("seq 0").out == "");
    auto bad = f.run("seq x");
    CHECK(bad.err == "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n");
    CHECK(bad.status == 1);
}
