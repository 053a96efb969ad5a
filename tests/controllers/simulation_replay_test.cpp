#include <doctest/doctest.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/controllers/control_plane.hpp>
#include <kubenetsim/controllers/what_if.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

namespace {

// A small workload with every controller busy: an RC, a service, a readiness flip, a scale.
void workload(Simulation& sim) {
    REQUIRE(sim.api().create(siseRC(2), "test").ok());
    REQUIRE(sim.api().create(siseService(), "test").ok());
    sim.runFor(SimTime::s(8));
    const std::string first = objectKey(*podsWith(sim, "sise").front());
    REQUIRE_FALSE(setPodReadinessFailing(sim, first, true).has_value());
    sim.runFor(SimTime::s(3));
    scaleRC(sim, "rcsise", 3);
    sim.runFor(SimTime::s(8));
}

std::vector<std::string> podNames(Simulation& sim) {
    std::vector<std::string> out;
    for (const Pod* p : podsWith(sim, "sise")) out.push_back(p->meta.name);
    return out;
}

struct Run {
    std::string fingerprint;
    std::vector<std::string> names;
};

Run runOnce(const std::string& profile, std::uint64_t seed) {
    FingerprintSink fp;
    Simulation sim(profileConfig(profile), seed);
    sim.observers().attach(&fp);
    bootCluster(sim);
    workload(sim);
    return {fp.hex(), podNames(sim)};
}

} // namespace

TEST_CASE("two runs with the same seed give the same fingerprint; another seed gives other names") {
    for (const char* profile : {"legacy", "modern"}) {
        CAPTURE(profile);
        const Run a = runOnce(profile, 7), b = runOnce(profile, 7), other = runOnce(profile, 8);
        CHECK(a.fingerprint == b.fingerprint);
        CHECK(a.names == b.names);
        CHECK(a.names != other.names);
        CHECK(a.fingerprint != other.fingerprint);
    }
}

TEST_CASE("a restored snapshot continues exactly as the original run does") {
    Simulation original(profileConfig("modern"), 11);
    bootCluster(original);
    REQUIRE(original.api().create(siseRC(2), "test").ok());
    REQUIRE(original.api().create(siseService(), "test").ok());
    original.runFor(SimTime::s(2));  // mid-flight: pods starting, syncs pending
    const Simulation::Snapshot snap = original.snapshot();
    REQUIRE(original.kernel().pendingCount() > 0);

    Simulation copy(profileConfig("modern"), 999);  // the seed is part of the snapshot
    registerProcesses(copy);  // every process's handler, data plane included
    copy.restore(snap);

    FingerprintSink fa, fb;
    original.observers().attach(&fa);
    copy.observers().attach(&fb);
    for (Simulation* sim : {&original, &copy}) {
        sim->runFor(SimTime::s(5));
        scaleRC(*sim, "rcsise", 4);
        REQUIRE_FALSE(setNodeDown(*sim, "kind-worker", true).has_value());
        sim->runFor(SimTime::minutes(6));
    }
    CHECK(fa.count() > 50);
    CHECK(fa.hex() == fb.hex());
    CHECK(podNames(original) == podNames(copy));
}
