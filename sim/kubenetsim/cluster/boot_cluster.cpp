// bootCluster: the objects a built-in profile starts with, created through the API like any
// other, then reconciled by the control plane until the cluster is settled.
//
// System pods get fixed names (never generated): they must not consume the scenario's pinned
// pod names nor draw from the name stream, so a user's first generated name is the same with
// either profile's system objects. Fixed ClusterIPs are pinned through spec.clusterIP.
#include <cassert>

#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/kube_proxy.hpp>
#include <kubenetsim/dataplane/node_network.hpp>
#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/controllers/control_plane.hpp>
#include <kubenetsim/controllers/pod_template.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/net/ipv4.hpp>

namespace kns {

namespace {

constexpr const char* kActor = "cluster-bootstrap";

template <class T> std::string mustCreate(Simulation& sim, T obj) {
    auto r = sim.api().create(std::move(obj), kActor);
    assert(r.ok() && "a built-in profile object was refused");
    return r.ok() ? *r : std::string();
}

std::string hexID(Rng& rng, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < digits; ++i) s += kHex[rng.below(16)];
    return s;
}

PodCondition nodeCondition(const std::string& type, const std::string& status, const std::string& reason) {
    return PodCondition{type, status, SimTime::zero(), reason};
}

void createNode(Simulation& sim, const NodeDef& def) {
    const bool legacy = sim.era() == Era::Legacy;
    Node n;
    n.meta.name = def.name;
    n.meta.labels = def.labels;
    n.podCIDR = def.podCIDR;
    n.status.addresses = {{"InternalIP", def.internalIP}, {"Hostname", def.name}};
    if (legacy) n.status.conditions.push_back(nodeCondition("OutOfDisk", "False", "KubeletHasSufficientDisk"));
    n.status.conditions.push_back(nodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory"));
    n.status.conditions.push_back(nodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure"));
    if (!legacy) n.status.conditions.push_back(nodeCondition("PIDPressure", "False", "KubeletHasSufficientPID"));
    n.status.conditions.push_back(nodeCondition("Ready", "True", "KubeletReady"));
    if (legacy) {
        n.status.capacity = {{"alpha.kubernetes.io/nvidia-gpu", "0"}, {"cpu", "2"}, {"memory", "2048076Ki"}, {"pods", "110"}};
        n.status.nodeInfo.osImage = "Boot2Docker 1.12.6 (TCL 7.2); HEAD : 5ab2289 - Wed Jan 11 23:37:52 UTC 2017";
        n.status.nodeInfo.kernelVersion = "4.4.41-boot2docker";
        n.status.nodeInfo.containerRuntimeVersion = "docker://1.12.6";
    } else {
        n.status.capacity = {{"cpu", "8"}, {"ephemeral-storage", "102625208Ki"}, {"hugepages-1Gi", "0"}, {"hugepages-2Mi", "0"},
                             {"memory", "16365604Ki"}, {"pods", "110"}};
        n.status.nodeInfo.osImage = "Debian GNU/Linux 12 (bookworm)";
        n.status.nodeInfo.kernelVersion = "6.8.0-45-generic";
        n.status.nodeInfo.containerRuntimeVersion = "containerd://1.7.15";
    }
    n.status.allocatable = n.status.capacity;
    n.status.nodeInfo.kubeletVersion = sim.config().kubernetesVersion;
    n.status.nodeInfo.kubeProxyVersion = sim.config().kubernetesVersion;
    Rng& ids = sim.rng("profile/node-ids");
    n.status.nodeInfo.machineID = hexID(ids, 32);
    n.status.nodeInfo.systemUUID = hexID(ids, 32);
    n.status.nodeInfo.bootID = hexID(ids, 32);
    mustCreate(sim, n);
}

ServicePort servicePort(const std::string& name, int port, const std::string& protocol, int target) {
    ServicePort p;
    p.name = name;
    p.port = port;
    p.protocol = protocol;
    p.targetPort = IntOrString::ofInt(target);
    return p;
}

Service service(const std::string& ns, const std::string& name, const std::string& ip, std::vector<ServicePort> ports, Labels selector,
                Labels labels) {
    Service s;
    s.meta.ns = ns;
    s.meta.name = name;
    s.meta.labels = std::move(labels);
    s.clusterIP = ip;
    s.ports = std::move(ports);
    s.selector = std::move(selector);
    return s;
}

// The API server's own endpoints for the selector-less `kubernetes` service.
void createApiEndpoints(Simulation& sim, const std::string& ip, const std::vector<EndpointPort>& ports) {
    Endpoints ep;
    ep.meta.ns = "default";
    ep.meta.name = "kubernetes";
    EndpointSubset sub;
    sub.addresses.push_back(EndpointAddress{ip, {}, std::nullopt});
    sub.ports = ports;
    ep.subsets.push_back(sub);
    mustCreate(sim, ep);
    if (sim.era() != Era::Modern) return;
    EndpointSlice slice;
    slice.meta.ns = "default";
    slice.meta.name = "kubernetes";
    slice.meta.labels = {{"kubernetes.io/service-name", "kubernetes"}};
    EndpointSliceEndpoint e;
    e.addresses = {ip};
    e.ready = e.serving = true;
    slice.endpoints.push_back(e);
    slice.ports = ports;
    mustCreate(sim, slice);
}

Container container(const std::string& name, const std::string& image, std::vector<ContainerPort> ports) {
    Container c;
    c.name = name;
    c.image = image;
    c.imagePullPolicy = "IfNotPresent";
    c.ports = std::move(ports);
    return c;
}

// Images a profile's nodes start with (kind preloads its own; the legacy VM had pulled
// OpenShift's): their pods report "already present on machine" rather than a pull.
void preloadImage(Simulation& sim, const std::string& node, const std::string& image) {
    sim.state().controllers.kubelets[node].images.insert(image);
}

// A system pod with a fixed name, already bound to its node, owned by `owner`.
void createOwnedPod(Simulation& sim, const std::string& name, const PodTemplateSpec& tmpl, const ObjectMeta& owner,
                    const std::string& ownerApiVersion, const std::string& ownerKind, const std::string& node) {
    Pod pod = podFromTemplate(tmpl, owner, ownerApiVersion, ownerKind, sim.era());
    pod.meta.generateName.clear();
    pod.meta.name = name;
    pod.spec.nodeName = node;
    mustCreate(sim, pod);
}

// OpenShift's registry and router, each deployed by a DeploymentConfig as the RC "<dc>-1".
void createOpenShiftDeployment(Simulation& sim, const std::string& dc, const Labels& appLabels, Container c, bool hostNetwork,
                               const std::string& podName) {
    ReplicationController rc;
    rc.meta.ns = "default";
    rc.meta.name = dc + "-1";
    rc.meta.labels = {{"openshift.io/deployment-config.name", dc}};
    rc.meta.annotations = {{"openshift.io/deployment-config.latest-version", "1"}, {"openshift.io/deployment.phase", "Complete"}};
    rc.replicas = 1;
    rc.selector = appLabels;
    rc.selector["deployment"] = dc + "-1";
    rc.selector["deploymentconfig"] = dc;
    rc.tmpl.meta.labels = rc.selector;
    rc.tmpl.spec.containers = {std::move(c)};
    rc.tmpl.spec.hostNetwork = hostNetwork;
    rc.tmpl.spec.serviceAccountName = dc == "router" ? "router" : "registry";
    const std::string key = mustCreate(sim, rc);
    const ReplicationController* stored = sim.api().getByKey<ReplicationController>(key);
    preloadImage(sim, "localhost", stored->tmpl.spec.containers.front().image);
    createOwnedPod(sim, podName, stored->tmpl, stored->meta, "v1", "ReplicationController", "localhost");
}

void bootLegacy(Simulation& sim) {
    for (const char* ns : {"default", "kube-system", "openshift", "openshift-infra"}) {
        Namespace n;
        n.meta.name = ns;
        mustCreate(sim, n);
    }
    for (const auto& def : sim.config().nodes) createNode(sim, def);

    Service kubernetes = service("default", "kubernetes", "172.30.0.1",
                                 {servicePort("https", 443, "TCP", 8443), servicePort("dns", 53, "UDP", 8053), servicePort("dns-tcp", 53, "TCP", 8053)},
                                 {}, {{"component", "apiserver"}, {"provider", "kubernetes"}});
    kubernetes.sessionAffinity = "ClientIP";
    mustCreate(sim, kubernetes);
    createApiEndpoints(sim, "192.168.99.100", {{"https", 8443, "TCP"}, {"dns", 8053, "UDP"}, {"dns-tcp", 8053, "TCP"}});

    Service registry = service("default", "docker-registry", "172.30.1.1", {servicePort("5000-tcp", 5000, "TCP", 5000)},
                               {{"docker-registry", "default"}}, {{"docker-registry", "default"}});
    registry.sessionAffinity = "ClientIP";
    mustCreate(sim, registry);
    mustCreate(sim, service("default", "router", "172.30.93.56",
                            {servicePort("80-tcp", 80, "TCP", 80), servicePort("443-tcp", 443, "TCP", 443), servicePort("1936-tcp", 1936, "TCP", 1936)},
                            {{"router", "router"}}, {{"router", "router"}}));

    // The registry is the first pod on docker0: 172.17.0.2. That is why the tutorial's first
    // pod gets 172.17.0.3. The router uses the host network, so it takes no pod address.
    createOpenShiftDeployment(sim, "docker-registry", {{"docker-registry", "default"}},
                              container("registry", "openshift/origin-docker-registry:v1.5.0", {{"", 5000, 0, "TCP"}}), false,
                              "docker-registry-1-qj5tw");
    createOpenShiftDeployment(sim, "router", {{"router", "router"}},
                              container("router", "openshift/origin-haproxy-router:v1.5.0",
                                        {{"", 80, 80, "TCP"}, {"", 443, 443, "TCP"}, {"stats", 1936, 1936, "TCP"}}),
                              true, "router-1-8kk6z");
}

// A Deployment with its ReplicaSet "<name>-<hash>" and pods of fixed names on the control
// plane, as a kind cluster starts with them. The deployment controller recognises the ReplicaSet
// by its template, so it does not make another.
void createSystemDeployment(Simulation& sim, const std::string& ns, const std::string& name, const Labels& labels, Container c,
                            const std::string& hash, const std::vector<std::string>& podNames) {
    Deployment d;
    d.meta.ns = ns;
    d.meta.name = name;
    d.meta.labels = labels;
    d.meta.annotations = {{"deployment.kubernetes.io/revision", "1"}};
    d.replicas = static_cast<int>(podNames.size());
    d.selector.matchLabels = labels;
    d.strategy.maxUnavailable = IntOrString::ofInt(1);
    d.tmpl.meta.labels = labels;
    d.tmpl.spec.containers = {std::move(c)};
    d.tmpl.spec.serviceAccountName = name;
    const Deployment* dep = sim.api().getByKey<Deployment>(mustCreate(sim, d));

    ReplicaSet rs;
    rs.meta.ns = ns;
    rs.meta.name = name + "-" + hash;
    rs.meta.annotations = {{"deployment.kubernetes.io/desired-replicas", std::to_string(d.replicas)},
                           {"deployment.kubernetes.io/max-replicas", std::to_string(d.replicas + 1)},
                           {"deployment.kubernetes.io/revision", "1"}};
    rs.meta.ownerReferences.push_back(OwnerReference{"apps/v1", "Deployment", dep->meta.name, dep->meta.uid, true, true});
    rs.replicas = d.replicas;
    rs.tmpl = dep->tmpl;
    rs.tmpl.meta.labels[kPodTemplateHashLabel] = hash;
    rs.meta.labels = rs.tmpl.meta.labels;
    rs.selector.matchLabels = rs.tmpl.meta.labels;
    const ReplicaSet* stored = sim.api().getByKey<ReplicaSet>(mustCreate(sim, rs));
    for (const std::string& pod : podNames) {
        preloadImage(sim, "kind-control-plane", stored->tmpl.spec.containers.front().image);
        createOwnedPod(sim, pod, stored->tmpl, stored->meta, "apps/v1", "ReplicaSet", "kind-control-plane");
    }
}

// A kube-system pod on the host network: a static pod (mirrored, owned by its Node) when
// daemonSet is empty, else a pod of that DaemonSet (a kind kubenetsim does not model).
void createHostPod(Simulation& sim, const std::string& name, const std::string& node, const std::string& containerName,
                   const std::string& image, Labels labels, const std::string& daemonSet) {
    Pod pod;
    pod.meta.ns = "kube-system";
    pod.meta.name = name;
    pod.meta.labels = std::move(labels);
    if (daemonSet.empty()) {
        const Node* n = sim.api().get<Node>("", node);
        pod.meta.ownerReferences.push_back(OwnerReference{"v1", "Node", node, n ? n->meta.uid : "", true, false});
    } else {
        pod.meta.ownerReferences.push_back(
            OwnerReference{"apps/v1", "DaemonSet", daemonSet, "ds-" + daemonSet + "-" + hexID(sim.rng("profile/node-ids"), 12), true, true});
    }
    pod.spec.nodeName = node;
    pod.spec.hostNetwork = true;
    pod.spec.containers = {container(containerName, image, {})};
    preloadImage(sim, node, image);
    mustCreate(sim, pod);
}

void bootModern(Simulation& sim) {
    for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"}) {
        Namespace n;
        n.meta.name = ns;
        mustCreate(sim, n);
    }
    for (const auto& def : sim.config().nodes) createNode(sim, def);

    mustCreate(sim, service("default", "kubernetes", "10.96.0.1", {servicePort("https", 443, "TCP", 6443)}, {},
                            {{"component", "apiserver"}, {"provider", "kubernetes"}}));
    createApiEndpoints(sim, "172.18.0.2", {{"https", 6443, "TCP"}});
    mustCreate(sim, service("kube-system", "kube-dns", sim.config().dnsIP,
                            {servicePort("dns", 53, "UDP", 53), servicePort("dns-tcp", 53, "TCP", 53), servicePort("metrics", 9153, "TCP", 9153)},
                            {{"k8s-app", "kube-dns"}},
                            {{"k8s-app", "kube-dns"}, {"kubernetes.io/cluster-service", "true"}, {"kubernetes.io/name", "CoreDNS"}}));

    // CoreDNS: Deployment -> ReplicaSet -> two pods on the control plane, as kind leaves them.
    Container dns = container("coredns", "registry.k8s.io/coredns/coredns:v1.11.1",
                              {{"dns", 53, 0, "UDP"}, {"dns-tcp", 53, 0, "TCP"}, {"metrics", 9153, 0, "TCP"}});
    dns.args = {"-conf", "/etc/coredns/Corefile"};
    dns.requests = {"100m", "70Mi"};
    dns.limits = {"", "170Mi"};
    createSystemDeployment(sim, "kube-system", "coredns", {{"k8s-app", "kube-dns"}}, dns, "7db6d8ff4d",
                           {"coredns-7db6d8ff4d-8b2qx", "coredns-7db6d8ff4d-t4wzm"});
    // kind's storage provisioner: the third pod address of the control plane, 10.244.0.4.
    createSystemDeployment(sim, "local-path-storage", "local-path-provisioner", {{"app", "local-path-provisioner"}},
                           container("local-path-provisioner", "docker.io/kindest/local-path-provisioner:v20240202-8f1494ea", {}),
                           "7d4d9bdcc5", {"local-path-provisioner-7d4d9bdcc5-ws5rt"});

    // The control plane's static pods and the per-node DaemonSet pods, all on the host network.
    const std::string cp = "kind-control-plane";
    const std::string v = sim.config().kubernetesVersion;
    createHostPod(sim, "etcd-" + cp, cp, "etcd", "registry.k8s.io/etcd:3.5.12-0", {{"component", "etcd"}, {"tier", "control-plane"}}, "");
    for (const char* component : {"kube-apiserver", "kube-controller-manager", "kube-scheduler"})
        createHostPod(sim, std::string(component) + "-" + cp, cp, component, std::string("registry.k8s.io/") + component + ":" + v,
                      {{"component", component}, {"tier", "control-plane"}}, "");
    const char* kindnet[] = {"kindnet-2vq8x", "kindnet-7lfzj", "kindnet-k9hcd"};
    const char* proxy[] = {"kube-proxy-4rw5c", "kube-proxy-9txbn", "kube-proxy-q6lzg"};
    for (std::size_t i = 0; i < sim.config().nodes.size() && i < 3; ++i) {
        const std::string& node = sim.config().nodes[i].name;
        createHostPod(sim, kindnet[i], node, "kindnet-cni", "docker.io/kindest/kindnetd:v20240202-8f1494ea",
                      {{"app", "kindnet"}, {"k8s-app", "kindnet"}, {"tier", "node"}}, "kindnet");
        createHostPod(sim, proxy[i], node, "kube-proxy", "registry.k8s.io/kube-proxy:" + v, {{"k8s-app", "kube-proxy"}}, "kube-proxy");
    }
}

// A scenario's own cluster: its namespaces and nodes, and the API server's `kubernetes` service
// on the first address of the service range, served by the first node.
void bootCustom(Simulation& sim) {
    for (const char* ns : {"default", "kube-system"}) {
        Namespace n;
        n.meta.name = ns;
        mustCreate(sim, n);
    }
    for (const auto& def : sim.config().nodes) createNode(sim, def);
    auto range = Cidr::parse(sim.config().serviceCIDR);
    if (!range || sim.config().nodes.empty()) return;
    const int apiPort = sim.era() == Era::Legacy ? 8443 : 6443;
    mustCreate(sim, service("default", "kubernetes", range->at(1).str(), {servicePort("https", 443, "TCP", apiPort)}, {},
                            {{"component", "apiserver"}, {"provider", "kubernetes"}}));
    createApiEndpoints(sim, sim.config().nodes.front().internalIP, {{"https", apiPort, "TCP"}});
}

} // namespace

void registerProcesses(Simulation& sim) {
    registerControlPlane(sim);
    registerKubeProxyHandler(sim);
    dataplane::registerNetworkHandler(sim);
}

void bootCluster(Simulation& sim) {
    registerControlPlane(sim);
    // The data plane: every node's network namespace, and its kube-proxy watching from the start.
    buildNodeNamespaces(sim);
    dataplane::registerNetworkHandler(sim);
    registerKubeProxy(sim);
    if (sim.config().profile == "legacy") {
        bootLegacy(sim);
    } else if (sim.config().profile == "modern") {
        bootModern(sim);
    } else {
        bootCustom(sim);
    }
    runUntilSettled(sim, SimTime::s(30));
}

} // namespace kns
