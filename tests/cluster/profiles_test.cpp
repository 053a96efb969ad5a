#include <doctest/doctest.h>

#include <kubenetsim/cluster/events.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

TEST_CASE("an unknown profile name gives no configuration") { CHECK_FALSE(builtinProfile("nope").has_value()); }

TEST_CASE("the legacy profile is the seed's single OpenShift node with its system services") {
    BootedCluster c("legacy");
    const ClusterConfig& cfg = c.sim.config();
    CHECK(cfg.era == Era::Legacy);
    CHECK(cfg.kubernetesVersion == "v1.5.2+43a9be4");
    CHECK(cfg.prompt == "[cluster] $ ");
    REQUIRE(cfg.nodes.size() == 1);
    const NodeDef& n = cfg.nodes.front();
    CHECK(n.name == "localhost");
    CHECK(n.internalIP == "192.168.99.100");
    CHECK(n.podGateway == "172.17.0.1");

    Api api = c.sim.api();
    for (const char* ns : {"default", "kube-system", "openshift", "openshift-infra"}) CHECK(api.get<Namespace>("", ns) != nullptr);
    const Node* node = api.get<Node>("", "localhost");
    REQUIRE(node != nullptr);
    CHECK(node->isReady());
    CHECK(node->internalIP() == "192.168.99.100");

    const Service* k = api.get<Service>("default", "kubernetes");
    REQUIRE(k != nullptr);
    CHECK(k->clusterIP == "172.30.0.1");
    REQUIRE(k->ports.size() == 3);
    CHECK(k->ports[1].port == 53);
    CHECK(k->ports[1].protocol == "UDP");
    REQUIRE(api.get<Service>("default", "docker-registry") != nullptr);
    CHECK(api.get<Service>("default", "router")->ports.size() == 3);

    const Pod* registry = api.get<Pod>("default", "docker-registry-1-qj5tw");
    REQUIRE(registry != nullptr);
    CHECK(registry->status.podIP == "172.17.0.2");
    CHECK(registry->status.isReady());
    const Pod* router = api.get<Pod>("default", "router-1-8kk6z");
    REQUIRE(router != nullptr);
    CHECK(router->status.podIP == "192.168.99.100");

    const Endpoints* ep = api.get<Endpoints>("default", "docker-registry");
    REQUIRE(ep != nullptr);
    REQUIRE(ep->subsets.size() == 1);
    REQUIRE(ep->subsets[0].addresses.size() == 1);
    CHECK(ep->subsets[0].addresses[0].ip == "172.17.0.2");
    CHECK(ep->subsets[0].ports[0].port == 5000);
    CHECK(api.list<EndpointSlice>().empty());  // no EndpointSlices in 1.5
}

TEST_CASE("the legacy profile gives the tutorial's first pod 172.17.0.3 under its pinned name") {
    Reservations r;
    r.podNames = {"rcsise-6nq3k", "rcsise-nv8zm"};
    BootedCluster c("legacy", 42, r);
    REQUIRE(c.sim.api().create(siseRC(1), "kubectl").ok());
    c.sim.runFor(SimTime::s(10));
    const Pod* first = c.sim.api().get<Pod>("default", "rcsise-6nq3k");
    REQUIRE(first != nullptr);
    CHECK(first->status.podIP == "172.17.0.3");
    CHECK(first->status.hostIP == "192.168.99.100");
    auto events = eventsFor(c.sim, "Pod", "default", "rcsise-6nq3k");
    REQUIRE_FALSE(events.empty());
    CHECK(events.front()->reason == "Scheduled");
    CHECK(events.front()->message == "Successfully assigned rcsise-6nq3k to localhost");

    scaleRC(c.sim, "rcsise", 2);
    c.sim.runFor(SimTime::s(10));
    const Pod* second = c.sim.api().get<Pod>("default", "rcsise-nv8zm");
    REQUIRE(second != nullptr);
    CHECK(second->status.podIP == "172.17.0.4");
}

TEST_CASE("the modern profile is a kind cluster with CoreDNS behind kube-dns") {
    BootedCluster c("modern");
    Api api = c.sim.api();
    CHECK(c.sim.config().kubernetesVersion == "v1.30.0");
    CHECK(api.list<Node>().size() == 3);
    CHECK(api.get<Node>("", "kind-worker2")->podCIDR == "10.244.2.0/24");
    CHECK(api.get<Service>("default", "kubernetes")->clusterIP == "10.96.0.1");
    const Service* dns = api.get<Service>("kube-system", "kube-dns");
    REQUIRE(dns != nullptr);
    CHECK(dns->clusterIP == "10.96.0.10");
    LabelSelector sel{{{"k8s-app", "kube-dns"}}, {}};
    auto pods = api.list<Pod>("kube-system", &sel);
    REQUIRE(pods.size() == 2);
    CHECK(pods[0]->status.podIP == "10.244.0.2");
    CHECK(pods[1]->status.podIP == "10.244.0.3");
    CHECK(pods[0]->status.isReady());
    const Endpoints* ep = api.get<Endpoints>("kube-system", "kube-dns");
    REQUIRE(ep != nullptr);
    REQUIRE(ep->subsets.size() == 1);
    CHECK(ep->subsets[0].addresses.size() == 2);
    CHECK(ep->subsets[0].ports.size() == 3);
    // The deployment controller adopted the profile's ReplicaSet rather than making another.
    CHECK(api.list<ReplicaSet>("kube-system").size() == 1);
    // kind preloads its images: no pulls at boot.
    auto events = eventsFor(c.sim, "Pod", "kube-system", pods[0]->meta.name);
    REQUIRE(events.size() >= 1);
    CHECK(events[0]->message == "Container image \"registry.k8s.io/coredns/coredns:v1.11.1\" already present on machine");

    const Pod* storage = api.get<Pod>("local-path-storage", "local-path-provisioner-7d4d9bdcc5-ws5rt");
    REQUIRE(storage != nullptr);
    CHECK(storage->status.podIP == "10.244.0.4");
    int hostNetwork = 0;
    for (const Pod* p : api.list<Pod>("kube-system")) {
        CHECK(p->status.phase == "Running");
        if (p->spec.hostNetwork) {
            ++hostNetwork;
            CHECK(p->status.podIP == p->status.hostIP);
        }
    }
    CHECK(hostNetwork == 10);  // etcd, apiserver, controller-manager, scheduler, 3 kindnet, 3 kube-proxy
}

TEST_CASE("a user's pods in the modern profile land on the workers, spread by load") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseRC(4), "test").ok());
    c.sim.runFor(SimTime::s(10));
    int onWorker = 0, onWorker2 = 0;
    for (const Pod* p : podsWith(c.sim, "sise")) {
        CHECK(p->spec.nodeName != "kind-control-plane");
        onWorker += p->spec.nodeName == "kind-worker";
        onWorker2 += p->spec.nodeName == "kind-worker2";
    }
    CHECK(onWorker == 2);
    CHECK(onWorker2 == 2);
    auto events = eventsFor(c.sim, "Pod", "default", podsWith(c.sim, "sise").front()->meta.name);
    REQUIRE_FALSE(events.empty());
    CHECK(events.front()->message.rfind("Successfully assigned default/rcsise-", 0) == 0);
}

TEST_CASE("legacy pods are admitted under an OpenShift security context constraint") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseRC(1), "kubectl").ok());
    c.sim.runFor(SimTime::s(5));
    CHECK(podsWith(c.sim, "sise").front()->meta.annotations.at("openshift.io/scc") == "restricted");
    CHECK(c.sim.api().get<Pod>("default", "router-1-8kk6z")->meta.annotations.at("openshift.io/scc") == "hostnetwork");
    BootedCluster m("modern");
    for (const Pod* p : m.sim.api().list<Pod>("kube-system")) CHECK(p->meta.annotations.count("openshift.io/scc") == 0);
}

TEST_CASE("a scenario's own cluster boots its nodes and the kubernetes service and runs pods") {
    ClusterConfig cfg;
    cfg.era = Era::Modern;
    NodeDef n;
    n.name = "node-a";
    n.internalIP = "192.168.1.10";
    n.podCIDR = "10.1.0.0/24";
    n.podGateway = "10.1.0.1";
    cfg.nodes = {n};
    cfg.serviceCIDR = "10.0.0.0/24";
    Simulation sim(cfg, 3);
    bootCluster(sim);
    REQUIRE(sim.api().get<Node>("", "node-a") != nullptr);
    CHECK(sim.api().get<Service>("default", "kubernetes")->clusterIP == "10.0.0.1");
    REQUIRE(sim.api().create(siseRC(1), "test").ok());
    sim.runFor(SimTime::s(10));
    REQUIRE(podsWith(sim, "sise").size() == 1);
    CHECK(podsWith(sim, "sise").front()->status.podIP == "10.1.0.2");
}
