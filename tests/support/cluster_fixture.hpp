#pragma once
// Helpers for tests that need a booted cluster and a few workload objects.
#include <string>
#include <vector>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns::test {

inline ClusterConfig profileConfig(const std::string& name) {
    auto c = builtinProfile(name);
    REQUIRE(c.has_value());
    return *c;
}

// A booted built-in cluster.
struct BootedCluster {
    Simulation sim;
    explicit BootedCluster(const std::string& profile, std::uint64_t seed = 1, Reservations r = {})
        : sim(profileConfig(profile), seed, std::move(r)) {
        bootCluster(sim);
    }
};

inline PodTemplateSpec siseTemplate(const std::string& app = "sise", const std::string& image = "mhausenblas/simpleservice:0.5.0") {
    PodTemplateSpec t;
    t.meta.labels = {{"app", app}};
    Container c;
    c.name = "sise";
    c.image = image;
    c.ports = {ContainerPort{"", 9876, 0, "TCP"}};
    t.spec.containers = {c};
    return t;
}

inline ReplicationController siseRC(int replicas, const std::string& name = "rcsise", const std::string& app = "sise") {
    ReplicationController rc;
    rc.meta.name = name;
    rc.replicas = replicas;
    rc.selector = {{"app", app}};
    rc.tmpl = siseTemplate(app);
    return rc;
}

inline Service siseService(const std::string& name = "simpleservice", const std::string& app = "sise") {
    Service s;
    s.meta.name = name;
    ServicePort p;
    p.port = 80;
    p.targetPort = IntOrString::ofInt(9876);
    s.ports = {p};
    s.selector = {{"app", app}};
    return s;
}

inline std::vector<const Pod*> podsWith(Simulation& sim, const std::string& app, const std::string& ns = "default") {
    LabelSelector sel{{{"app", app}}, {}};
    return sim.api().list<Pod>(ns, &sel);
}

inline int readyPods(Simulation& sim, const std::string& app) {
    int n = 0;
    for (const Pod* p : podsWith(sim, app))
        if (p->status.isReady() && !p->meta.deletionTimestamp) ++n;
    return n;
}

inline void scaleRC(Simulation& sim, const std::string& name, int replicas) {
    ReplicationController rc = *sim.api().get<ReplicationController>("default", name);
    rc.replicas = replicas;
    REQUIRE_FALSE(sim.api().update(rc, "test", true).has_value());
}

} // namespace kns::test
