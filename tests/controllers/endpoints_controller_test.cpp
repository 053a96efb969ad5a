#include <doctest/doctest.h>

#include <kubenetsim/controllers/what_if.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

namespace {

std::vector<std::string> ips(const std::vector<EndpointAddress>& addrs) {
    std::vector<std::string> out;
    for (const auto& a : addrs) out.push_back(a.ip);
    return out;
}

const EndpointSubset* onlySubset(Simulation& sim, const std::string& name = "simpleservice") {
    const Endpoints* ep = sim.api().get<Endpoints>("default", name);
    REQUIRE(ep != nullptr);
    if (ep->subsets.empty()) return nullptr;
    REQUIRE(ep->subsets.size() == 1);
    return &ep->subsets.front();
}

} // namespace

TEST_CASE("a service's endpoints list its ready pods with the target port, the node and a reference to the pod") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(2), "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const EndpointSubset* sub = onlySubset(c.sim);
    REQUIRE(sub != nullptr);
    CHECK(ips(sub->addresses) == std::vector<std::string>{"172.17.0.3", "172.17.0.4"});
    CHECK(sub->notReadyAddresses.empty());
    REQUIRE(sub->ports.size() == 1);
    CHECK(sub->ports[0].port == 9876);
    CHECK(sub->ports[0].protocol == "TCP");
    CHECK(sub->addresses[0].nodeName == "localhost");
    REQUIRE(sub->addresses[0].targetRef.has_value());
    CHECK(sub->addresses[0].targetRef->kind == "Pod");
    CHECK(c.sim.api().get<Pod>("default", sub->addresses[0].targetRef->name)->status.podIP == "172.17.0.3");
}

TEST_CASE("a pod whose readiness fails moves to notReadyAddresses and comes back when it passes again") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(2), "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const Pod* first = c.sim.api().list<Pod>("default", nullptr).front();
    for (const Pod* p : podsWith(c.sim, "sise"))
        if (p->status.podIP == "172.17.0.3") first = p;
    const std::string key = objectKey(*first);
    REQUIRE_FALSE(setPodReadinessFailing(c.sim, key, true).has_value());
    c.sim.runFor(SimTime::s(1));
    CHECK_FALSE(c.sim.api().getByKey<Pod>(key)->status.isReady());
    const EndpointSubset* sub = onlySubset(c.sim);
    CHECK(ips(sub->addresses) == std::vector<std::string>{"172.17.0.4"});
    CHECK(ips(sub->notReadyAddresses) == std::vector<std::string>{"172.17.0.3"});

    REQUIRE_FALSE(setPodReadinessFailing(c.sim, key, false).has_value());
    c.sim.runFor(SimTime::s(1));
    sub = onlySubset(c.sim);
    CHECK(ips(sub->addresses) == std::vector<std::string>{"172.17.0.3", "172.17.0.4"});
    CHECK(sub->notReadyAddresses.empty());
}

TEST_CASE("a failing readiness probe takes failureThreshold periods to unready a pod") {
    BootedCluster c("modern");
    ReplicationController rc = siseRC(1);
    Probe probe;
    probe.path = "/health";
    probe.port = IntOrString::ofInt(9876);
    probe.periodSeconds = 5;
    probe.failureThreshold = 3;
    rc.tmpl.spec.containers[0].readinessProbe = probe;
    REQUIRE(c.sim.api().create(rc, "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const std::string key = objectKey(*podsWith(c.sim, "sise").front());
    REQUIRE(c.sim.api().getByKey<Pod>(key)->status.isReady());
    REQUIRE_FALSE(setPodReadinessFailing(c.sim, key, true).has_value());
    c.sim.runFor(SimTime::s(9));  // at most two failed probes so far
    CHECK(c.sim.api().getByKey<Pod>(key)->status.isReady());
    c.sim.runFor(SimTime::s(8));
    CHECK_FALSE(c.sim.api().getByKey<Pod>(key)->status.isReady());
    const EndpointSubset* sub = onlySubset(c.sim);
    REQUIRE(sub != nullptr);
    CHECK(sub->addresses.empty());
    CHECK(sub->notReadyAddresses.size() == 1);
}

TEST_CASE("a named targetPort resolves to each pod's container port of that name") {
    BootedCluster c("legacy");
    ReplicationController rc = siseRC(1);
    rc.tmpl.spec.containers[0].ports[0].name = "web";
    REQUIRE(c.sim.api().create(rc, "test").ok());
    Service svc = siseService();
    svc.ports[0].targetPort = IntOrString::ofString("web");
    REQUIRE(c.sim.api().create(svc, "test").ok());
    c.sim.runFor(SimTime::s(10));
    const EndpointSubset* sub = onlySubset(c.sim);
    REQUIRE(sub != nullptr);
    CHECK(sub->ports[0].port == 9876);
}

TEST_CASE("a service without a selector keeps the endpoints the user wrote") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(1), "test").ok());
    Service svc = siseService("external");
    svc.selector.clear();
    REQUIRE(c.sim.api().create(svc, "test").ok());
    Endpoints ep;
    ep.meta.name = "external";
    EndpointSubset sub;
    sub.addresses.push_back(EndpointAddress{"10.0.2.2", {}, std::nullopt});
    sub.ports.push_back(EndpointPort{"", 8080, "TCP"});
    ep.subsets.push_back(sub);
    REQUIRE(c.sim.api().create(ep, "test").ok());
    c.sim.runFor(SimTime::s(10));
    const EndpointSubset* kept = onlySubset(c.sim, "external");
    REQUIRE(kept != nullptr);
    CHECK(ips(kept->addresses) == std::vector<std::string>{"10.0.2.2"});
}

TEST_CASE("the modern era also keeps one endpoint slice per service, terminating endpoints included") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseRC(2), "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto slices = c.sim.api().list<EndpointSlice>("default");
    const EndpointSlice* slice = nullptr;
    for (const EndpointSlice* s : slices)
        if (s->meta.labels.count("kubernetes.io/service-name") && s->meta.labels.at("kubernetes.io/service-name") == "simpleservice") slice = s;
    REQUIRE(slice != nullptr);
    CHECK(slice->meta.name.rfind("simpleservice-", 0) == 0);
    CHECK(slice->meta.name.size() == std::string("simpleservice-").size() + 5);
    CHECK(slice->meta.labels.at("endpointslice.kubernetes.io/managed-by") == "endpointslice-controller.k8s.io");
    REQUIRE(slice->endpoints.size() == 2);
    CHECK(slice->endpoints[0].ready);
    CHECK(slice->ports.at(0).port == 9876);

    scaleRC(c.sim, "rcsise", 1);
    c.sim.runFor(SimTime::ms(500));  // the deleted pod is still stopping
    slice = c.sim.api().get<EndpointSlice>("default", slice->meta.name);
    REQUIRE(slice->endpoints.size() == 2);
    int terminating = 0;
    for (const auto& e : slice->endpoints)
        if (e.terminating) {
            ++terminating;
            CHECK_FALSE(e.ready);
            CHECK(e.serving);
        }
    CHECK(terminating == 1);
    // Endpoints drop a terminating pod at once.
    CHECK(onlySubset(c.sim)->addresses.size() == 1);

    const std::string sliceName = slice->meta.name;
    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::Service, "default", "simpleservice", "test").has_value());
    c.sim.runFor(SimTime::s(1));
    CHECK(c.sim.api().get<EndpointSlice>("default", sliceName) == nullptr);
}

TEST_CASE("endpoint addresses are sorted by their text, as Kubernetes compares IP strings bytewise") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(9), "test").ok());
    REQUIRE(c.sim.api().create(siseService(), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const EndpointSubset* sub = onlySubset(c.sim);
    REQUIRE(sub != nullptr);
    CHECK(ips(sub->addresses) == std::vector<std::string>{"172.17.0.10", "172.17.0.11", "172.17.0.3", "172.17.0.4", "172.17.0.5",
                                                          "172.17.0.6", "172.17.0.7", "172.17.0.8", "172.17.0.9"});
}
