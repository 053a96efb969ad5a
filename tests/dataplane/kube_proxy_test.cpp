#include <doctest/doctest.h>

#include <sstream>

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
