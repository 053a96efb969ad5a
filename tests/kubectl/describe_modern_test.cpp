#include <doctest/doctest.h>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/kubectl/printers/describe.hpp>

#include "seed_fixture.hpp"

using namespace kns;
using namespace kns::printers;
using namespace kns::testing;

namespace {

// The tutorial's objects in a modern-era simulation, 5 minutes after the pod started.
void buildModernSise(Simulation& sim) {
    buildLegacySeedCluster(sim);  // same objects; the era comes from the config
    auto& st = sim.state().objects;
    Pod& pod = st.pods.at("default/rcsise-6nq3k");
    pod.meta.annotations.clear();
    pod.spec.nodeName = "kind-worker";
    pod.status.hostIP = "172.18.0.3";
    pod.status.podIP = "10.244.1.2";
    pod.status.containerStatuses[0].containerID = "containerd://9f2c";
    pod.status.containerStatuses[0].imageID = "quay.io/openshiftlabs/simpleservice@sha256:72bf";
    pod.spec.containers[0].image = "quay.io/openshiftlabs/simpleservice:0.5.0";
    st.replicationControllers.at("default/rcsise").tmpl.spec.containers[0].image = "quay.io/openshiftlabs/simpleservice:0.5.0";
    st.services.at("default/simpleservice").clusterIP = "10.96.43.21";
    st.endpoints.at("default/simpleservice").subsets[0].addresses[0].ip = "10.244.1.2";
    sim.runUntil(seedPodStart() + SimTime::s(300));
}

} // namespace

TEST_CASE("modern describe pod follows kubectl 1.30's layout") {
    Simulation sim(modernConfig(), 1);
    buildModernSise(sim);
    const auto out = describe(sim, Kind::Pod, "default/rcsise-6nq3k");
    REQUIRE(out);
    CHECK(*out ==
          "Name:             rcsise-6nq3k\n"
          "Namespace:        default\n"
          "Priority:         0\n"
          "Service Account:  default\n"
          "Node:             kind-worker/172.18.0.3\n"
          "Start Time:       Sat, 01 Jun 2024 12:07:45 +0000\n"
          "Labels:           app=sise\n"
          "Annotations:      <none>\n"
          "Status:           Running\n"
          "IP:               10.244.1.2\n"
          "IPs:\n"
          "  IP:           10.244.1.2\n"
          "Controlled By:  ReplicationController/rcsise\n"
          "Containers:\n"
          "  sise:\n"
          "    Container ID:   containerd://9f2c\n"
          "    Image:          quay.io/openshiftlabs/simpleservice:0.5.0\n"
          "    Image ID:       quay.io/openshiftlabs/simpleservice@sha256:72bf\n"
          "    Port:           9876/TCP\n"
          "    Host Port:      0/TCP\n"
          "    State:          Running\n"
          "      Started:      Sat, 01 Jun 2024 12:07:49 +0000\n"
          "    Ready:          True\n"
          "    Restart Count:  0\n"
          "    Environment:    <none>\n"
          "    Mounts:         <none>\n"
          "Conditions:\n"
          "  Type           Status\n"
          "  Initialized    True \n"
          "  Ready          True \n"
          "  PodScheduled   True \n"
          "Volumes:         <none>\n"
          "QoS Class:       BestEffort\n"
          "Node-Selectors:  <none>\n"
          "Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
          "                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
          "Events:          <none>\n");
}

TEST_CASE("modern describe svc shows IP families, target port and traffic policy") {
    Simulation sim(modernConfig(), 1);
    buildModernSise(sim);
    const auto out = describe(sim, Kind::Service, "default/simpleservice");
    REQUIRE(out);
    CHECK(*out ==
          "Name:                     simpleservice\n"
          "Namespace:                default\n"
          "Labels:                   <none>\n"
          "Annotations:              <none>\n"
          "Selector:                 app=sise\n"
          "Type:                     ClusterIP\n"
          "IP Family Policy:         SingleStack\n"
          "IP Families:              IPv4\n"
          "IP:                       10.96.43.21\n"
          "IPs:                      10.96.43.21\n"
          "Port:                     <unset>  80/TCP\n"
          "TargetPort:               9876/TCP\n"
          "Endpoints:                10.244.1.2:9876\n"
          "Session Affinity:         None\n"
          "Internal Traffic Policy:  Cluster\n"
          "Events:                   <none>\n");
}

TEST_CASE("modern describe rc shows the pod template and aggregated events") {
    Simulation sim(modernConfig(), 1);
    buildModernSise(sim);
    const ObjectReference ref{"ReplicationController", "default", "rcsise", "uid-rcsise"};
    recordEvent(sim, ref, "Normal", "SuccessfulCreate", "Created pod: rcsise-6nq3k", "replication-controller");
    sim.runUntil(sim.now() + SimTime::s(60));
    recordEvent(sim, ref, "Normal", "SuccessfulCreate", "Created pod: rcsise-6nq3k", "replication-controller");
    sim.runUntil(sim.now() + SimTime::s(30));
    const auto out = describe(sim, Kind::ReplicationController, "default/rcsise");
    REQUIRE(out);
    CHECK(*out ==
          "Name:         rcsise\n"
          "Namespace:    default\n"
          "Selector:     app=sise\n"
          "Labels:       app=sise\n"
          "Annotations:  <none>\n"
          "Replicas:     1 current / 1 desired\n"
          "Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"
          "Pod Template:\n"
          "  Labels:  app=sise\n"
          "  Containers:\n"
          "   sise:\n"
          "    Image:         quay.io/openshiftlabs/simpleservice:0.5.0\n"
          "    Port:          9876/TCP\n"
          "    Host Port:     0/TCP\n"
          "    Environment:   <none>\n"
          "    Mounts:        <none>\n"
          "  Volumes:         <none>\n"
          "  Node-Selectors:  <none>\n"
          "  Tolerations:     <none>\n"
          "Events:\n"
          "  Type    Reason            Age                From                    Message\n"
          "  ----    ------            ----               ----                    -------\n"
          "  Normal  SuccessfulCreate  30s (x2 over 90s)  replication-controller  Created pod: rcsise-6nq3k\n");
}

TEST_CASE("modern describe endpoints lists subsets with a ports table") {
    Simulation sim(modernConfig(), 1);
    buildModernSise(sim);
    const auto out = describe(sim, Kind::Endpoints, "default/simpleservice");
    REQUIRE(out);
    CHECK(*out ==
          "Name:         simpleservice\n"
          "Namespace:    default\n"
          "Labels:       <none>\n"
          "Annotations:  <none>\n"
          "Subsets:\n"
          "  Addresses:          10.244.1.2\n"
          "  NotReadyAddresses:  <none>\n"
          "  Ports:\n"
          "    Name     Port  Protocol\n"
          "    ----     ----  --------\n"
          "    <unset>  9876  TCP\n"
          "\n"
          "Events:  <none>\n");
}

TEST_CASE("describing a missing object gives nothing and several objects are separated by a blank line") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    CHECK_FALSE(describe(sim, Kind::Pod, "default/nope"));
    const std::string two = describeAll(sim, Kind::Service, {"default/router", "default/nope", "default/simpleservice"});
    CHECK(two.find("No events.\n\nName:                   simpleservice\n") != std::string::npos);
}

TEST_CASE("legacy describe of a pod being deleted shows when its grace period expires") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.state().objects.pods.at("default/rcsise-6nq3k").meta.deletionTimestamp = seedPodStart() + SimTime::s(630);
    const auto out = describe(sim, Kind::Pod, "default/rcsise-6nq3k");
    REQUIRE(out);
    CHECK(out->find("Status:                         Terminating (expires Tue, 25 Apr 2017 14:58:15 +0100)\n"
                    "Termination Grace Period:       30s\n") != std::string::npos);
}

TEST_CASE("a service without endpoints describes them as none") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.state().objects.endpoints.erase("default/simpleservice");
    const auto out = describe(sim, Kind::Service, "default/simpleservice");
    REQUIRE(out);
    CHECK(out->find("Endpoints:              <none>\n") != std::string::npos);
}

TEST_CASE("describe node reports the pods it runs with their resource share") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era);
        Simulation sim(era == Era::Legacy ? legacySeedConfig() : modernConfig(), 1);
        buildLegacySeedCluster(sim);
        auto& st = sim.state().objects;
        st.nodes.at("localhost").status.allocatable = {{"cpu", "2"}, {"memory", "2Gi"}, {"pods", "110"}};
        st.pods.at("default/rcsise-6nq3k").spec.containers[0].requests = {"500m", "512Mi"};
        const auto out = describe(sim, Kind::Node, "localhost");
        REQUIRE(out);
        CHECK(out->find("Non-terminated Pods:") != std::string::npos);
        CHECK(out->find("rcsise-6nq3k") != std::string::npos);
        CHECK(out->find("500m (25%)") != std::string::npos);
        CHECK(out->find("512Mi (25%)") != std::string::npos);
    }
}
