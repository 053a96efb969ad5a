// The `sim` what-if and clock commands, and a table of misused commands that change nothing.
#include <doctest/doctest.h>

#include <kubenetsim/shell/sim_command.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

#include "shell_fixture.hpp"

using kns::SimTime;
using kns::shell::test::ShellFixture;

namespace {

// A shell with the standard commands over a cluster holding a node, a namespace and a pod.
struct ClusterFixture : ShellFixture {
    ClusterFixture() {
        kns::shell::registerStandardCommands(shell);
        auto api = sim.api();
        kns::Namespace ns;
        ns.meta.name = "default";
        REQUIRE(api.create(ns, "test").ok());
        kns::Node node;
        node.meta.name = "localhost";
        REQUIRE(api.create(node, "test").ok());
        kns::Pod pod;
        pod.meta.name = "web-1";
        pod.meta.ns = "default";
        pod.meta.labels["app"] = "web";
        kns::Container c;
        c.name = "web";
        c.image = "example/web:1";
        pod.spec.containers.push_back(c);
        REQUIRE(api.create(pod, "test").ok());
        sim.runFor(SimTime::s(1));
    }
    // What "the cluster changed" means here: any object stored, changed or deleted bumps the
    // resourceVersion; any event recorded grows the list; time moves with every command.
    std::string fingerprint() {
        return std::to_string(sim.state().resourceVersion) + "/" + std::to_string(sim.objects().pods.size()) + "/" +
               std::to_string(sim.objects().events.size()) + "/" + sim.now().str() + "/" + std::to_string(sim.kernel().pendingCount());
    }
};

} // namespace

TEST_CASE("sim snapshot and sim restore put the whole simulation back") {
    ClusterFixture f;
    auto taken = f.run("sim snapshot before");
    CHECK(taken.out == "snapshot \"before\" taken at 1s\n");
    CHECK(f.shell.snapshots().count("before") == 1);
    const std::string before = f.fingerprint();

    REQUIRE(f.sim.api().remove<kns::Pod>("default/web-1", "test") == std::nullopt);
    f.run("sleep 30");
    CHECK(f.sim.objects().pods.empty());
    CHECK(f.fingerprint() != before);

    auto restored = f.run("sim restore before");
    CHECK(restored.out == "restored snapshot \"before\" (simulated time 1s)\n");
    CHECK(restored.status == 0);
    CHECK(f.fingerprint() == before);
    CHECK(f.sim.objects().pods.count("default/web-1") == 1);
    CHECK(f.run("sim snapshots").out == "before\t1s\n");
}

TEST_CASE("sim time prints the simulated time and the simulated wall clock") {
    ClusterFixture f;
    f.sim.state().config.startEpochSeconds = 1493128065;  // 2017-04-25 13:47:45 UTC
    f.sim.state().config.tzOffsetMinutes = 60;
    f.run("sleep 1.5");
    CHECK(f.run("sim time").out == "simulated time: 2.5s\nwall clock:     Tue, 25 Apr 2017 14:47:47 +0100\n");
}

TEST_CASE("the wall clock formats dates across leap years, zones west of UTC and the epoch") {
    CHECK(kns::shell::formatWallClock(0, 0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(kns::shell::formatWallClock(951782400, 0) == "Tue, 29 Feb 2000 00:00:00 +0000");
    CHECK(kns::shell::formatWallClock(1719792000, -300) == "Sun, 30 Jun 2024 19:00:00 -0500");
}

TEST_CASE("sim advance lets simulated time pass without other effects") {
    ClusterFixture f;
    auto r = f.run("sim advance 90s");
    CHECK(r.status == 0);
    CHECK(f.sim.now() == SimTime::s(91));
    f.run("sim advance 250ms");
    CHECK(f.sim.now() == SimTime::ms(91250));
}

TEST_CASE("sim node and sim pod name what is missing") {
    ClusterFixture f;
    auto node = f.run("sim node down nosuch");
    CHECK(node.err == "sim: node \"nosuch\" not found\n");
    CHECK(node.status == 1);
    auto pod = f.run("sim pod unready -n kube-system web-1");
    CHECK(pod.err == "sim: pod \"kube-system/web-1\" not found\n");
}

TEST_CASE("broken commands print their exact error and leave the cluster unchanged") {
    struct Case {
        const char* line;
        const char* err;
        int status;
    };
    const std::string simUsage =
        "Usage: sim node down|up NODE | sim pod unready|ready [-n NAMESPACE] POD | sim snapshot NAME | "
        "sim restore NAME | sim snapshots | sim time | sim advance DURATION | "
        // the data plane's subcommands, added by registerStandardCommands
        "sim bridge-nf on|off NODE | sim hairpin on|off NODE | sim proxy-era legacy|modern | sim proxy [NODE] | "
        "sim link NODE [loss P | latency MS | bandwidth RATE]\n";
    const Case cases[] = {
        {"kubctl get pods", "bash: kubctl: command not found\n", 127},
        {"sudo", "usage: sudo COMMAND [ARG]...\n", 1},
        {"echo 'unterminated", "bash: column 6: unexpected EOF while looking for matching `''\n", 2},
        {"get pods | | wc -l", "bash: column 12: syntax error near unexpected token `|'\n", 2},
        {"for i in 1 2; do sim time", "bash: column 26: syntax error: unexpected end of file\n", 2},
        {"sim", "sim: missing subcommand\n", 2},
        {"sim explode", "sim: unknown subcommand \"explode\"\n", 2},
        {"sim node sideways localhost", "sim: expected `sim node down NODE' or `sim node up NODE'\n", 2},
        {"sim node down nosuch", "sim: node \"nosuch\" not found\n", 1},
        {"sim pod unready", "sim: expected `sim pod unready POD' or `sim pod ready POD'\n", 2},
        {"sim pod ready ghost", "sim: pod \"default/ghost\" not found\n", 1},
        {"sim restore never-taken", "sim: no snapshot named \"never-taken\"\n", 1},
        {"sim snapshot", "sim: expected `sim snapshot NAME'\n", 2},
        {"sim advance soon", "sim: invalid duration \"soon\" (e.g. 90s, 5m, 250ms)\n", 2},
        {"sleep", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1},
        {"sleep -5", "sleep: invalid time interval '-5'\nTry 'sleep --help' for more information.\n", 1},
        {"seq 1 0 5", "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n", 1},
        {"echo x | head -n -1", "head: invalid number of lines: '-1'\n", 1},
    };
    for (const Case& c : cases) {
        ClusterFixture f;
        const std::string line = c.line;
        CAPTURE(line);
        const std::string before = f.fingerprint();
        auto r = f.run(c.line);
        std::string expectedErr = c.err;
        // Usage errors of `sim` end with its usage line.
        if (c.status == 2 && std::string(c.line).rfind("sim", 0) == 0) expectedErr += simUsage;
        CHECK(r.err == expectedErr);
        CHECK(r.out == "");
        CHECK(r.status == c.status);
        CHECK(f.fingerprint() == before);
    }
}
