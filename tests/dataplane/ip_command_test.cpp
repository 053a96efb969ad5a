#include <doctest/doctest.h>

#include <kubenetsim/dataplane/ip_command.hpp>

#include "booted_shell.hpp"

using namespace kns;

TEST_CASE("ip addr on the legacy node lists lo, the VM's NICs and docker0 in iproute2's layout") {
    test::BootedShell b("legacy");
    auto r = b.run("ip addr");
    REQUIRE(r.status == 0);
    MESSAGE(r.out);
    CHECK(r.out.rfind("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
                      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                      "    inet 127.0.0.1/8 scope host lo\n"
                      "       valid_lft forever preferred_lft forever\n"
                      "    inet6 ::1/128 scope host \n"
                      "       valid_lft forever preferred_lft forever\n"
                      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000\n"
                      "    link/ether 08:00:27:",
                      0) == 0);
    CHECK(r.out.find("    inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0\n       valid_lft forever preferred_lft forever\n") != std::string::npos);
    CHECK(r.out.find("    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n") != std::string::npos);
    CHECK(r.out.find("    link/ether 02:42:") != std::string::npos);  // docker0's docker-style MAC
}

TEST_CASE("ip a, ip addr show DEV and ip addr show dev DEV agree, and an unknown device is iproute2's error") {
    test::BootedShell b("legacy");
    const std::string eth1 = b.run("ip addr show eth1").out;
    CHECK(eth1.rfind("3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000\n", 0) == 0);
    CHECK(b.run("ip a s dev eth1").out == eth1);
    CHECK(b.run("ip a").out == b.run("ip address show").out);
    auto bad = b.run("ip addr show nope");
    CHECK(bad.status == 1);
    CHECK(bad.err == "Device \"nope\" does not exist.\n");
    auto obj = b.run("ip frob");
    CHECK(obj.status == 1);
    CHECK(obj.err == "Object \"frob\" is unknown, try \"ip help\".\n");
}

TEST_CASE("MAC addresses are stable: the same for the same namespace and interface in two simulations") {
    test::BootedShell a("legacy");
    test::BootedShell b("legacy", {}, 99);
    // The node's own interfaces (pods differ with the seed: their veths are named after their uids).
    for (const char* dev : {"eth0", "eth1", "docker0"}) CHECK(a.run(std::string("ip addr show ") + dev).out == b.run(std::string("ip addr show ") + dev).out);
    const auto& ns = a.sim.state().dataPlane.namespaces.at("node/localhost");
    CHECK(dataplane::macAddress(a.sim, "node/localhost", *ns.findInterface("eth0")) !=
          dataplane::macAddress(a.sim, "node/localhost", *ns.findInterface("eth1")));
}

TEST_CASE("a link-local address is the kernel's EUI-64 of the MAC") {
    CHECK(dataplane::linkLocalFor("02:fc:00:00:00:01") == "fe80::fc:ff:fe00:1/64");
    CHECK(dataplane::linkLocalFor("82:31:d5:82:39:2e") == "fe80::8031:d5ff:fe82:392e/64");
    CHECK(dataplane::linkLocalFor("02:42:ac:11:00:03") == "fe80::42:acff:fe11:3/64");
}

TEST_CASE("ip route on the legacy node prints its table as iproute2 does, and ip route get picks eth0's address for a VIP") {
    test::BootedShell b("legacy");
    auto r = b.run("ip route");
    REQUIRE(r.status == 0);
    CHECK(r.out ==
          "default via 10.0.2.2 dev eth0 proto dhcp \n"
          "10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 \n"
          "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n"
          "192.168.99.0/24 dev eth1 proto kernel scope link src 192.168.99.100 \n");
    CHECK(b.run("ip r").out == r.out);
    CHECK(b.run("ip route get 172.30.0.1").out == "172.30.0.1 via 10.0.2.2 dev eth0 src 10.0.2.15 uid 0 \n    cache \n");
    CHECK(b.run("ip route get 172.17.0.3").out == "172.17.0.3 dev docker0 src 172.17.0.1 uid 0 \n    cache \n");
    CHECK(b.run("ip route get 10.0.2.15").out == "local 10.0.2.15 dev lo src 10.0.2.15 uid 0 \n    cache <local> \n");
}

TEST_CASE("on a kind node ip shows a docker-style eth0 and the routes to the other nodes' pod ranges") {
    test::BootedShell b("modern");
    auto a = b.run("ip addr show eth0");
    CHECK(a.out.rfind("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
                      "    link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff\n"
                      "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n"
                      "       valid_lft forever preferred_lft forever\n",
                      0) == 0);
    auto r = b.run("ip route");
    CHECK(r.out.find("10.244.1.0/24 via 172.18.0.3 dev eth0 \n") != std::string::npos);
    CHECK(r.out.find("10.244.2.0/24 via 172.18.0.4 dev eth0 \n") != std::string::npos);
    CHECK(b.run("docker exec kind-worker ip route").out.find("10.244.0.0/24 via 172.18.0.2 dev eth0 \n") != std::string::npos);
}
