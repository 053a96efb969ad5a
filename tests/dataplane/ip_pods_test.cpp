// `ip` where pods are: the node's veths (bridge ports in legacy, point-to-point in modern) and,
// through kubectl exec, the pod's own namespace.
#include <doctest/doctest.h>

#include "../support/cluster_fixture.hpp"
#include "booted_shell.hpp"

using namespace kns;

namespace {

const Pod& onlyPod(Simulation& sim, const std::string& app) {
    auto pods = test::podsWith(sim, app);
    REQUIRE(pods.size() == 1);
    return *pods.front();
}

// The interface index `name` has in the namespace (its position from 1).
int ifindex(Simulation& sim, const std::string& ns, const std::string& name) {
    const auto& ifs = sim.state().dataPlane.namespaces.at(ns).interfaces;
    for (std::size_t i = 0; i < ifs.size(); ++i)
        if (ifs[i].name == name) return static_cast<int>(i + 1);
    FAIL("no interface " << name << " in " << ns);
    return 0;
}

} // namespace

TEST_CASE("in a legacy pod, ip addr shows eth0@ifN with docker's MAC from the pod IP, and ip route its two routes") {
    test::BootedShell b("legacy");
    REQUIRE(b.sim.api().create(test::siseRC(1), "kubectl"));
    b.sim.runFor(SimTime::s(30));
    const Pod& pod = onlyPod(b.sim, "sise");
    const std::string ip = pod.status.podIP;
    REQUIRE(ip == "172.17.0.3");
    const auto& podNs = b.sim.state().dataPlane.namespaces.at("pod/default/" + pod.meta.name);
    const std::string veth = podNs.findInterface("eth0")->peerInterface;
    const int peerIndex = ifindex(b.sim, "node/localhost", veth);
    auto a = b.run("kubectl exec " + pod.meta.name + " -- ip addr");
    REQUIRE(a.status == 0);
    CHECK(a.out ==
          "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
          "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
          "    inet 127.0.0.1/8 scope host lo\n"
          "       valid_lft forever preferred_lft forever\n"
          "2: eth0@if" + std::to_string(peerIndex) + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
          "    link/ether 02:42:ac:11:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
          "    inet 172.17.0.3/16 brd 172.17.255.255 scope global eth0\n"
          "       valid_lft forever preferred_lft forever\n");
    CHECK(b.run("kubectl exec " + pod.meta.name + " -- ip route").out ==
          "default via 172.17.0.1 dev eth0 \n"
          "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.3 \n");
    // On the node: the host end is a docker0 port pointing back at the pod's eth0, and docker0
    // has a carrier now.
    auto n = b.run("ip addr show " + veth);
    CHECK(n.out.rfind(std::to_string(peerIndex) + ": " + veth + "@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default qlen 1000\n", 0) == 0);
    CHECK(n.out.find(" brd ff:ff:ff:ff:ff:ff link-netnsid ") != std::string::npos);  // the profile's own pods come first
    CHECK(b.run("ip link show docker0").out.find("<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP") != std::string::npos);
}

TEST_CASE("in a kind pod, ip route shows the ptp routes through the node end, and the node has a host route per pod") {
    test::BootedShell b("modern");
    REQUIRE(b.sim.api().create(test::siseRC(1), "kubectl"));
    b.sim.runFor(SimTime::s(30));
    const Pod& pod = onlyPod(b.sim, "sise");
    const NodeDef* def = nullptr;
    for (const auto& n : b.sim.config().nodes)
        if (n.name == pod.spec.nodeName) def = &n;
    REQUIRE(def);
    const std::string gw = def->podGateway;
    auto r = b.run("kubectl exec " + pod.meta.name + " -- ip route");
    CHECK(r.out == "default via " + gw + " dev eth0 \n" + def->podCIDR + " via " + gw + " dev eth0 src " + pod.status.podIP + " \n" + gw +
                       " dev eth0 scope link src " + pod.status.podIP + " \n");
    const auto& podNs = b.sim.state().dataPlane.namespaces.at("pod/default/" + pod.meta.name);
    const std::string veth = podNs.findInterface("eth0")->peerInterface;
    auto nodeRoutes = b.run("node " + pod.spec.nodeName + " ip route");
    CHECK(nodeRoutes.out.find(pod.status.podIP + " dev " + veth + " scope host \n") != std::string::npos);
    auto hostEnd = b.run("docker exec " + pod.spec.nodeName + " ip addr show " + veth);
    CHECK(hostEnd.out.find("    inet " + gw + "/32 scope global " + veth + "\n") != std::string::npos);
    CHECK(b.run("kubectl exec " + pod.meta.name + " -- ip a").out.find("    inet " + pod.status.podIP + "/24 brd ") != std::string::npos);
}
