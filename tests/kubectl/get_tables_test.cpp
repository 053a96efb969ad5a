#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/get_tables.hpp>

#include "seed_fixture.hpp"

using namespace kns;
using namespace kns::printers;
using namespace kns::testing;

namespace {
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}
} // namespace

TEST_CASE("legacy get pods prints the seed's header and row byte for byte") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(57));
    const std::string out = printTable(sim, Kind::Pod, {"default/rcsise-6nq3k"}, {});
    CHECK(out ==
          "NAME           READY     STATUS    RESTARTS   AGE\n"
          "rcsise-6nq3k   1/1       Running   0          57s\n");
}

TEST_CASE("legacy get pods after scaling shows both pods with their own ages") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    Pod second = makeSisePod("rcsise-nv8zm", "172.17.0.4", seedPodStart() + SimTime::s(15 * 60), "mhausenblas/simpleservice:0.5.0");
    sim.state().objects.pods["default/rcsise-nv8zm"] = second;
    sim.runUntil(seedPodStart() + SimTime::s(15 * 60 + 5));
    CHECK(printTable(sim, Kind::Pod, keysOf<Pod>(sim), {}) ==
          "NAME           READY     STATUS    RESTARTS   AGE\n"
          "rcsise-6nq3k   1/1       Running   0          15m\n"
          "rcsise-nv8zm   1/1       Running   0          5s\n");
}

TEST_CASE("legacy get svc in the seed's default namespace is as wide as the seed shows") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(5 * 60 + 10));
    const auto out = lines(printTable(sim, Kind::Service, keysOf<Service>(sim), {}));
    REQUIRE(out.size() == 5);
    CHECK(out[0] == "NAME              CLUSTER-IP       EXTERNAL-IP   PORT(S)                   AGE");
    CHECK(out[4] == "simpleservice     172.30.228.255   <none>        80/TCP                    5m");
    CHECK(out[2] == "kubernetes        172.30.0.1       <none>        443/TCP,53/UDP,53/TCP     12m");
}

TEST_CASE("pod status follows the containers as kubectl computes it") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    Pod& p = sim.state().objects.pods["default/rcsise-6nq3k"];
    SUBCASE("a container being created") {
        p.status.phase = "Pending";
        p.status.containerStatuses[0].state = "waiting";
        p.status.containerStatuses[0].reason = "ContainerCreating";
        p.status.containerStatuses[0].ready = false;
        const PodSummary s = summarizePod(sim, p);
        CHECK(s.status == "ContainerCreating");
        CHECK(s.ready == 0);
    }
    SUBCASE("a crashing container") {
        p.status.containerStatuses[0].state = "waiting";
        p.status.containerStatuses[0].reason = "CrashLoopBackOff";
        p.status.containerStatuses[0].restartCount = 3;
        CHECK(summarizePod(sim, p).status == "CrashLoopBackOff");
        CHECK(summarizePod(sim, p).restartsText == "3");
    }
    SUBCASE("a pod being deleted") {
        p.meta.deletionTimestamp = SimTime::s(600);
        CHECK(summarizePod(sim, p).status == "Terminating");
    }
    SUBCASE("a container that exited without a reason") {
        p.status.containerStatuses[0].state = "terminated";
        p.status.containerStatuses[0].exitCode = 137;
        CHECK(summarizePod(sim, p).status == "ExitCode:137");
    }
}

TEST_CASE("legacy wide, labels and all-namespaces options add their columns") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(57));
    TableOptions o;
    o.wide = true;
    o.showLabels = true;
    o.allNamespaces = true;
    CHECK(printTable(sim, Kind::Pod, keysOf<Pod>(sim), o) ==
          "NAMESPACE   NAME           READY     STATUS    RESTARTS   AGE       IP           NODE        LABELS\n"
          "default     rcsise-6nq3k   1/1       Running   0          57s       172.17.0.3   localhost   app=sise\n");
    o = {};
    o.wide = true;
    const auto svc = lines(printTable(sim, Kind::Service, {"default/simpleservice"}, o));
    REQUIRE(svc.size() == 2);
    CHECK(svc[0] == "NAME            CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE       SELECTOR");
    CHECK(svc[1] == "simpleservice   172.30.228.255   <none>        80/TCP    57s       app=sise");
}

TEST_CASE("legacy rc, endpoints, nodes and namespaces use kubectl 1.5's columns") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(120));
    CHECK(printTable(sim, Kind::ReplicationController, keysOf<ReplicationController>(sim), {}) ==
          "NAME      DESIRED   CURRENT   READY     AGE\n"
          "rcsise    1         1         1         2m\n");
    CHECK(printTable(sim, Kind::Endpoints, keysOf<Endpoints>(sim), {}) ==
          "NAME            ENDPOINTS         AGE\n"
          "simpleservice   172.17.0.3:9876   2m\n");
    CHECK(printTable(sim, Kind::Node, keysOf<Node>(sim, ""), {}) ==
          "NAME        STATUS    AGE\n"
          "localhost   Ready     9m\n");
    CHECK(printTable(sim, Kind::Namespace, keysOf<Namespace>(sim, ""), {}) ==
          "NAME      STATUS    AGE\n"
          "default   Active    9m\n");
}

TEST_CASE("legacy get all prefixes names with short kinds and separates tables by blank lines") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.runUntil(seedPodStart() + SimTime::s(57));
    std::vector<KindKeys> groups = {{Kind::Pod, keysOf<Pod>(sim)},
                                    {Kind::ReplicationController, keysOf<ReplicationController>(sim)},
                                    {Kind::Service, {"default/simpleservice"}},
                                    {Kind::Deployment, {}}};
    CHECK(printGetAll(sim, groups, {}) ==
          "NAME              READY     STATUS    RESTARTS   AGE\n"
          "po/rcsise-6nq3k   1/1       Running   0          57s\n"
          "\n"
          "NAME        DESIRED   CURRENT   READY     AGE\n"
          "rc/rcsise   1         1         1         57s\n"
          "\n"
          "NAME                CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE\n"
          "svc/simpleservice   172.30.228.255   <none>        80/TCP    57s\n");
}

TEST_CASE("legacy get hides finished pods unless asked to show all") {
    Simulation sim(legacySeedConfig(), 1);
    buildLegacySeedCluster(sim);
    sim.state().objects.pods["default/rcsise-6nq3k"].status.phase = "Succeeded";
    CHECK(printTable(sim, Kind::Pod, keysOf<Pod>(sim), {}).empty());
    TableOptions o;
    o.showAll = true;
    CHECK_FALSE(printTable(sim, Kind::Pod, keysOf<Pod>(sim), o).empty());
}

TEST_CASE("nothing to list gives the era's no-resources message") {
    Simulation sim(legacySeedConfig(), 1);
    CHECK(printTable(sim, Kind::Pod, {"default/missing"}, {}).empty());
    CHECK(noResourcesMessage(Era::Legacy, "default", false) == "No resources found.\n");
    CHECK(noResourcesMessage(Era::Modern, "default", false) == "No resources found in default namespace.\n");
    CHECK(noResourcesMessage(Era::Modern, "default", true) == "No resources found\n");
}

TEST_CASE("-o name prints resource/name in the era's spelling") {
    Simulation legacy(legacySeedConfig(), 1);
    buildLegacySeedCluster(legacy);
    CHECK(printNames(legacy, Kind::Pod, keysOf<Pod>(legacy)) == "pod/rcsise-6nq3k\n");
    CHECK(printNames(legacy, Kind::ReplicationController, keysOf<ReplicationController>(legacy)) == "replicationcontroller/rcsise\n");
    CHECK(resourceName(Era::Legacy, Kind::Deployment) == "deployment");
    CHECK(resourceName(Era::Modern, Kind::Deployment) == "deployment.apps");
}
