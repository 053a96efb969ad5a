// The legacy profile (the seed tutorial's single node, docker0 bridge, kube-proxy of v1.5)
// rebuilt in a real kernel.
#include <doctest/doctest.h>

#include "kernel_checks.hpp"

using namespace kns::kerneltest;

namespace {

// The seed's objects, scaled to two replicas, and a Service no pod backs.
const std::vector<std::string> kLegacyCommands = {
    "kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/rc.yaml",
    "kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/svc.yaml",
    "kubectl scale --replicas=2 rc/rcsise",
    "echo '{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"nowhere\"}, \"spec\": {\"selector\": "
    "{\"app\": \"nowhere\"}, \"ports\": [{\"port\": 80, \"targetPort\": 9876}]}}' | kubectl apply -f -",
    "sleep 60",
};

} // namespace

TEST_CASE("legacy: a real kernel restores the node's simulated rules and its iptables-save prints the same text") {
    KernelScenario scenario("legacy", kLegacyCommands);
    KernelNetwork net(scenario.dataPlane());
    requireBuilt(net);
    checkRulesRoundTrip(scenario, net);
}

TEST_CASE("legacy: real curls reach the pods the simulation names, from the addresses it names, and a VIP without endpoints is rejected") {
    KernelScenario scenario("legacy", kLegacyCommands);
    KernelNetwork net(scenario.dataPlane());
    requireBuilt(net);
    loadRulesAndStartServers(scenario, net);
    // v1.5 without a cluster CIDR masquerades only the hairpin case, and rejects only the node's
    // own connections to a Service without endpoints.
    std::vector<Probe> probes = standardProbes(scenario, "simpleservice", "nowhere", EraRules{false, false});
    // A pod's connection to a Service without endpoints is routed (docker0 -> eth0), so it passes
    // FORWARD and never OUTPUT, the only chain v1.5 jumps to its REJECT from: it leaves by the
    // default route, is lost beyond the node, and curl -m 5 gives up (28), in the kernel as in the
    // simulation; the REJECT rule counts nothing.
    const auto client = scenario.podWithIP(scenario.endpointIPs("simpleservice").front());
    REQUIRE(client.has_value());
    probes.push_back(Probe{"pod to a VIP without endpoints (forwarded: no REJECT in v1.5)", kns::podNamespaceKey(client->key),
                           scenario.clusterIP("nowhere") + ":80/info", {{}, 28, ""}, false});
    for (const auto& probe : probes)
        if (const std::string note = checkProbe(scenario, net, probe); !note.empty()) MESSAGE(note);
}
