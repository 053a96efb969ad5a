#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "kernel_checks.hpp"

using namespace kns::kerneltest;
using kns::podNamespaceKey;

namespace {

bool exists(const std::string& netns) {
    const auto all = suiteNamespaces();
    return std::find(all.begin(), all.end(), netns) != all.end();
}

const std::vector<std::string> kOnePod = {
    "kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/rc.yaml",
    "sleep 60",
};

} // namespace

TEST_CASE("a kernel copy of the network removes its namespaces and stops its servers even when a check fails half way") {
    KernelScenario scenario("legacy", kOnePod);
    const auto pods = scenario.simpleservicePods();
    REQUIRE(pods.size() == 1);
    std::vector<std::string> made;
    std::string podNamespace;
    std::vector<pid_t> processes;
    try {
        KernelNetwork net(scenario.dataPlane());
        requireBuilt(net);
        made = net.plan().namespaces;
        podNamespace = net.kernelName(podNamespaceKey(pods[0].key));
        REQUIRE(net.startServer(podNamespaceKey(pods[0].key), pods[0].ip, 9876, "0.5.0").empty());
        std::istringstream pids(runHost({"ip", "netns", "pids", podNamespace}).out);
        for (pid_t p; pids >> p;) processes.push_back(p);
        throw std::runtime_error("a check failed");
    } catch (const std::runtime_error&) {
    }
    REQUIRE(std::find(made.begin(), made.end(), podNamespace) != made.end());
    REQUIRE(processes.size() == 1);
    for (const auto& n : made) CHECK_FALSE(exists(n));
    for (pid_t p : processes) CHECK(::kill(p, 0) != 0);
}

TEST_CASE("namespaces left by a run that died are removed, those of a live run are kept") {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    const std::string dead = std::string(kNamespacePrefix) + std::to_string(child) + "-0-n0";
    const std::string live = std::string(kNamespacePrefix) + std::to_string(getpid()) + "-live-n0";
    REQUIRE(runHost({"ip", "netns", "add", dead}).status == 0);
    REQUIRE(runHost({"ip", "netns", "add", live}).status == 0);
    const auto removed = removeStaleNamespaces();
    CHECK(std::find(removed.begin(), removed.end(), dead) != removed.end());
    CHECK_FALSE(exists(dead));
    CHECK(exists(live));
    runHost({"ip", "netns", "del", live});
    runHost({"ip", "netns", "del", dead});
}
