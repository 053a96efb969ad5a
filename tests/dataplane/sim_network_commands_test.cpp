#include <doctest/doctest.h>

#include <cstdio>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/kube_proxy.hpp>

#include "../support/cluster_fixture.hpp"
#include "booted_shell.hpp"

using namespace kns;

TEST_CASE("sim bridge-nf switches the node's bridge netfilter setting and refuses bad input without changing it") {
    test::BootedShell b("legacy");
    const auto& ns = b.sim.state().dataPlane.namespaces.at("node/localhost");
    REQUIRE(ns.bridgeNfCallIptables);
    auto off = b.run("sim bridge-nf off localhost");
    CHECK(off.status == 0);
    CHECK(off.out == "node \"localhost\": net.bridge.bridge-nf-call-iptables = 0 (bridged packets bypass iptables and conntrack)\n");
    CHECK_FALSE(ns.bridgeNfCallIptables);
    auto bad = b.run("sim bridge-nf maybe localhost");
    CHECK(bad.status == 2);
    CHECK(bad.err.rfind("sim: expected `sim bridge-nf on|off NODE'\n", 0) == 0);
    CHECK(b.run("sim bridge-nf on nowhere").err == "sim: node \"nowhere\" not found\n");
    CHECK_FALSE(ns.bridgeNfCallIptables);
    b.run("sim bridge-nf on localhost");
    CHECK(ns.bridgeNfCallIptables);
}

TEST_CASE("sim hairpin sets hairpin mode on the bridge ports and is refused on a node without a bridge") {
    test::BootedShell b("legacy");
    auto& ns = b.sim.state().dataPlane.namespaces.at("node/localhost");
    net::Interface port;  // a pod's bridge port, as the pod network adds them
    port.name = "veth1234567";
    port.kind = "veth";
    port.master = "docker0";
    port.hairpin = true;
    ns.interfaces.push_back(port);
    int ports = 0;
    for (const auto& i : ns.interfaces) ports += i.master.empty() ? 0 : 1;  // the profile's own pods have ports too
    auto r = b.run("sim hairpin off localhost");
    CHECK(r.out == "node \"localhost\": hairpin mode off on " + std::to_string(ports) + " bridge port" + (ports == 1 ? "" : "s") +
                       " and on the ports of pods started from now on\n");
    for (const auto& i : ns.interfaces)
        if (!i.master.empty()) CHECK_FALSE(i.hairpin);
    b.run("sim hairpin on localhost");
    CHECK(ns.findInterface("veth1234567")->hairpin);
    test::BootedShell m("modern");
    auto none = m.run("sim hairpin off kind-worker");
    CHECK(none.status == 1);
    CHECK(none.err.rfind("sim: node \"kind-worker\" has no bridge", 0) == 0);
}

TEST_CASE("sim hairpin applies to the bridge ports of pods started after it, as the kubelet's hairpin mode does") {
    test::BootedShell b("legacy");
    const auto& node = b.sim.state().dataPlane.namespaces.at("node/localhost");
    auto portOf = [&](const Pod& pod) -> const net::Interface* {
        for (const auto& i : node.interfaces)
            if (i.peerNamespace == podNamespaceKey(pod.meta.ns + "/" + pod.meta.name)) return &i;
        return nullptr;
    };
    REQUIRE(b.run("sim hairpin off localhost").status == 0);
    REQUIRE(b.sim.api().create(test::siseRC(1), "test").ok());
    REQUIRE(b.sim.api().create(test::siseService(), "test").ok());
    b.sim.runFor(SimTime::s(30));
    REQUIRE(test::readyPods(b.sim, "sise") == 1);
    const Pod& first = *test::podsWith(b.sim, "sise").front();
    REQUIRE(portOf(first));
    CHECK_FALSE(portOf(first)->hairpin);
    // Its own VIP does not lead back to it: the bridge will not send a frame out of the port it came in by.
    const std::string vip = b.sim.api().get<Service>("default", "simpleservice")->clusterIP;
    CHECK(dataplane::curl(b.sim, podNamespaceKey("default/" + first.meta.name), {"curl", "-s", "-m", "2", vip + "/info"}).status == 28);

    REQUIRE(b.run("sim hairpin on localhost").status == 0);
    test::scaleRC(b.sim, "rcsise", 2);
    b.sim.runFor(SimTime::s(30));
    REQUIRE(test::readyPods(b.sim, "sise") == 2);
    for (const Pod* p : test::podsWith(b.sim, "sise")) {
        REQUIRE(portOf(*p));
        CHECK(portOf(*p)->hairpin);
    }
}

TEST_CASE("sim proxy-era switches kube-proxy's rules to the other era on every node") {
    test::BootedShell b("legacy");
    b.sim.runFor(SimTime::s(5));
    // Modern kube-proxy comments each endpoint's jump with "-> IP:PORT"; legacy does not.
    auto before = b.run("iptables-save -t nat").out;
    REQUIRE(before.find("default/kubernetes:https") != std::string::npos);
    CHECK(before.find(" -> ") == std::string::npos);
    auto r = b.run("sim proxy-era modern");
    CHECK(r.out == "kube-proxy writes modern-era rules from its next sync (requested on 1 node)\n");
    b.sim.runFor(SimTime::s(5));
    auto after = b.run("iptables-save -t nat").out;
    CHECK(after.find(" -> ") != std::string::npos);
    // A modern kube-proxy's canary monitor starts with it.
    CHECK(b.run("iptables-save -t mangle").out.find(":KUBE-PROXY-CANARY - [0:0]\n") != std::string::npos);
    auto bad = b.run("sim proxy-era ancient");
    CHECK(bad.status == 2);
    CHECK(b.sim.state().dataPlane.proxyEra == Era::Modern);
}

TEST_CASE("sim proxy shows kube-proxy's periods and its last sync, with the modelled restore time that delays the rules") {
    test::BootedShell b("modern");
    b.sim.runFor(SimTime::s(60));
    auto shown = [](SimTime t) {
        char buf[32];
        if (t >= SimTime::s(1)) std::snprintf(buf, sizeof buf, "%.3fs", t.toSeconds());
        else std::snprintf(buf, sizeof buf, "%.3fms", t.toSeconds() * 1e3);
        return std::string(buf);
    };
    const KubeProxyState& st = b.sim.state().dataPlane.proxies.at("kind-control-plane");
    REQUIRE(st.syncs > 0);
    CHECK(st.lastSyncDuration == modelledRestoreDuration(st.lastSyncLines));
    auto r = b.run("sim proxy");
    CHECK(r.status == 0);
    CHECK(r.out == "kube-proxy on node \"kind-control-plane\": modern era, minSyncPeriod 1s, syncPeriod 30s\nsyncs: " + std::to_string(st.syncs) +
                       "\nlast sync: started at " + shown(st.lastSyncStart) + ", iptables-restore of " + std::to_string(st.lastSyncLines) +
                       " lines, modelled duration " + shown(st.lastSyncDuration) + ", " + std::to_string(st.lastRuleCount) + " rules after it\n");
    // While a sync runs, it says when its rules appear.
    REQUIRE(b.sim.api().create(test::siseService(), "kubectl"));
    b.sim.runFor(b.sim.config().latency.watch);
    REQUIRE(st.syncing);
    CHECK(b.run("sim proxy").out.find("running sync: started at " + shown(b.sim.now()) + ", iptables-restore of " +
                                      std::to_string(st.lastSyncLines) + " lines, modelled duration " + shown(st.lastSyncDuration) +
                                      ", rules appear at " + shown(b.sim.now() + st.lastSyncDuration) + "\n") != std::string::npos);
    CHECK(b.run("sim proxy kind-worker").out.starts_with("kube-proxy on node \"kind-worker\": modern era"));
    CHECK(b.run("node kind-worker sim proxy").out.starts_with("kube-proxy on node \"kind-worker\": modern era"));
    CHECK(b.run("sim proxy nowhere").err == "sim: node \"nowhere\" not found\n");
    CHECK(b.run("sim proxy a b").status == 2);
}

TEST_CASE("sim link sets a node's loss, latency and bandwidth and rejects values out of range") {
    test::BootedShell b("modern");
    CHECK(b.run("sim link kind-worker").out == "link of node \"kind-worker\": latency 150us, bandwidth 1Gbit/s, loss 0%\n");
    CHECK(b.run("sim link kind-worker loss 0.05").out == "link of node \"kind-worker\": latency 150us, bandwidth 1Gbit/s, loss 5%\n");
    CHECK(b.run("sim link kind-worker latency 5").out == "link of node \"kind-worker\": latency 5ms, bandwidth 1Gbit/s, loss 5%\n");
    CHECK(b.run("sim link kind-worker bandwidth 100mbit").out == "link of node \"kind-worker\": latency 5ms, bandwidth 100Mbit/s, loss 5%\n");
    const LinkSettings l = linkSettings(b.sim.state().dataPlane, "kind-worker");
    CHECK(l.loss == doctest::Approx(0.05));
    CHECK(l.latency == SimTime::ms(5));
    CHECK(l.bandwidthBitsPerSecond == 100'000'000u);
    auto bad = b.run("sim link kind-worker loss 1.5");
    CHECK(bad.status == 1);
    CHECK(bad.err == "sim: link loss: \"1.5\" is not a probability between 0 and 1 (or 0% to 100%)\n");
    CHECK(b.run("sim link kind-worker jitter 3").status == 2);
    CHECK(b.run("sim link nowhere loss 0.1").err == "sim: node \"nowhere\" not found\n");
    CHECK(linkSettings(b.sim.state().dataPlane, "kind-worker").loss == doctest::Approx(0.05));
    // The other subcommands of sim still answer.
    CHECK(b.run("sim time").status == 0);
}
