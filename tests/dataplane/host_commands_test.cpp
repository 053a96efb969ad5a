#include <doctest/doctest.h>

#include "booted_shell.hpp"

using namespace kns;

TEST_CASE("docker exec NODE runs a command on that node, as kind users type it") {
    test::BootedShell b("modern");
    auto here = b.run("ip addr show eth0");
    auto there = b.run("docker exec kind-worker ip addr show eth0");
    REQUIRE(there.status == 0);
    CHECK(there.out.find("inet 172.18.0.3/16") != std::string::npos);
    CHECK(here.out.find("inet 172.18.0.2/16") != std::string::npos);
    CHECK(b.run("docker exec -it kind-worker2 ip addr show eth0").out.find("inet 172.18.0.4/16") != std::string::npos);
    // The node's own iptables: each kube-proxy wrote its own node's rules.
    auto save = b.run("docker exec kind-worker iptables-save -t nat");
    CHECK(save.status == 0);
    CHECK(save.out.find("*nat") != std::string::npos);
}

TEST_CASE("docker exec reports an unknown container, a missing command and missing arguments as docker does") {
    test::BootedShell b("modern");
    auto nosuch = b.run("docker exec kind-worker9 iptables-save");
    CHECK(nosuch.status == 1);
    CHECK(nosuch.err == "Error response from daemon: No such container: kind-worker9\n");
    auto nocmd = b.run("docker exec kind-worker frobnicate");
    CHECK(nocmd.status == 126);
    CHECK(nocmd.err ==
          "OCI runtime exec failed: exec failed: unable to start container process: exec: \"frobnicate\": executable file not found in $PATH: unknown\n");
    auto short_ = b.run("docker exec kind-worker");
    CHECK(short_.status == 1);
    CHECK(short_.err.rfind("\"docker exec\" requires at least 2 arguments.\n", 0) == 0);
    auto flag = b.run("docker exec -x kind-worker ip a");
    CHECK(flag.status == 125);
    CHECK(flag.err == "unknown shorthand flag: 'x' in -x\nSee 'docker exec --help'.\n");
}

TEST_CASE("node NODE CMD runs on that node and pipes like any command") {
    test::BootedShell b("modern");
    auto r = b.run("node kind-worker2 ip route | grep -c 10.244");
    CHECK(r.out == "2\n");
    auto bad = b.run("node nowhere ip a");
    CHECK(bad.status == 1);
    CHECK(bad.err == "node: no node named \"nowhere\" (nodes: kind-control-plane, kind-worker, kind-worker2)\n");
}
