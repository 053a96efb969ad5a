#include <doctest/doctest.h>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/state_predicate.hpp>

using namespace kns;
using namespace kns::scenario;

namespace {

void addPod(Simulation& sim, const std::string& name, bool ready, const std::string& phase = "Running", bool deleting = false) {
    Pod p;
    p.meta.name = name;
    p.meta.ns = "default";
    p.meta.labels = {{"app", "sise"}};
    p.status.phase = phase;
    p.status.conditions.push_back({"Ready", ready ? "True" : "False", {}, {}});
    if (deleting) p.meta.deletionTimestamp = SimTime::s(3);
    sim.state().objects.pods["default/" + name] = p;
}

bool holds(const std::string& text, const Simulation& sim) {
    auto p = parseStatePredicate(text);
    if (!p.ok()) {
        FAIL_CHECK(p.error().full());
        return false;
    }
    return evaluatePredicate(*p, sim).holds;
}

} // namespace

TEST_CASE("pod measures count ready, running, pending and terminating pods") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "a", true);
    addPod(sim, "b", false);
    addPod(sim, "c", false, "Pending");
    addPod(sim, "d", true, "Running", true);
    CHECK(holds("pods with app=sise == 4", sim));
    CHECK(holds("pods with app=sise count == 4", sim));
    CHECK(holds("pods with app=sise ready == 2", sim));
    CHECK_FALSE(holds("pods with app=sise ready == 3", sim));
    CHECK(holds("pods with app=sise notready == 2", sim));
    CHECK(holds("pods with app=sise running == 2", sim));
    CHECK(holds("pods with app=sise pending == 1", sim));
    CHECK(holds("pods with app=sise terminating == 1", sim));
    CHECK(holds("pods with app=other == 0", sim));
    CHECK(holds("pods in kube-system == 0", sim));
    CHECK(holds("pods in * >= 4", sim));
    CHECK(holds("po named a ready == 1", sim));
}

TEST_CASE("comparison operators compare the measure with the number") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "a", true);
    addPod(sim, "b", true);
    CHECK(holds("pods ready != 1", sim));
    CHECK(holds("pods ready < 3", sim));
    CHECK(holds("pods ready <= 2", sim));
    CHECK(holds("pods ready > 1", sim));
    CHECK(holds("pods ready >= 2", sim));
    CHECK_FALSE(holds("pods ready > 2", sim));
    CHECK_FALSE(holds("pods ready < 2", sim));
}

TEST_CASE("terms joined by and must all hold, and the explanation shows each actual value") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "a", true);
    Endpoints ep;
    ep.meta.name = "simpleservice";
    ep.meta.ns = "default";
    ep.subsets.push_back({{{"172.17.0.3", "localhost", {}}}, {{"172.17.0.4", "localhost", {}}}, {}});
    sim.state().objects.endpoints["default/simpleservice"] = ep;
    CHECK(holds("endpoints named simpleservice addresses == 1 and endpoints named simpleservice notready == 1", sim));
    auto p = parseStatePredicate("pods ready == 1 and endpoints named simpleservice addresses == 2");
    REQUIRE(p.ok());
    auto outcome = evaluatePredicate(*p, sim);
    CHECK_FALSE(outcome.holds);
    CHECK(outcome.explanation ==
          "pods ready == 1: actual 1 (holds)\n"
          "endpoints named simpleservice addresses == 2: actual 1 (fails)\n");
}

TEST_CASE("controllers and nodes have their own measures") {
    Simulation sim(ClusterConfig{}, 1);
    ReplicationController rc;
    rc.meta.name = "rcsise";
    rc.meta.ns = "default";
    rc.meta.labels = {{"app", "sise"}};
    rc.status.replicas = 2;
    rc.status.readyReplicas = 1;
    sim.state().objects.replicationControllers["default/rcsise"] = rc;
    Node n;
    n.meta.name = "localhost";
    n.status.conditions.push_back({"Ready", "True", {}, {}});
    sim.state().objects.nodes["localhost"] = n;
    CHECK(holds("rc with app=sise replicas == 2 and rc ready == 1", sim));
    CHECK(holds("nodes ready == 1 and nodes == 1", sim));
    CHECK(holds("services == 0 and deployments == 0", sim));
}

TEST_CASE("malformed predicates are rejected with the column of the offending word") {
    struct Case {
        const char* text;
        const char* message;
        const char* location;
    };
    const Case cases[] = {
        {"pod with app=sise ready eq 2", "expected a comparison operator (==, !=, <, <=, >, >=), got \"eq\"", "column 25"},
        {"pods with app=sise readyy == 2",
         "\"readyy\" is not a measure of pods (expected count, ready, notready, running, pending, terminating) nor a comparison operator (==, !=, <, <=, >, >=)",
         "column 20"},
        {"widgets == 2", "unknown kind \"widgets\" (expected pods, services, endpoints, rc, rs, deployments, nodes or namespaces)", "column 1"},
        {"pods ready == two", "expected an integer, got \"two\"", "column 15"},
        {"pods ready ==", "expected an integer at the end of the predicate", "column 14"},
        {"pods with", "expected a value after \"with\" at the end of the predicate", "column 10"},
        {"pods == 1 or pods == 2", "expected \"and\" or the end of the predicate, got \"or\"", "column 11"},
        {"services addresses == 1", "\"addresses\" is not a measure of services (expected count) nor a comparison operator (==, !=, <, <=, >, >=)", "column 10"},
        {"", "expected a kind (pods, services, endpoints, rc, rs, deployments, nodes, namespaces) at the end of the predicate", "column 1"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        auto p = parseStatePredicate(c.text);
        REQUIRE_FALSE(p.ok());
        CHECK(p.error().message == c.message);
        CHECK(p.error().location == c.location);
    }
}
