#include <doctest/doctest.h>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/what_if.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

namespace {
Pod barePod(const std::string& name) {
    Pod p;
    p.meta.name = name;
    p.meta.labels = {{"app", "bare"}};
    p.spec = siseTemplate().spec;
    return p;
}

std::vector<std::string> reasons(Simulation& sim, const std::string& pod) {
    std::vector<std::string> out;
    for (const KubeEvent* e : eventsFor(sim, "Pod", "default", pod)) out.push_back(e->reason);
    return out;
}
} // namespace

TEST_CASE("a pod goes through Pending with ContainerCreating to Running with an IP, a start time and container ids") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(barePod("web"), "test").ok());
    c.sim.runFor(SimTime::ms(500));  // scheduled and admitted, sandbox not ready yet
    const Pod* p = c.sim.api().get<Pod>("default", "web");
    REQUIRE(p != nullptr);
    CHECK(p->status.phase == "Pending");
    REQUIRE(p->status.containerStatuses.size() == 1);
    CHECK(p->status.containerStatuses[0].reason == "ContainerCreating");
    CHECK(p->status.podIP.empty());
    CHECK(p->status.startTime.has_value());

    c.sim.runFor(SimTime::s(5));
    p = c.sim.api().get<Pod>("default", "web");
    CHECK(p->status.phase == "Running");
    CHECK(p->status.podIP == "10.244.1.2");
    CHECK(p->status.hostIP == "172.18.0.3");
    const ContainerStatus& cs = p->status.containerStatuses[0];
    CHECK(cs.state == "running");
    CHECK(cs.ready);
    CHECK(cs.containerID.rfind("containerd://", 0) == 0);
    CHECK(cs.containerID.size() == std::string("containerd://").size() + 64);
    CHECK(cs.image == "docker.io/mhausenblas/simpleservice:0.5.0");
    CHECK(cs.imageID.rfind("docker.io/mhausenblas/simpleservice@sha256:", 0) == 0);
    std::vector<std::string> types;
    for (const auto& cond : p->status.conditions) types.push_back(cond.type + "=" + cond.status);
    CHECK(types == std::vector<std::string>{"PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True",
                                            "PodScheduled=True"});
    CHECK(reasons(c.sim, "web") == std::vector<std::string>{"Scheduled", "Pulling", "Pulled", "Created", "Started"});
    auto events = eventsFor(c.sim, "Pod", "default", "web");
    CHECK(events[2]->message.rfind("Successfully pulled image \"mhausenblas/simpleservice:0.5.0\" in ", 0) == 0);
    CHECK(events[3]->message == "Created container sise");
    CHECK(events[3]->fieldPath == "spec.containers{sise}");
}

TEST_CASE("a second pod with the same image on a node finds it already present") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(barePod("one"), "test").ok());
    c.sim.runFor(SimTime::s(5));
    REQUIRE(c.sim.api().create(barePod("two"), "test").ok());
    c.sim.runFor(SimTime::s(5));
    CHECK(reasons(c.sim, "two") == std::vector<std::string>{"Scheduled", "Pulled", "Created", "Started"});
    CHECK(eventsFor(c.sim, "Pod", "default", "two")[1]->message ==
          "Container image \"mhausenblas/simpleservice:0.5.0\" already present on machine");
    CHECK(eventsFor(c.sim, "Pod", "default", "two")[2]->message.rfind("Created container with docker id ", 0) == 0);
}

TEST_CASE("a deleted pod is Terminating for a moment, then gone and its address free again") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(barePod("web"), "test").ok());
    c.sim.runFor(SimTime::s(5));
    REQUIRE(c.sim.api().get<Pod>("default", "web")->status.podIP == "172.17.0.3");
    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::Pod, "default", "web", "test").has_value());
    c.sim.runFor(SimTime::s(1));
    const Pod* p = c.sim.api().get<Pod>("default", "web");
    REQUIRE(p != nullptr);
    CHECK(p->meta.deletionTimestamp.has_value());
    CHECK(reasons(c.sim, "web").back() == "Killing");
    c.sim.runFor(SimTime::s(3));
    CHECK(c.sim.api().get<Pod>("default", "web") == nullptr);
    REQUIRE(c.sim.api().create(barePod("next"), "test").ok());
    c.sim.runFor(SimTime::s(5));
    CHECK(c.sim.api().get<Pod>("default", "next")->status.podIP == "172.17.0.3");
}

TEST_CASE("a failing liveness probe restarts the container and counts the restart") {
    BootedCluster c("modern");
    Pod pod = barePod("web");
    Probe probe;
    probe.path = "/health";
    probe.port = IntOrString::ofInt(9876);
    probe.initialDelaySeconds = 2;
    probe.periodSeconds = 5;
    probe.failureThreshold = 2;
    pod.spec.containers[0].livenessProbe = probe;
    REQUIRE(c.sim.api().create(pod, "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0].restartCount == 0);
    REQUIRE_FALSE(setPodLivenessFailing(c.sim, "default/web", true).has_value());
    c.sim.runFor(SimTime::s(12));
    const ContainerStatus& cs = c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0];
    CHECK(cs.restartCount == 1);
    CHECK(cs.lastState == "terminated");
    auto r = reasons(c.sim, "web");
    CHECK(std::count(r.begin(), r.end(), "Unhealthy") == 1);  // aggregated: one row, count 2
    CHECK(std::count(r.begin(), r.end(), "Killing") == 1);
    REQUIRE_FALSE(setPodLivenessFailing(c.sim, "default/web", false).has_value());
    c.sim.runFor(SimTime::s(30));
    CHECK(c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0].restartCount == 1);
    CHECK(c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0].state == "running");
}

TEST_CASE("what-if controls refuse unknown pods and nodes") {
    BootedCluster c("legacy");
    auto e = setPodReadinessFailing(c.sim, "default/nope", true);
    REQUIRE(e.has_value());
    CHECK(e->message == "pods \"nope\" not found");
    auto n = setNodeDown(c.sim, "ghost", true);
    REQUIRE(n.has_value());
    CHECK(n->message == "nodes \"ghost\" not found");
    CHECK(c.sim.state().controllers.readinessFailing.empty());
}

TEST_CASE("a container that keeps failing its liveness probe backs off between restarts") {
    BootedCluster c("legacy");
    Pod pod = barePod("web");
    Probe probe;
    probe.periodSeconds = 1;
    probe.failureThreshold = 1;
    pod.spec.containers[0].livenessProbe = probe;
    REQUIRE(c.sim.api().create(pod, "test").ok());
    c.sim.runFor(SimTime::s(5));
    REQUIRE_FALSE(setPodLivenessFailing(c.sim, "default/web", true).has_value());
    c.sim.runFor(SimTime::s(3));  // killed once, restarted at once, killed again
    const ContainerStatus* cs = &c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0];
    CHECK(cs->restartCount == 2);
    CHECK(cs->state == "waiting");
    CHECK(cs->reason == "CrashLoopBackOff");
    c.sim.runFor(SimTime::s(5));  // still within the 10 s back-off
    cs = &c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0];
    CHECK(cs->restartCount == 2);
    CHECK(cs->reason == "CrashLoopBackOff");
    auto r = reasons(c.sim, "web");
    CHECK(std::count(r.begin(), r.end(), "BackOff") == 1);
    c.sim.runFor(SimTime::s(10));
    CHECK(c.sim.api().get<Pod>("default", "web")->status.containerStatuses[0].restartCount == 3);
}
