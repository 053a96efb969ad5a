// The modern profile (a kind-like cluster of three nodes on one L2 segment, kindnet's
// point-to-point pod veths, kube-proxy of v1.28+) rebuilt in a real kernel.
#include <doctest/doctest.h>

#include "kernel_checks.hpp"

using namespace kns::kerneltest;

namespace {

// Two simpleservice replicas behind a Service, and a Service no pod backs.
const std::vector<std::string> kModernCommands = {
    "echo '{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"sise\"}, \"spec\": {\"replicas\": 2, "
    "\"selector\": {\"matchLabels\": {\"app\": \"sise\"}}, \"template\": {\"metadata\": {\"labels\": {\"app\": \"sise\"}}, "
    "\"spec\": {\"containers\": [{\"name\": \"sise\", \"image\": \"mhausenblas/simpleservice:0.5.0\", "
    "\"ports\": [{\"containerPort\": 9876}]}]}}}}' | kubectl apply -f -",
    "echo '{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"simpleservice\"}, \"spec\": {\"selector\": "
    "{\"app\": \"sise\"}, \"ports\": [{\"port\": 80, \"targetPort\": 9876}]}}' | kubectl apply -f -",
    "echo '{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"nowhere\"}, \"spec\": {\"selector\": "
    "{\"app\": \"nowhere\"}, \"ports\": [{\"port\": 80, \"targetPort\": 9876}]}}' | kubectl apply -f -",
    "sleep 60",
};

} // namespace

TEST_CASE("modern: a real kernel restores every node's simulated rules and its iptables-save prints the same text") {
    KernelScenario scenario("modern", kModernCommands);
    KernelNetwork net(scenario.dataPlane());
    requireBuilt(net);
    checkRulesRoundTrip(scenario, net);
}

TEST_CASE("modern: real curls reach the pods the simulation names, from the addresses it names, and a VIP without endpoints is rejected") {
    KernelScenario scenario("modern", kModernCommands);
    KernelNetwork net(scenario.dataPlane());
    requireBuilt(net);
    loadRulesAndStartServers(scenario, net);
    // The cluster CIDR is set: a node's connection to a cluster IP is masqueraded too; pods'
    // connections to a Service without endpoints are rejected as well.
    for (const auto& probe : standardProbes(scenario, "simpleservice", "nowhere", EraRules{true, true}))
        if (const std::string note = checkProbe(scenario, net, probe); !note.empty()) MESSAGE(note);
}
