// Packet flows from outside the cluster: externalTrafficPolicy Local, LoadBalancer source ranges
// and ClientIP session affinity, in the eras that have them (rows in packet_flows.hpp's table).
#include <doctest/doctest.h>

#include <map>
#include <set>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

#include "booted_shell.hpp"
#include "packet_flows.hpp"

using namespace kns;

namespace {

using test::checkFlows;

// App "loc" (one pod, on `node`) and app "any" (two pods wherever the scheduler puts them).
void deployApps(Simulation& sim, const std::string& node) {
    ReplicationController loc = test::siseRC(1, "rcloc", "loc");
    loc.tmpl.spec.nodeSelector = {{"kubernetes.io/hostname", node}};
    REQUIRE(sim.api().create(loc, "kubectl"));
    REQUIRE(sim.api().create(test::siseRC(2, "rcany", "any"), "kubectl"));
}

Service service(const std::string& name, const std::string& app, const std::string& type, const std::string& policy, int nodePort = 0) {
    Service s = test::siseService(name, app);
    s.type = type;
    s.externalTrafficPolicy = policy;
    s.ports[0].nodePort = nodePort;
    return s;
}

} // namespace

TEST_CASE("modern packet flows from outside: externalTrafficPolicy Local and LoadBalancer source ranges") {
    test::BootedShell b("modern");
    deployApps(b.sim, "kind-worker");
    REQUIRE(b.sim.api().create(service("npl", "loc", "NodePort", "Local", 30081), "kubectl"));
    Service lbl = service("lbl", "loc", "LoadBalancer", "Local");
    lbl.loadBalancerSourceRanges = {"172.18.0.0/30"};
    REQUIRE(b.sim.api().create(lbl, "kubectl"));
    Service lbc = service("lbc", "any", "LoadBalancer", "Cluster");
    lbc.loadBalancerSourceRanges = {"172.18.0.0/30"};
    REQUIRE(b.sim.api().create(lbc, "kubectl"));
    b.sim.runFor(SimTime::s(60));
    REQUIRE(test::endpointsOf(b.sim, "loc@kind-worker").size() == 1);
    checkFlows(b.sim, "kind-control-plane",
               {
                   // Local: the client's address is kept, and only a node with an endpoint serves.
                   {"a Local NodePort on the endpoint's node reaches it unmasqueraded", "172.18.0.1", "kind-worker", "172.18.0.3:30081",
                    "loc@kind-worker", false, "172.18.0.1"},
                   // kube-proxy v1.28: KUBE-EXT has no jump to KUBE-SVL, and KUBE-EXTERNAL-SERVICES drops.
                   {"a Local NodePort on a node without an endpoint drops", "172.18.0.1", "kind-worker2", "172.18.0.4:30081", "DROP", false, ""},
                   {"the node itself through its Local NodePort goes to every endpoint, masqueraded", "kind-worker2", "", "172.18.0.4:30081",
                    "loc", true, ""},
                   {"a Local LoadBalancer: a source in range through the endpoint's node reaches it", "172.18.0.1", "kind-worker", "lb:lbl",
                    "loc@kind-worker", false, "172.18.0.1"},
                   {"a Local LoadBalancer: a source in range through another node drops", "172.18.0.1", "kind-worker2", "lb:lbl", "DROP", false, ""},
                   {"a Local LoadBalancer: a source out of range drops (KUBE-PROXY-FIREWALL)", "172.18.0.9", "kind-worker", "lb:lbl", "DROP", false, ""},
                   {"a Cluster LoadBalancer: a source in range reaches every endpoint, masqueraded", "172.18.0.1", "kind-worker2", "lb:lbc", "any",
                    true, ""},
                   {"a Cluster LoadBalancer: a source out of range drops", "172.18.0.9", "kind-worker2", "lb:lbc", "DROP", false, ""},
                   // The ranges hold for every client: KUBE-SERVICES sends the LB address to KUBE-FW before KUBE-EXT.
                   {"a pod out of the ranges is dropped too", "pod:any", "", "lb:lbl", "DROP", false, ""},
               });
}

TEST_CASE("legacy packet flows from outside: a Local NodePort goes through KUBE-XLB") {
    test::BootedShell b("legacy");
    deployApps(b.sim, "localhost");
    REQUIRE(b.sim.api().create(service("npl", "loc", "NodePort", "Local", 30081), "kubectl"));
    // A Service whose only endpoint is on another node, written by hand as a selector-less
    // Service's Endpoints are.
    Service far = service("far", "", "NodePort", "Local", 30082);
    far.selector.clear();
    REQUIRE(b.sim.api().create(far, "kubectl"));
    Endpoints ep;
    ep.meta.name = "far";
    ep.subsets.push_back(EndpointSubset{{EndpointAddress{"10.1.2.3", "elsewhere", std::nullopt}}, {}, {EndpointPort{"", 9876, "TCP"}}});
    REQUIRE(b.sim.api().create(ep, "kubectl"));
    b.sim.runFor(SimTime::s(60));
    checkFlows(b.sim, "localhost",
               {
                   {"an outside client through a Local NodePort keeps its address", "192.168.99.1", "localhost", "192.168.99.100:30081", "loc",
                    false, "192.168.99.1"},
                   // KUBE-XLB marks the packet with KUBE-MARK-DROP; the kubelet's KUBE-FIREWALL drops it in INPUT.
                   {"a Local NodePort without a local endpoint drops", "192.168.99.1", "localhost", "192.168.99.100:30082", "DROP", false, ""},
               });
}

TEST_CASE("modern: with ClientIP affinity every connection of a client goes to the pod its first went to") {
    test::BootedShell b("modern");
    deployApps(b.sim, "kind-worker");
    Service aff = test::siseService("aff", "any");
    aff.sessionAffinity = "ClientIP";
    REQUIRE(b.sim.api().create(aff, "kubectl"));
    b.sim.runFor(SimTime::s(60));
    const std::string vip = test::clusterIP(b.sim, "aff");
    const auto& served = b.sim.state().dataPlane.transport.served;
    // The pods of app "any" that answered, and how often.
    auto answered = [&] {
        std::map<std::string, int> out;
        for (const auto& [key, n] : served)
            if (key.rfind("default/rcany-", 0) == 0) out[key] = n;
        return out;
    };
    for (const std::string client : {"kind-control-plane", "kind-worker2"}) {
        CAPTURE(client);
        const auto before = answered();
        for (int i = 0; i < 12; ++i)
            REQUIRE(dataplane::curl(b.sim, nodeNamespaceKey(client), {"curl", "-s", vip + "/info"}).status == 0);
        int changed = 0;
        for (const auto& [key, n] : answered()) {
            const int had = before.count(key) ? before.at(key) : 0;
            if (n != had) {
                ++changed;
                CHECK(n - had == 12);
            }
        }
        CHECK(changed == 1);
    }
}
