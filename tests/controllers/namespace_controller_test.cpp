#include <doctest/doctest.h>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

TEST_CASE("deleting a namespace removes everything in it, then the namespace itself") {
    BootedCluster c("modern");
    Namespace ns;
    ns.meta.name = "demo";
    REQUIRE(c.sim.api().create(ns, "test").ok());
    ReplicationController rc = siseRC(2);
    rc.meta.ns = "demo";
    REQUIRE(c.sim.api().create(rc, "test").ok());
    Service svc = siseService();
    svc.meta.ns = "demo";
    REQUIRE(c.sim.api().create(svc, "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(podsWith(c.sim, "sise", "demo").size() == 2);
    REQUIRE(c.sim.api().get<Endpoints>("demo", "simpleservice") != nullptr);
    const std::size_t systemPods = c.sim.api().list<Pod>("kube-system").size();

    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::Namespace, "", "demo", "test").has_value());
    c.sim.runFor(SimTime::ms(500));
    REQUIRE(c.sim.api().get<Namespace>("", "demo") != nullptr);
    CHECK(c.sim.api().get<Namespace>("", "demo")->phase == "Terminating");
    Pod late;
    late.meta.name = "late";
    late.meta.ns = "demo";
    late.spec = siseTemplate().spec;
    CHECK_FALSE(c.sim.api().create(late, "test").ok());

    c.sim.runFor(SimTime::s(10));
    CHECK(c.sim.api().get<Namespace>("", "demo") == nullptr);
    CHECK(podsWith(c.sim, "sise", "demo").empty());
    CHECK(c.sim.api().list<Service>("demo").empty());
    CHECK(c.sim.api().list<Endpoints>("demo").empty());
    CHECK(c.sim.api().list<EndpointSlice>("demo").empty());
    CHECK(c.sim.api().list<ReplicationController>("demo").empty());
    // Other namespaces are untouched.
    CHECK(c.sim.api().list<Pod>("kube-system").size() == systemPods);
}
