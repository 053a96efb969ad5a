#include <doctest/doctest.h>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/kubectl/printers/describe.hpp>

#include "seed_fixture.hpp"

using namespace kns;
using namespace kns::printers;
using namespace kns::testing;

TEST_CASE("legacy describe pod starts exactly as the seed shows") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(90));
    const auto out = describe(sim, Kind::Pod, "default/rcsise-6nq3k");
    REQUIRE(out);
    const std::string seed =
        "Name:                   rcsise-6nq3k\n"
        "Namespace:              default\n"
        "Security Policy:        restricted\n"
        "Node:                   localhost/192.168.99.100\n"
        "Start Time:             Tue, 25 Apr 2017 14:47:45 +0100\n"
        "Labels:                 app=sise\n"
        "Status:                 Running\n"
        "IP:                     172.17.0.3\n"
        "Controllers:            ReplicationController/rcsise\n"
        "Containers:\n";
    CHECK(out->substr(0, seed.size()) == seed);
}

TEST_CASE("legacy describe svc matches the seed byte for byte") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(300));
    const auto out = describe(sim, Kind::Service, "default/simpleservice");
    REQUIRE(out);
    CHECK(*out ==
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
}

TEST_CASE("legacy describe pod lists containers, conditions and events as kubectl 1.5 does") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart());
    const Pod& pod = sim.objects().pods.at("default/rcsise-6nq3k");
    const ObjectReference ref{"Pod", "default", "rcsise-6nq3k", pod.meta.uid};
    recordEvent(sim, ref, "Normal", "Scheduled", "Successfully assigned rcsise-6nq3k to localhost", "default-scheduler");
    sim.runUntil(seedPodStart() + SimTime::s(2));
    recordEvent(sim, ref, "Normal", "Pulled", "Container image \"mhausenblas/simpleservice:0.5.0\" already present on machine", "kubelet",
                "localhost", "spec.containers{sise}");
    sim.runUntil(seedPodStart() + SimTime::s(90));
    const auto out = describe(sim, Kind::Pod, "default/rcsise-6nq3k");
    REQUIRE(out);
    const std::string tail = out->substr(out->find("Containers:\n"));
    CHECK(tail ==
          "Containers:\n"
          "  sise:\n"
          "    Container ID:               docker://4b1bc0b1d5e2\n"
          "    Image:                      mhausenblas/simpleservice:0.5.0\n"
          "    Image ID:                   docker-pullable://docker.io/mhausenblas/simpleservice@sha256:0b3f0b6e5b0e\n"
          "    Port:                       9876/TCP\n"
          "    State:                      Running\n"
          "      Started:                  Tue, 25 Apr 2017 14:47:49 +0100\n"
          "    Ready:                      True\n"
          "    Restart Count:              0\n"
          "    Volume Mounts:              <none>\n"
          "    Environment Variables:      <none>\n"
          "Conditions:\n"
          "  Type          Status\n"
          "  Initialized   True \n"
          "  Ready         True \n"
          "  PodScheduled  True \n"
          "No volumes.\n"
          "QoS Class:      BestEffort\n"
          "Tolerations:    <none>\n"
          "Events:\n"
          "  FirstSeen     LastSeen        Count   From                    SubObjectPath           Type            Reason          Message\n"
          "  ---------     --------        -----   ----                    -------------           --------        ------          -------\n"
          "  1m            1m              1       {default-scheduler }                            Normal          Scheduled       Successfully assigned rcsise-6nq3k to localhost\n"
          "  1m            1m              1       {kubelet localhost}     spec.containers{sise}   Normal          Pulled          Container image \"mhausenblas/simpleservice:0.5.0\" already present on machine\n");
}
