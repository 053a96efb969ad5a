#pragma once
// A cluster state as the seed tutorial shows it (the legacy profile's `default` namespace with
// the tutorial's RC, pod and Service), built directly into ClusterState so that the printers
// can be tested without the controllers. Times: the simulation starts at 2017-04-25 13:40:00 UTC
// shown at +0100; the pod starts at 14:47:45 +0100 as in the seed's `describe pod`.
#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns::testing {

inline ClusterConfig legacySeedConfig() {
    ClusterConfig c;
    c.profile = "legacy-fixture";
    c.era = Era::Legacy;
    c.kubernetesVersion = "v1.5.2+43a9be4";
    c.startEpochSeconds = 1493127600;  // 2017-04-25T13:40:00Z
    c.tzOffsetMinutes = 60;
    return c;
}

inline ClusterConfig modernConfig() {
    ClusterConfig c;
    c.profile = "modern-fixture";
    c.era = Era::Modern;
    c.kubernetesVersion = "v1.30.0";
    c.startEpochSeconds = 1717243200;  // 2024-06-01T12:00:00Z
    c.tzOffsetMinutes = 0;
    return c;
}

inline SimTime seedPodStart() { return SimTime::s(465); }  // 14:47:45 +0100

inline Service makeService(const std::string& name, const std::string& ip, std::vector<std::pair<int, std::string>> ports, SimTime created) {
    Service s;
    s.meta.name = name;
    s.meta.ns = "default";
    s.meta.creationTimestamp = created;
    s.clusterIP = ip;
    for (auto& [port, proto] : ports) {
        ServicePort p;
        p.port = port;
        p.protocol = proto;
        p.targetPort = IntOrString::ofInt(port);
        s.ports.push_back(p);
    }
    return s;
}

inline Pod makeSisePod(const std::string& name, const std::string& ip, SimTime start, const std::string& image) {
    Pod p;
    p.meta.name = name;
    p.meta.ns = "default";
    p.meta.uid = "uid-" + name;
    p.meta.creationTimestamp = start;
    p.meta.labels = {{"app", "sise"}};
    p.meta.ownerReferences.push_back(OwnerReference{"v1", "ReplicationController", "rcsise", "uid-rcsise", true, true});
    Container c;
    c.name = "sise";
    c.image = image;
    c.ports.push_back(ContainerPort{"", 9876, 0, "TCP"});
    p.spec.containers.push_back(c);
    p.spec.nodeName = "localhost";
    p.status.phase = "Running";
    p.status.hostIP = "192.168.99.100";
    p.status.podIP = ip;
    p.status.startTime = start;
    p.status.conditions = {{"Initialized", "True", start, ""}, {"Ready", "True", start + SimTime::s(5), ""},
                           {"PodScheduled", "True", start, ""}};
    ContainerStatus cs;
    cs.name = "sise";
    cs.state = "running";
    cs.startedAt = start + SimTime::s(4);
    cs.ready = true;
    cs.image = image;
    cs.imageID = "docker-pullable://docker.io/mhausenblas/simpleservice@sha256:0b3f0b6e5b0e";
    cs.containerID = "docker://4b1bc0b1d5e2";
    p.status.containerStatuses.push_back(cs);
    return p;
}

// The legacy default namespace at the moment the tutorial's RC and Service exist.
inline void buildLegacySeedCluster(Simulation& sim) {
    ClusterState& st = sim.state().objects;
    Namespace ns;
    ns.meta.name = "default";
    st.namespaces["default"] = ns;

    Node node;
    node.meta.name = "localhost";
    node.meta.labels = {{"kubernetes.io/hostname", "localhost"}};
    node.status.addresses = {{"InternalIP", "192.168.99.100"}, {"Hostname", "localhost"}};
    node.status.conditions = {{"Ready", "True", SimTime{}, "KubeletReady"}};
    node.status.nodeInfo.kubeletVersion = "v1.5.2+43a9be4";
    st.nodes["localhost"] = node;

    // OpenShift's own Services in `default`, present since the cluster came up.
    st.services["default/kubernetes"] = makeService("kubernetes", "172.30.0.1", {{443, "TCP"}, {53, "UDP"}, {53, "TCP"}}, SimTime{});
    st.services["default/docker-registry"] = makeService("docker-registry", "172.30.1.1", {{5000, "TCP"}}, SimTime{});
    st.services["default/router"] = makeService("router", "172.30.246.127", {{80, "TCP"}, {443, "TCP"}, {1936, "TCP"}}, SimTime{});

    ReplicationController rc;
    rc.meta.name = "rcsise";
    rc.meta.ns = "default";
    rc.meta.uid = "uid-rcsise";
    rc.meta.creationTimestamp = seedPodStart();
    rc.meta.labels = {{"app", "sise"}};
    rc.replicas = 1;
    rc.selector = {{"app", "sise"}};
    rc.tmpl.meta.labels = {{"app", "sise"}};
    rc.tmpl.spec.containers.push_back(Container{});
    rc.tmpl.spec.containers[0].name = "sise";
    rc.tmpl.spec.containers[0].image = "mhausenblas/simpleservice:0.5.0";
    rc.tmpl.spec.containers[0].ports.push_back(ContainerPort{"", 9876, 0, "TCP"});
    rc.status.replicas = 1;
    rc.status.readyReplicas = 1;
    rc.status.availableReplicas = 1;
    st.replicationControllers["default/rcsise"] = rc;

    Pod pod = makeSisePod("rcsise-6nq3k", "172.17.0.3", seedPodStart(), "mhausenblas/simpleservice:0.5.0");
    pod.meta.annotations = {{"openshift.io/scc", "restricted"}};
    st.pods["default/rcsise-6nq3k"] = pod;

    Service svc = makeService("simpleservice", "172.30.228.255", {{80, "TCP"}}, seedPodStart());
    svc.ports[0].targetPort = IntOrString::ofInt(9876);
    svc.selector = {{"app", "sise"}};
    st.services["default/simpleservice"] = svc;

    Endpoints ep;
    ep.meta.name = "simpleservice";
    ep.meta.ns = "default";
    ep.meta.creationTimestamp = seedPodStart();
    EndpointSubset subset;
    subset.addresses.push_back(EndpointAddress{"172.17.0.3", "localhost", ObjectReference{"Pod", "default", "rcsise-6nq3k", "uid-rcsise-6nq3k"}});
    subset.ports.push_back(EndpointPort{"", 9876, "TCP"});
    ep.subsets.push_back(subset);
    st.endpoints["default/simpleservice"] = ep;
}

template <class T> std::vector<std::string> keysOf(const Simulation& sim, const std::string& ns = "default") {
    std::vector<std::string> keys;
    for (const auto& [key, obj] : sim.objects().of<T>())
        if (ns.empty() || obj.meta.ns == ns) keys.push_back(key);
    return keys;
}

} // namespace kns::testing
