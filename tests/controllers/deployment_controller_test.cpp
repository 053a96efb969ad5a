#include <doctest/doctest.h>

#include <algorithm>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/rollout.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;
using namespace kns::test;

namespace {

Deployment siseDeployment(int replicas, const std::string& image = "mhausenblas/simpleservice:0.5.0") {
    Deployment d;
    d.meta.name = "sise-deploy";
    d.replicas = replicas;
    d.selector.matchLabels = {{"app", "sise"}};
    d.tmpl = siseTemplate("sise", image);
    return d;
}

void setImage(Simulation& sim, const std::string& image, const std::string& cause = {}) {
    Deployment d = *sim.api().get<Deployment>("default", "sise-deploy");
    d.tmpl.spec.containers[0].image = image;
    if (!cause.empty()) d.meta.annotations["kubernetes.io/change-cause"] = cause;
    REQUIRE_FALSE(sim.api().update(d, "test", true).has_value());
}

std::vector<const ReplicaSet*> replicaSets(Simulation& sim) { return sim.api().list<ReplicaSet>("default"); }

std::vector<std::string> images(Simulation& sim) {
    std::vector<std::string> out;
    for (const Pod* p : podsWith(sim, "sise"))
        if (!p->meta.deletionTimestamp) out.push_back(p->spec.containers[0].image);
    return out;
}

} // namespace

TEST_CASE("a deployment runs its pods through a replica set named after the template hash") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseDeployment(2), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto sets = replicaSets(c.sim);
    REQUIRE(sets.size() == 1);
    const ReplicaSet& rs = *sets.front();
    const std::string hash = rs.meta.labels.at("pod-template-hash");
    CHECK(rs.meta.name == "sise-deploy-" + hash);
    CHECK(hash.size() >= 8);
    CHECK(hash.find_first_not_of("bcdfghjklmnpqrstvwxz2456789") == std::string::npos);
    CHECK(rs.meta.annotations.at("deployment.kubernetes.io/revision") == "1");
    CHECK(rs.meta.controllerRef()->kind == "Deployment");
    CHECK(readyPods(c.sim, "sise") == 2);
    for (const Pod* p : podsWith(c.sim, "sise")) {
        CHECK(p->meta.name.rfind(rs.meta.name + "-", 0) == 0);
        CHECK(p->meta.labels.at("pod-template-hash") == hash);
    }
    const Deployment* d = c.sim.api().get<Deployment>("default", "sise-deploy");
    CHECK(d->status.replicas == 2);
    CHECK(d->status.updatedReplicas == 2);
    CHECK(d->status.availableReplicas == 2);
    CHECK(d->status.unavailableReplicas == 0);
    CHECK(d->meta.annotations.at("deployment.kubernetes.io/revision") == "1");
    auto events = eventsFor(c.sim, "Deployment", "default", "sise-deploy");
    REQUIRE(events.size() == 1);
    CHECK(events[0]->message == "Scaled up replica set " + rs.meta.name + " to 2");
}

TEST_CASE("the legacy era hashes templates in decimal") {
    BootedCluster c("legacy");
    REQUIRE(c.sim.api().create(siseDeployment(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    auto sets = replicaSets(c.sim);
    REQUIRE(sets.size() == 1);
    const std::string hash = sets.front()->meta.labels.at("pod-template-hash");
    CHECK(hash.find_first_not_of("0123456789") == std::string::npos);
}

TEST_CASE("a rolling update never exceeds maxSurge nor drops below maxUnavailable and ends on the new template") {
    BootedCluster c("modern");
    Deployment d = siseDeployment(4);
    d.strategy.maxSurge = IntOrString::ofInt(1);
    d.strategy.maxUnavailable = IntOrString::ofInt(0);
    REQUIRE(c.sim.api().create(d, "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(readyPods(c.sim, "sise") == 4);

    setImage(c.sim, "mhausenblas/simpleservice:0.5.1");
    int maxPods = 0, minReady = 100;
    for (int i = 0; i < 600; ++i) {
        c.sim.runFor(SimTime::ms(50));
        int live = 0;
        for (const Pod* p : podsWith(c.sim, "sise"))
            if (!p->meta.deletionTimestamp) ++live;
        maxPods = std::max(maxPods, live);
        minReady = std::min(minReady, readyPods(c.sim, "sise"));
    }
    CHECK(maxPods == 5);   // replicas + maxSurge
    CHECK(minReady == 4);  // replicas - maxUnavailable
    auto imgs = images(c.sim);
    CHECK(imgs.size() == 4);
    CHECK(std::all_of(imgs.begin(), imgs.end(), [](const std::string& i) { return i == "mhausenblas/simpleservice:0.5.1"; }));
    auto sets = replicaSets(c.sim);
    REQUIRE(sets.size() == 2);
    int newReplicas = 0, oldReplicas = 0;
    for (const ReplicaSet* rs : sets)
        (rs->tmpl.spec.containers[0].image == "mhausenblas/simpleservice:0.5.1" ? newReplicas : oldReplicas) = rs->replicas;
    CHECK(newReplicas == 4);
    CHECK(oldReplicas == 0);
    CHECK(c.sim.api().get<Deployment>("default", "sise-deploy")->meta.annotations.at("deployment.kubernetes.io/revision") == "2");
    bool sawFrom = false;
    for (const KubeEvent* e : eventsFor(c.sim, "Deployment", "default", "sise-deploy"))
        sawFrom = sawFrom || (e->message.find("Scaled down replica set") == 0 && e->message.find(" from ") != std::string::npos);
    CHECK(sawFrom);
}

TEST_CASE("a recreate rollout stops every old pod before starting new ones") {
    BootedCluster c("modern");
    Deployment d = siseDeployment(2);
    d.strategy.type = "Recreate";
    REQUIRE(c.sim.api().create(d, "test").ok());
    c.sim.runFor(SimTime::s(10));
    setImage(c.sim, "mhausenblas/simpleservice:0.5.1");
    bool mixed = false;
    for (int i = 0; i < 400; ++i) {
        c.sim.runFor(SimTime::ms(50));
        bool oldSeen = false, newSeen = false;
        for (const Pod* p : podsWith(c.sim, "sise")) {
            const bool isNew = p->spec.containers[0].image == "mhausenblas/simpleservice:0.5.1";
            (isNew ? newSeen : oldSeen) = true;
        }
        mixed = mixed || (oldSeen && newSeen);
    }
    CHECK_FALSE(mixed);
    CHECK(images(c.sim) == std::vector<std::string>(2, "mhausenblas/simpleservice:0.5.1"));
    CHECK(readyPods(c.sim, "sise") == 2);
}

TEST_CASE("rollout history lists revisions with their change causes and undo returns to the previous template") {
    BootedCluster c("legacy");
    Deployment d = siseDeployment(2);
    d.meta.annotations["kubernetes.io/change-cause"] = "kubectl create --filename=d.yaml --record=true";
    REQUIRE(c.sim.api().create(d, "test").ok());
    c.sim.runFor(SimTime::s(10));
    setImage(c.sim, "mhausenblas/simpleservice:0.5.1", "kubectl set image deployment/sise-deploy sise=mhausenblas/simpleservice:0.5.1");
    c.sim.runFor(SimTime::s(20));

    auto history = rolloutHistory(c.sim, "default/sise-deploy");
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].revision == 1);
    CHECK((*history)[0].changeCause == "kubectl create --filename=d.yaml --record=true");
    CHECK((*history)[1].revision == 2);
    CHECK((*history)[1].tmpl.spec.containers[0].image == "mhausenblas/simpleservice:0.5.1");
    CHECK((*history)[1].tmpl.meta.labels.count("pod-template-hash") == 0);

    auto undone = rollbackDeployment(c.sim, "default/sise-deploy");
    REQUIRE(undone.ok());
    CHECK(undone->revision == 1);
    CHECK_FALSE(undone->skipped);
    c.sim.runFor(SimTime::s(20));
    CHECK(images(c.sim) == std::vector<std::string>(2, "mhausenblas/simpleservice:0.5.0"));
    // The old ReplicaSet came back as revision 3; no third ReplicaSet was made.
    history = rolloutHistory(c.sim, "default/sise-deploy");
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].revision == 2);
    CHECK((*history)[1].revision == 3);
    CHECK((*history)[1].tmpl.spec.containers[0].image == "mhausenblas/simpleservice:0.5.0");
    CHECK(c.sim.api().get<Deployment>("default", "sise-deploy")->meta.annotations.at("deployment.kubernetes.io/revision") == "3");
    bool rolledBack = false;
    for (const KubeEvent* e : eventsFor(c.sim, "Deployment", "default", "sise-deploy"))
        rolledBack = rolledBack || (e->reason == "DeploymentRollback" && e->message == "Rolled back deployment \"sise-deploy\" to revision 1");
    CHECK(rolledBack);
}

TEST_CASE("rollout undo reports a missing revision or deployment and changes nothing") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseDeployment(1), "test").ok());
    c.sim.runFor(SimTime::s(10));
    const auto rv = c.sim.api().get<Deployment>("default", "sise-deploy")->meta.resourceVersion;
    auto none = rollbackDeployment(c.sim, "default/sise-deploy");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "no rollout history found for deployment \"sise-deploy\"");
    auto missing = rollbackDeployment(c.sim, "default/sise-deploy", 7);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "unable to find specified revision 7 in history");
    auto nodeploy = rolloutHistory(c.sim, "default/nope");
    REQUIRE_FALSE(nodeploy.ok());
    CHECK(nodeploy.error().reason == "NotFound");
    CHECK(c.sim.api().get<Deployment>("default", "sise-deploy")->meta.resourceVersion == rv);
}

TEST_CASE("old replica sets beyond the revision history limit are deleted") {
    BootedCluster c("modern");
    Deployment d = siseDeployment(1);
    d.revisionHistoryLimit = 1;
    REQUIRE(c.sim.api().create(d, "test").ok());
    c.sim.runFor(SimTime::s(10));
    for (const char* tag : {"0.5.1", "0.5.2", "0.5.3"}) {
        setImage(c.sim, std::string("mhausenblas/simpleservice:") + tag);
        c.sim.runFor(SimTime::s(20));
    }
    CHECK(replicaSets(c.sim).size() == 2);  // the current one and one old
}

TEST_CASE("deleting a deployment cascades to its replica sets and their pods") {
    BootedCluster c("modern");
    REQUIRE(c.sim.api().create(siseDeployment(2), "test").ok());
    c.sim.runFor(SimTime::s(10));
    REQUIRE(podsWith(c.sim, "sise").size() == 2);
    REQUIRE_FALSE(c.sim.api().deleteObject(Kind::Deployment, "default", "sise-deploy", "test").has_value());
    c.sim.runFor(SimTime::s(10));
    CHECK(replicaSets(c.sim).empty());
    CHECK(podsWith(c.sim, "sise").empty());
}
