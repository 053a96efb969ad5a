#include <doctest/doctest.h>

#include <kubenetsim/controllers/what_if.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

namespace {
std::string readyCondition(Simulation& sim, const std::string& node) {
    for (const auto& c : sim.api().get<Node>("", node)->status.conditions)
        if (c.type == "Ready") return c.status;
    return "";
}

int podsOn(Simulation& sim, const std::string& node, bool live) {
    int n = 0;
    for (const Pod* p : podsWith(sim, "sise"))
        if (p->spec.nodeName == node && p->meta.deletionTimestamp.has_value() != live) ++n;
    return n;
}
} // namespace

TEST_CASE("a node that goes down loses its pods' endpoints after the grace period and its pods move after the eviction timeout") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseRC(4), "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(podsOn(c.sim, "kind-worker", true) == 2);
    REQUIRE(c.sim.api().get<Endpoints>("default", "simpleservice")->subsets.at(0).addresses.size() == 4);

    REQUIRE_FALSE(setNodeDown(c.sim, "kind-worker", true).has_value());
    c.sim.runFor(SimTime::s(30));  // within the grace period nothing shows
    CHECK(readyCondition(c.sim, "kind-worker") == "True");
    CHECK(readyPods(c.sim, "sise") == 4);

    c.sim.runFor(SimTime::s(15));
    CHECK(readyCondition(c.sim, "kind-worker") == "Unknown");
    CHECK(readyPods(c.sim, "sise") == 2);
    const EndpointSubset& sub = c.sim.api().get<Endpoints>("default", "simpleservice")->subsets.at(0);
    CHECK(sub.addresses.size() == 2);
    CHECK(sub.notReadyAddresses.size() == 2);
    for (const auto& a : sub.addresses) CHECK(a.nodeName == "kind-worker2");

    c.sim.runFor(SimTime::minutes(5));
    CHECK(podsOn(c.sim, "kind-worker", false) == 2);  // deleted, stuck Terminating on the dead node
    CHECK(podsOn(c.sim, "kind-worker2", true) == 4);  // replacements on the surviving worker
    CHECK(readyPods(c.sim, "sise") == 4);

    REQUIRE_FALSE(setNodeDown(c.sim, "kind-worker", false).has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(readyCondition(c.sim, "kind-worker") == "True");
    CHECK(podsOn(c.sim, "kind-worker", false) == 0);  // the kubelet finished the deletions
    CHECK(podsWith(c.sim, "sise").size() == 4);
}

TEST_CASE("a node back up before the grace period ends changes nothing") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE_FALSE(setNodeDown(c.sim, "localhost", true).has_value());
    c.sim.runFor(SimTime::s(20));
    REQUIRE_FALSE(setNodeDown(c.sim, "localhost", false).has_value());
    c.sim.runFor(SimTime::minutes(6));
    CHECK(readyCondition(c.sim, "localhost") == "True");
    CHECK(readyPods(c.sim, "sise") == 1);
    CHECK(podsWith(c.sim, "sise").size() == 1);
}

TEST_CASE("pods created while the only node is down stay pending and run once it returns") {
    BootedCluster c("legacy");
    REQUIRE_FALSE(setNodeDown(c.sim, "localhost", true).has_value());
    c.sim.runFor(SimTime::minutes(1));
    REQUIRE(readyCondition(c.sim, "localhost") == "Unknown");
    REQUIRE(c.sim.api().create(siseRC(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto pods = podsWith(c.sim, "sise");
    REQUIRE(pods.size() == 1);
    CHECK(pods.front()->spec.nodeName.empty());
    CHECK(pods.front()->status.phase == "Pending");
    REQUIRE_FALSE(setNodeDown(c.sim, "localhost", false).has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(readyPods(c.sim, "sise") == 1);
}
