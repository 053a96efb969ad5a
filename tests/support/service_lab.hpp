#pragma once
// A booted cluster running the tutorial's ReplicationController (N replicas of simpleservice)
// and, unless told otherwise, its Service: the starting point of the data-plane tests.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "cluster_fixture.hpp"

namespace kns::test {

struct ServiceLab {
    BootedCluster cluster;
    Simulation& sim;
    std::string vip;  // the Service's ClusterIP ("" without the Service)

    ServiceLab(const std::string& profile, int replicas, std::uint64_t seed, bool withService = true) : cluster(profile, seed), sim(cluster.sim) {
        REQUIRE(sim.api().create(siseRC(replicas), "test").ok());
        if (withService) {
            REQUIRE(sim.api().create(siseService(), "test").ok());
            vip = sim.api().get<Service>("default", "simpleservice")->clusterIP;
        }
        sim.runFor(SimTime::s(30));
        REQUIRE(readyPods(sim, "sise") == replicas);
    }
    std::vector<const Pod*> pods() { return podsWith(sim, "sise"); }
};

} // namespace kns::test
