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
    for (const auto& probe : standardProbes(scenario, "simpleservice", "nowhere", EraRules{false, false}))
        if (const std::string note = checkProbe(scenario, net, probe); !note.empty()) MESSAGE(note);
}
