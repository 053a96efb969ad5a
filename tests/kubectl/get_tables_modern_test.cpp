#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/get_tables.hpp>

#include "seed_fixture.hpp"

using namespace kns;
using namespace kns::printers;
using namespace kns::testing;

namespace {

// A kind-like cluster at t = 600 s: a web Deployment's pod, a crashing pod, two Services.
void buildModernCluster(Simulation& sim) {
    ClusterState& st = sim.state().objects;
    for (const char* name : {"kind-control-plane", "kind-worker"}) {
        Node n;
        n.meta.name = name;
        if (std::string(name) == "kind-control-plane") n.meta.labels["node-role.kubernetes.io/control-plane"] = "";
        n.status.conditions = {{"Ready", "True", SimTime{}, "KubeletReady"}};
        n.status.nodeInfo.kubeletVersion = "v1.30.0";
        st.nodes[name] = n;
    }
    Pod web = makeSisePod("web-7c5ddbdf54-x8f9p", "10.244.1.2", SimTime::s(505), "nginx:1.25");
    web.spec.nodeName = "kind-worker";
    st.pods["default/web-7c5ddbdf54-x8f9p"] = web;
    Pod crashy = makeSisePod("crashy", "10.244.1.3", SimTime{}, "busybox");
    crashy.spec.nodeName = "kind-worker";
    ContainerStatus& cs = crashy.status.containerStatuses[0];
    cs.state = "waiting";
    cs.reason = "CrashLoopBackOff";
    cs.ready = false;
    cs.restartCount = 3;
    cs.lastState = "terminated";
    cs.finishedAt = SimTime::s(300);
    st.pods["default/crashy"] = crashy;

    st.services["default/kubernetes"] = makeService("kubernetes", "10.96.0.1", {{443, "TCP"}}, SimTime{});
    Service svc = makeService("web", "10.96.12.34", {{80, "TCP"}}, SimTime::s(505));
    svc.type = "NodePort";
    svc.ports[0].nodePort = 30080;
    svc.selector = {{"app", "web"}};
    st.services["default/web"] = svc;

    Deployment d;
    d.meta.name = "web";
    d.meta.ns = "default";
    d.meta.creationTimestamp = SimTime::s(505);
    d.replicas = 3;
    d.status = {3, 3, 2, 2, 1, 1};
    st.deployments["default/web"] = d;
    sim.runUntil(SimTime::s(600));
}

} // namespace

TEST_CASE("modern get pods shows restarts with the time since the last one") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    CHECK(printTable(sim, Kind::Pod, keysOf<Pod>(sim), {}) ==
          "NAME                   READY   STATUS             RESTARTS     AGE\n"
          "crashy                 0/1     CrashLoopBackOff   3 (5m ago)   10m\n"
          "web-7c5ddbdf54-x8f9p   1/1     Running            0            95s\n");
}

TEST_CASE("modern wide pods add IP, NODE, NOMINATED NODE and READINESS GATES") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    TableOptions o;
    o.wide = true;
    CHECK(printTable(sim, Kind::Pod, {"default/web-7c5ddbdf54-x8f9p"}, o) ==
          "NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE          NOMINATED NODE   READINESS GATES\n"
          "web-7c5ddbdf54-x8f9p   1/1     Running   0          95s   10.244.1.2   kind-worker   <none>           <none>\n");
}

TEST_CASE("modern get svc has a TYPE column and node ports in PORT(S)") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    CHECK(printTable(sim, Kind::Service, keysOf<Service>(sim), {}) ==
          "NAME         TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE\n"
          "kubernetes   ClusterIP   10.96.0.1     <none>        443/TCP        10m\n"
          "web          NodePort    10.96.12.34   <none>        80:30080/TCP   95s\n");
}

TEST_CASE("modern deployments show READY as ready over desired") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    CHECK(printTable(sim, Kind::Deployment, keysOf<Deployment>(sim), {}) ==
          "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
          "web    2/3     3            2           95s\n");
}

TEST_CASE("modern nodes show roles and the kubelet version") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    CHECK(printTable(sim, Kind::Node, keysOf<Node>(sim, ""), {}) ==
          "NAME                 STATUS   ROLES           AGE   VERSION\n"
          "kind-control-plane   Ready    control-plane   10m   v1.30.0\n"
          "kind-worker          Ready    <none>          10m   v1.30.0\n");
}

TEST_CASE("endpoints beyond three are summarised as more") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    Endpoints ep;
    ep.meta.name = "web";
    ep.meta.ns = "default";
    ep.meta.creationTimestamp = SimTime::s(505);
    EndpointSubset ss;
    for (const char* ip : {"10.244.1.2", "10.244.1.3", "10.244.2.2", "10.244.2.3", "10.244.2.4"}) ss.addresses.push_back({ip, "", {}});
    ss.ports.push_back({"", 8080, "TCP"});
    ep.subsets.push_back(ss);
    sim.state().objects.endpoints["default/web"] = ep;
    CHECK(printTable(sim, Kind::Endpoints, {"default/web"}, {}) ==
          "NAME   ENDPOINTS                                                     AGE\n"
          "web    10.244.1.2:8080,10.244.1.3:8080,10.244.2.2:8080 + 2 more...   95s\n");
}

TEST_CASE("modern get all prefixes names with resource and group") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    std::vector<KindKeys> groups;
    groups.push_back({Kind::Pod, {"default/web-7c5ddbdf54-x8f9p"}});
    groups.push_back({Kind::Service, {"default/web"}});
    groups.push_back({Kind::Deployment, {"default/web"}});
    CHECK(printGetAll(sim, groups, {}) ==
          "NAME                       READY   STATUS    RESTARTS   AGE\n"
          "pod/web-7c5ddbdf54-x8f9p   1/1     Running   0          95s\n"
          "\n"
          "NAME          TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE\n"
          "service/web   NodePort   10.96.12.34   <none>        80:30080/TCP   95s\n"
          "\n"
          "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
          "deployment.apps/web   2/3     3            2           95s\n");
}

TEST_CASE("a pod being deleted from an unreachable node is Unknown in the modern era") {
    Simulation sim(modernConfig(), 1);
    buildModernCluster(sim);
    Pod& p = sim.state().objects.pods["default/web-7c5ddbdf54-x8f9p"];
    p.meta.deletionTimestamp = SimTime::s(590);
    CHECK(summarizePod(sim, p).status == "Terminating");
    p.status.reason = "NodeLost";
    CHECK(summarizePod(sim, p).status == "Unknown");
}
