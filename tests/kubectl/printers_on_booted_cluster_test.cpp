// The printers over a cluster booted from the legacy profile and driven by the controllers, the
// way the shell will use them: the seed's tables and descriptions come out of the simulation.
#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/describe.hpp>
#include <kubenetsim/kubectl/printers/get_tables.hpp>

#include "../support/cluster_fixture.hpp"
#include "seed_fixture.hpp"

using namespace kns;
using namespace kns::printers;

namespace {

Reservations seedReservations() {
    Reservations r;
    r.clusterIPs["default/simpleservice"] = "172.30.228.255";
    r.podNames = {"rcsise-6nq3k", "rcsise-nv8zm"};
    return r;
}

void applySeedObjects(Simulation& sim) {
    ReplicationController rc = kns::test::siseRC(1);
    rc.meta.ns = "default";
    rc.meta.labels = {{"app", "sise"}};
    REQUIRE(sim.api().create(rc, "kubectl").ok());
    Service svc = kns::test::siseService();
    svc.meta.ns = "default";
    REQUIRE(sim.api().create(svc, "kubectl").ok());
}

} // namespace

TEST_CASE("the booted legacy cluster prints the seed's get pods and get svc lines") {
    kns::test::BootedCluster c("legacy", 1, seedReservations());
    Simulation& sim = c.sim;
    applySeedObjects(sim);
    sim.runFor(SimTime::s(5));
    LabelSelector sise{{{"app", "sise"}}, {}};
    std::vector<std::string> podKeys;
    for (const Pod* p : sim.api().list<Pod>("default", &sise)) podKeys.push_back(objectKey(*p));
    REQUIRE(podKeys.size() == 1);
    sim.runUntil(sim.objects().pods.at(podKeys[0]).meta.creationTimestamp + SimTime::s(57));
    CHECK(printTable(sim, Kind::Pod, podKeys, {}) ==
          "NAME           READY     STATUS    RESTARTS   AGE\n"
          "rcsise-6nq3k   1/1       Running   0          57s\n");

    sim.runFor(SimTime::s(5 * 60 - 57));
    std::string svc = printTable(sim, Kind::Service, kns::testing::keysOf<Service>(sim), {});
    CHECK(svc.rfind("NAME              CLUSTER-IP       EXTERNAL-IP   PORT(S)                   AGE\n", 0) == 0);
    CHECK(svc.find("\nsimpleservice     172.30.228.255   <none>        80/TCP                    5m\n") != std::string::npos);
}

TEST_CASE("the booted legacy cluster describes the seed's service and pod as the seed shows") {
    kns::test::BootedCluster c("legacy", 1, seedReservations());
    Simulation& sim = c.sim;
    applySeedObjects(sim);
    sim.runFor(SimTime::s(60));
    CHECK(describe(sim, Kind::Service, "default/simpleservice").value_or("") ==
          "Name:                   simpleservice\n"
          "Namespace:              default\n"
          "Labels:                 <none>\n"
          "Selector:               app=sise\n"
          "Type:                   ClusterIP\n"
          "IP:                     172.30.228.255\n"
          "Port:                   <unset> 80/TCP\n"
          "Endpoints:              172.17.0.3:9876\n"
          "Session Affinity:       None\n"
          "No events.");
    const std::string pod = describe(sim, Kind::Pod, "default/rcsise-6nq3k").value_or("");
    CHECK(pod.rfind("Name:                   rcsise-6nq3k\n"
                    "Namespace:              default\n"
                    "Security Policy:        restricted\n"
                    "Node:                   localhost/192.168.99.100\n"
                    "Start Time:             Tue, 25 Apr 2017 ",
                    0) == 0);
    CHECK(pod.find("Labels:                 app=sise\n"
                   "Status:                 Running\n"
                   "IP:                     172.17.0.3\n"
                   "Controllers:            ReplicationController/rcsise\n"
                   "Containers:\n") != std::string::npos);
}

TEST_CASE("the booted modern cluster lists its kind nodes with roles and version") {
    kns::test::BootedCluster c("modern", 1);
    Simulation& sim = c.sim;
    sim.runFor(SimTime::minutes(10));
    CHECK(printTable(sim, Kind::Node, kns::testing::keysOf<Node>(sim, ""), {}) ==
          "NAME                 STATUS   ROLES           AGE   VERSION\n"
          "kind-control-plane   Ready    control-plane   10m   v1.30.0\n"
          "kind-worker          Ready    <none>          10m   v1.30.0\n"
          "kind-worker2         Ready    <none>          10m   v1.30.0\n");
    const std::string node = describe(sim, Kind::Node, "kind-worker").value_or("");
    CHECK(node.rfind("Name:               kind-worker\nRoles:              <none>\n", 0) == 0);
    CHECK(node.find("  Kubelet Version:            v1.30.0\n") != std::string::npos);
    CHECK(node.find("  memory             ") != std::string::npos);  // Allocated resources table
}

TEST_CASE("the booted modern cluster's kube-system pods are all listed with a NAMESPACE column") {
    kns::test::BootedCluster c("modern", 1);
    Simulation& sim = c.sim;
    sim.runFor(SimTime::minutes(1));
    TableOptions o;
    o.allNamespaces = true;
    const std::string out = printTable(sim, Kind::Pod, kns::testing::keysOf<Pod>(sim, ""), o);
    REQUIRE_FALSE(out.empty());
    CHECK(out.rfind("NAMESPACE ", 0) == 0);
    std::size_t rows = 0;
    for (char ch : out) rows += ch == '\n';
    CHECK(rows == sim.objects().pods.size() + 1);
    CHECK(out.find("kube-system") != std::string::npos);
}
