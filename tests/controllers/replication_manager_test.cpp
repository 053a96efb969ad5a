#include <doctest/doctest.h>

#include <algorithm>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/garbage_collector.hpp>
#include <kubenetsim/controllers/what_if.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

TEST_CASE("a replication controller creates pods up to its replicas and they become ready") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(3), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto pods = podsWith(c.sim, "sise");
    REQUIRE(pods.size() == 3);
    const ReplicationController* rc = c.sim.api().get<ReplicationController>("default", "rcsise");
    for (const Pod* p : pods) {
        CHECK(p->status.phase == "Running");
        CHECK(p->status.isReady());
        const OwnerReference* ref = p->meta.controllerRef();
        REQUIRE(ref != nullptr);
        CHECK(ref->kind == "ReplicationController");
        CHECK(ref->uid == rc->meta.uid);
        CHECK(p->meta.name.rfind("rcsise-", 0) == 0);
        CHECK(p->meta.name.size() == std::string("rcsise-").size() + 5);
    }
    CHECK(rc->status.replicas == 3);
    CHECK(rc->status.readyReplicas == 3);
    CHECK(rc->status.availableReplicas == 3);
    auto events = eventsFor(c.sim, "ReplicationController", "default", "rcsise");
    REQUIRE(events.size() == 3);
    CHECK(events[0]->reason == "SuccessfulCreate");
    CHECK(events[0]->message == "Created pod: " + pods[0]->meta.name);
    CHECK(events[0]->sourceComponent == "replication-controller");
}

TEST_CASE("scaling a replication controller up adds pods and scaling down deletes the newest first") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(podsWith(c.sim, "sise").size() == 1);
    const std::string oldest = podsWith(c.sim, "sise").front()->meta.name;

    scaleRC(c.sim, "rcsise", 3);
    c.sim.runFor(SimTime::s(10));
    CHECK(readyPods(c.sim, "sise") == 3);

    scaleRC(c.sim, "rcsise", 1);
    c.sim.runFor(SimTime::ms(500));
    int terminating = 0;
    for (const Pod* p : podsWith(c.sim, "sise"))
        if (p->meta.deletionTimestamp) ++terminating;
    CHECK(terminating == 2);  // graceful: still listed while their containers stop
    c.sim.runFor(SimTime::s(10));
    auto pods = podsWith(c.sim, "sise");
    REQUIRE(pods.size() == 1);
    CHECK(pods.front()->meta.name == oldest);
    bool deletedEvent = false;
    for (const KubeEvent* e : eventsFor(c.sim, "ReplicationController", "default", "rcsise"))
        deletedEvent = deletedEvent || (e->reason == "SuccessfulDelete" && e->message.rfind("Deleted pod: rcsise-", 0) == 0);
    CHECK(deletedEvent);
    CHECK(c.sim.api().get<ReplicationController>("default", "rcsise")->status.replicas == 1);
}

TEST_CASE("scaling down prefers pods that are not ready over ready ones, whatever their age") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseRC(3), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto pods = podsWith(c.sim, "sise");
    REQUIRE(pods.size() == 3);
    // The oldest by name order is not necessarily the oldest by age; take the first listed.
    const std::string unready = pods.front()->meta.ns + "/" + pods.front()->meta.name;
    REQUIRE_FALSE(setPodReadinessFailing(c.sim, unready, true).has_value());
    c.sim.runFor(SimTime::s(2));
    scaleRC(c.sim, "rcsise", 2);
    c.sim.runFor(SimTime::ms(500));
    const Pod* p = c.sim.api().getByKey<Pod>(unready);
    REQUIRE(p != nullptr);
    CHECK(p->meta.deletionTimestamp.has_value());
}

TEST_CASE("deleting a replication controller takes its pods with it") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(2), "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(podsWith(c.sim, "sise").size() == 2);
    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::ReplicationController, "default", "rcsise", "test").has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(podsWith(c.sim, "sise").empty());
    // The system pods, owned by other controllers, are untouched.
    CHECK(c.sim.api().get<Pod>("default", "docker-registry-1-qj5tw") != nullptr);
}

TEST_CASE("a pod whose labels stop matching is released and replaced; a matching orphan is adopted") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    Pod pod = *podsWith(c.sim, "sise").front();
    pod.meta.labels["app"] = "other";
    REQUIRE_FALSE(c.sim.api().update(pod, "test").has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(c.sim.api().getByKey<Pod>(objectKey(pod))->meta.controllerRef() == nullptr);
    CHECK(readyPods(c.sim, "sise") == 1);

    // Relabel it back: now there are two matching pods for one replica; one goes.
    Pod back = *c.sim.api().getByKey<Pod>(objectKey(pod));
    back.meta.labels["app"] = "sise";
    REQUIRE_FALSE(c.sim.api().update(back, "test").has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(podsWith(c.sim, "sise").size() == 1);
}

TEST_CASE("pods orphaned before their replication controller is deleted keep running") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(2), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const std::string uid = c.sim.api().get<ReplicationController>("default", "rcsise")->meta.uid;
    CHECK(orphanDependents(c.sim, uid) == 2);
    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::ReplicationController, "default", "rcsise", "test").has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(readyPods(c.sim, "sise") == 2);
    for (const Pod* p : podsWith(c.sim, "sise")) CHECK(p->meta.ownerReferences.empty());
}
