#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/kube_proxy.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;

namespace {

std::string grep(const std::string& text, const std::string& needle) {
    std::istringstream in(text);
    std::string out;
    for (std::string l; std::getline(in, l);)
        if (l.find(needle) != std::string::npos) out += l + "\n";
    return out;
}

struct LegacyCluster {
    Simulation sim;
    explicit LegacyCluster(Reservations r) : sim(*builtinProfile("legacy"), 42, std::move(r)) {
        bootCluster(sim);  // the nodes' namespaces and kube-proxy come with the cluster
    }
    std::string saved() { return netfilter::saveRuleset(sim.state().dataPlane.namespaces.at("node/localhost").rules, {}); }
    void scale(int replicas) {
        ReplicationController rc = *sim.api().get<ReplicationController>("default", "rcsise");
        rc.replicas = replicas;
        REQUIRE_FALSE(sim.api().update(rc, "kubectl", true));
    }
};

} // namespace

TEST_CASE("the simulated legacy cluster's kube-proxy writes the seed tutorial's rules before and after scaling") {
    Reservations r;
    r.clusterIPs["default/simpleservice"] = "172.30.228.255";
    r.podNames = {"rcsise-6nq3k", "rcsise-nv8zm"};
    LegacyCluster c(r);
    REQUIRE(c.sim.api().create(test::siseRC(1), "kubectl"));
    REQUIRE(c.sim.api().create(test::siseService(), "kubectl"));
    c.sim.runFor(SimTime::s(60));
    CHECK(grep(c.saved(), "simpleservice") ==
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV\n");
    c.scale(2);
    c.sim.runFor(SimTime::s(30));
    CHECK(grep(c.saved(), "simpleservice") ==
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
          "-A KUBE-SEP-PXYYII6AHMUWKLYX -s 172.17.0.4/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.4:9876\n"
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-PXYYII6AHMUWKLYX\n");
}

TEST_CASE("a sync takes its modelled restore time, and packets meanwhile see the old rules") {
    Reservations r;
    r.clusterIPs["default/simpleservice"] = "172.30.228.255";
    LegacyCluster c(r);
    REQUIRE(c.sim.api().create(test::siseRC(1), "kubectl"));
    c.sim.runFor(SimTime::s(30));
    REQUIRE(c.sim.api().create(test::siseService(), "kubectl"));
    // The watch notification reaches kube-proxy after the watch latency; the rules appear only
    // once the restore has taken its time.
    c.sim.runFor(c.sim.config().latency.watch);
    c.sim.runFor(SimTime::ms(1));
    const KubeProxyState& st = c.sim.state().dataPlane.proxies.at("localhost");
    REQUIRE(st.syncing);
    CHECK(c.saved().find("simpleservice") == std::string::npos);
    c.sim.runFor(st.lastSyncDuration);
    CHECK(c.saved().find("default/simpleservice: cluster IP") != std::string::npos);
    CHECK(modelledRestoreDuration(0) == SimTime::ms(4));
    CHECK(modelledRestoreDuration(420000) > SimTime::s(16));
    // Measured on a real kernel: a line costs more the more lines the restore holds.
    CHECK(modelledRestoreDuration(420000) > modelledRestoreDuration(42000) * 10);
}

namespace {

// A modern cluster (kind-like, v1.28+ kube-proxy) with `config` changed as the test needs.
struct ModernCluster {
    Simulation sim;
    explicit ModernCluster(ClusterConfig config = test::profileConfig("modern")) : sim(std::move(config), 42, {}) { bootCluster(sim); }
    net::NetNamespace& node() { return sim.state().dataPlane.namespaces.at("node/kind-worker"); }
    const KubeProxyState& proxy() { return sim.state().dataPlane.proxies.at("kind-worker"); }
    std::string saved() { return netfilter::saveRuleset(node().rules, {}); }
    // A ClusterIP service without a selector: no endpoints controller follows it up, so each
    // creation is one watch notification to kube-proxy.
    void addService(const std::string& name) {
        Service s = test::siseService(name);
        s.selector.clear();
        REQUIRE(sim.api().create(s, "kubectl"));
    }
    bool hasRulesFor(const std::string& name) { return saved().find("default/" + name + " has no endpoints") != std::string::npos; }
};

// The lines of an iptables-save text, sorted and without counters: what stays equal when a sync
// writes the same rules in another service order.
std::vector<std::string> structure(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) {
        if (l.starts_with(":")) l = l.substr(0, l.rfind(' '));
        out.push_back(l);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("modern kube-proxy keeps an empty KUBE-PROXY-CANARY chain in mangle, nat and filter, and the legacy one none") {
    ModernCluster c;
    c.sim.runFor(SimTime::s(5));
    const std::string s = c.saved();
    // As iptables-nft 1.8.9 saves it: tables mangle, filter, nat; user chains in strcmp order.
    CHECK(s.find("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                 ":POSTROUTING ACCEPT [0:0]\n:KUBE-PROXY-CANARY - [0:0]\nCOMMIT\n") != std::string::npos);
    CHECK(s.find("*mangle") < s.find("*filter"));
    CHECK(s.find("*filter") < s.find("*nat"));
    CHECK(s.find(":KUBE-NODEPORTS - [0:0]\n:KUBE-PROXY-CANARY - [0:0]\n:KUBE-PROXY-FIREWALL - [0:0]\n") != std::string::npos);
    CHECK(s.find(":KUBE-POSTROUTING - [0:0]\n:KUBE-PROXY-CANARY - [0:0]\n") != std::string::npos);
    CHECK(s.find("-A KUBE-PROXY-CANARY") == std::string::npos);

    LegacyCluster legacy({});
    legacy.sim.runFor(SimTime::s(5));
    CHECK(legacy.saved().find("CANARY") == std::string::npos);
    CHECK(legacy.saved().find("*mangle") == std::string::npos);
}

TEST_CASE("modern kube-proxy notices a flush by its missing canary at its next poll and writes its rules and canaries again") {
    ModernCluster c;
    // kube-proxy started at 0 s: its canary polls come at 30 s, 60 s, 90 s ...
    c.sim.runFor(SimTime::s(65) - c.sim.now());
    const auto before = structure(c.saved());
    const std::uint64_t syncs = c.proxy().syncs;
    // iptables -F and -X in every table.
    c.node().rules = netfilter::Ruleset{};
    c.sim.runFor(SimTime::s(24));
    CHECK(c.proxy().syncs == syncs);
    CHECK(c.saved().empty());
    // The poll at 90 s finds the mangle canary gone, and the others too: a full sync at once,
    // then the canaries.
    c.sim.runFor(SimTime::s(2));
    CHECK(c.proxy().syncs == syncs + 1);
    CHECK(structure(c.saved()) == before);
}

TEST_CASE("a deleted mangle canary alone makes modern kube-proxy wait 5 s for the others, then reload anyway") {
    ModernCluster c;
    c.sim.runFor(SimTime::s(65) - c.sim.now());
    const std::uint64_t syncs = c.proxy().syncs;
    REQUIRE(c.node().rules.table(netfilter::TableId::Mangle));
    REQUIRE(c.node().rules.ensureTable(netfilter::TableId::Mangle).removeChain("KUBE-PROXY-CANARY"));
    c.sim.runFor(SimTime::s(25) + SimTime::ms(4900));  // the poll at 90 s, then 100 ms polls up to 5 s
    CHECK(c.proxy().syncs == syncs);
    c.sim.runFor(SimTime::ms(200));
    CHECK(c.proxy().syncs == syncs + 1);
    CHECK(c.saved().find("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                         ":POSTROUTING ACCEPT [0:0]\n:KUBE-PROXY-CANARY - [0:0]\n") != std::string::npos);
}

TEST_CASE("after a watch notification kube-proxy syncs at once while its burst of two lasts, then no sooner than minSyncPeriod") {
    ClusterConfig config = test::profileConfig("modern");
    config.proxy.minSyncPeriod = SimTime::s(10);
    ModernCluster c(config);
    c.sim.runFor(SimTime::s(120));  // booted and quiet: the runner's burst is whole again
    const std::uint64_t syncs = c.proxy().syncs;
    const SimTime changed = c.sim.now();
    const SimTime watch = c.sim.config().latency.watch;

    // A burst of changes at one moment: one sync, at once, with all of them.
    for (const char* n : {"a1", "a2", "a3", "a4", "a5"}) c.addService(n);
    c.sim.runFor(SimTime::s(1));
    CHECK(c.proxy().syncs == syncs + 1);
    const SimTime first = c.proxy().lastSyncStart;
    CHECK(first == changed + watch);
    for (const char* n : {"a1", "a2", "a3", "a4", "a5"}) CHECK(c.hasRulesFor(n));

    // The second run of the burst.
    c.addService("b");
    c.sim.runFor(SimTime::s(1));
    CHECK(c.proxy().syncs == syncs + 2);
    CHECK(c.hasRulesFor("b"));

    // Then one run per minSyncPeriod: these wait for `first` + 10 s, and come in one sync.
    for (const char* n : {"c1", "c2", "c3"}) c.addService(n);
    c.sim.runFor(first + SimTime::s(10) - c.sim.now() - SimTime::ms(1));
    CHECK(c.proxy().syncs == syncs + 2);
    CHECK_FALSE(c.hasRulesFor("c1"));
    c.sim.runFor(SimTime::ms(1));
    REQUIRE(c.proxy().syncing);
    CHECK(c.proxy().lastSyncStart == first + SimTime::s(10));
    // The rules appear once the restore's modelled time has passed.
    c.sim.runFor(c.proxy().lastSyncDuration - SimTime::ns(1));
    CHECK_FALSE(c.hasRulesFor("c1"));
    c.sim.runFor(SimTime::ns(1));
    CHECK(c.proxy().syncs == syncs + 3);
    for (const char* n : {"c1", "c2", "c3"}) CHECK(c.hasRulesFor(n));
}

TEST_CASE("without changes the legacy kube-proxy syncs every syncPeriod, the modern one only hourly") {
    ClusterConfig modernConfig = test::profileConfig("modern");
    modernConfig.proxy.syncPeriod = SimTime::s(20);
    ModernCluster modern(modernConfig);
    modern.sim.runFor(SimTime::s(120));
    const std::uint64_t modernSyncs = modern.proxy().syncs;
    const SimTime lastRun = modern.proxy().lastSyncStart + modern.proxy().lastSyncDuration;
    // The runner's maxInterval (time.Hour) counts from the end of its last run.
    modern.sim.runFor(lastRun + SimTime::s(3600) - modern.sim.now() - SimTime::ms(1));
    CHECK(modern.proxy().syncs == modernSyncs);
    modern.sim.runFor(SimTime::s(1));
    CHECK(modern.proxy().syncs == modernSyncs + 1);

    ClusterConfig legacyConfig = test::profileConfig("legacy");
    legacyConfig.proxy.syncPeriod = SimTime::s(20);
    Simulation legacy(legacyConfig, 42, {});
    bootCluster(legacy);
    legacy.runFor(SimTime::s(120));
    const std::uint64_t legacySyncs = legacy.state().dataPlane.proxies.at("localhost").syncs;
    legacy.runFor(SimTime::s(100));
    CHECK(legacy.state().dataPlane.proxies.at("localhost").syncs == legacySyncs + 5);
}
