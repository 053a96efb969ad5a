#include <kubenetsim/cluster/api.hpp>

#include <cstdio>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/net/ipv4.hpp>

namespace kns {

namespace {

// The 5-character suffixes of generated names. Kubernetes removed 0, 1 and 3 from the alphabet
// in 1.6 (vowels and look-alikes were already out), so the seed's "rcsise-6nq3k" is legacy-only.
constexpr const char* kLegacyAlphabet = "bcdfghjklmnpqrstvwxz0123456789";
constexpr const char* kModernAlphabet = "bcdfghjklmnpqrstvwxz2456789";

bool isDns1123Subdomain(const std::string& s) {
    if (s.empty() || s.size() > 253) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-' && c != '.') return false;
        if ((i == 0 || i + 1 == s.size()) && !alnum) return false;
    }
    return true;
}

std::string uuidFrom(Rng& rng) {
    std::uint64_t a = rng.next(), b = rng.next();
    a = (a & ~0xF000ULL) | 0x4000ULL;                   // version 4
    b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                  static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    return buf;
}

ApiError invalid(Kind kind, const std::string& name, const std::string& detail) {
    return ApiError{"Invalid", std::string(kindName(kind)) + " \"" + name + "\" is invalid: " + detail};
}

} // namespace

std::string Api::resourceName(Kind kind) {
    switch (kind) {
    case Kind::Namespace: return "namespaces";
    case Kind::Node: return "nodes";
    case Kind::Pod: return "pods";
    case Kind::ReplicationController: return "replicationcontrollers";
    case Kind::ReplicaSet: return "replicasets.apps";
    case Kind::Deployment: return "deployments.apps";
    case Kind::Service: return "services";
    case Kind::Endpoints: return "endpoints";
    case Kind::EndpointSlice: return "endpointslices.discovery.k8s.io";
    }
    return "?";
}

ApiError Api::notFound(Kind kind, const std::string& name) {
    return ApiError{"NotFound", resourceName(kind) + " \"" + name + "\" not found"};
}

ClusterState& Api::state() const { return m_sim.state().objects; }
std::uint64_t Api::nextResourceVersion() const { return ++m_sim.state().resourceVersion; }

// Who watches what. Per-node processes get the notification on their node's instance.
void Api::notify(Kind kind, const std::string& key, WatchType type, const std::string& actor) const {
    const SimTime delay = m_sim.config().latency.watch;
    auto send = [&](Component c, const std::string& node = {}) {
        m_sim.schedule(delay, Event{c, kWatchEvent, node, key, static_cast<std::int64_t>(kind), static_cast<std::int64_t>(type)});
    };
    auto everyNode = [&](Component c) {
        for (const auto& n : m_sim.config().nodes) send(c, n.name);
    };
    switch (kind) {
    case Kind::Pod: {
        send(Component::ReplicationManager);
        send(Component::EndpointsController);
        send(Component::Scheduler);
        const Pod* pod = getByKey<Pod>(key);
        if (pod && !pod->spec.nodeName.empty()) send(Component::Kubelet, pod->spec.nodeName);
        else if (!pod) everyNode(Component::Kubelet);  // deleted: whoever ran it cleans up
        break;
    }
    case Kind::ReplicationController: send(Component::ReplicationManager); break;
    case Kind::ReplicaSet:
        send(Component::ReplicationManager);
        send(Component::DeploymentController);
        break;
    case Kind::Deployment: send(Component::DeploymentController); break;
    case Kind::Service:
        send(Component::EndpointsController);
        everyNode(Component::KubeProxy);
        break;
    case Kind::Endpoints:
    case Kind::EndpointSlice: everyNode(Component::KubeProxy); break;
    case Kind::Node:
        send(Component::Scheduler);
        send(Component::NamespaceController);  // also the node lifecycle work (see controllers/)
        everyNode(Component::KubeProxy);
        break;
    case Kind::Namespace: send(Component::NamespaceController); break;
    }
    if (type == WatchType::Deleted) send(Component::GarbageCollector);
    if (m_sim.tracing()) {
        TraceKind tk = type == WatchType::Added ? TraceKind::ObjectCreated
                     : type == WatchType::Deleted ? TraceKind::ObjectDeleted : TraceKind::ObjectChanged;
        std::string verb = type == WatchType::Added ? "created" : type == WatchType::Deleted ? "deleted" : "updated";
        m_sim.emit(tk, actor, std::string(kindName(kind)) + "/" + key, verb,
                   {{"resourceVersion", std::to_string(m_sim.state().resourceVersion)}});
    }
}

void Api::releaseAllocations(const Pod& pod) const { releasePodIP(m_sim, objectKey(pod)); }

void Api::releaseAllocations(const Service& svc) const {
    if (!svc.clusterIP.empty() && svc.clusterIP != "None") releaseServiceIP(m_sim, svc.clusterIP);
    for (const auto& p : svc.ports)
        if (p.nodePort) releaseNodePort(m_sim, p.nodePort);
    for (const auto& ip : svc.status.loadBalancerIngress) releaseLoadBalancerIP(m_sim, ip);
}

template <class T>
Expected<std::string, ApiError> Api::store(T obj, const std::string& actor) {
    constexpr Kind kind = kindOf<T>();
    ObjectMeta& m = obj.meta;
    if (isNamespaced(kind)) {
        if (m.ns.empty()) m.ns = "default";
        const Namespace* ns = get<Namespace>("", m.ns);
        if (!ns) return ApiError{"NotFound", "namespaces \"" + m.ns + "\" not found"};
        if (ns->phase == "Terminating")
            return ApiError{"Forbidden", resourceName(kind) + " \"" + m.name + "\" is forbidden: unable to create new content in namespace " +
                                             m.ns + " because it is being terminated"};
    } else {
        m.ns.clear();
    }
    if (m.name.empty()) {
        if (m.generateName.empty()) return ApiError{"Invalid", std::string(kindName(kind)) + " \"\" is invalid: metadata.name: Required value: name or generateName is required"};
        const std::string& prefix = m.generateName;
        auto& pinned = m_sim.state().reservations.podNames;
        for (auto it = pinned.begin(); it != pinned.end(); ++it) {
            if (it->size() == prefix.size() + 5 && it->compare(0, prefix.size(), prefix) == 0 &&
                !getByKey<T>(objectKey(kind, m.ns, *it))) {
                m.name = *it;
                pinned.erase(it);
                break;
            }
        }
        const char* alphabet = m_sim.era() == Era::Legacy ? kLegacyAlphabet : kModernAlphabet;
        const std::size_t n = std::char_traits<char>::length(alphabet);
        while (m.name.empty() || getByKey<T>(objectKey(kind, m.ns, m.name))) {
            Rng& rng = m_sim.rng("apiserver/names");
            std::string suffix;
            for (int i = 0; i < 5; ++i) suffix += alphabet[rng.below(n)];
            m.name = prefix + suffix;
        }
    }
    if (!isDns1123Subdomain(m.name))
        return invalid(kind, m.name, "metadata.name: Invalid value: \"" + m.name +
                                         "\": a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                                         "and must start and end with an alphanumeric character");
    const std::string key = objectKey(kind, m.ns, m.name);
    if (getByKey<T>(key)) return ApiError{"AlreadyExists", resourceName(kind) + " \"" + m.name + "\" already exists"};
    m.uid = uuidFrom(m_sim.rng("apiserver/uid"));
    m.creationTimestamp = m_sim.now();
    m.generation = 1;
    m.resourceVersion = nextResourceVersion();
    state().of<T>().emplace(key, std::move(obj));
    notify(kind, key, WatchType::Added, actor);
    return key;
}

Expected<std::string, ApiError> Api::create(Namespace obj, const std::string& actor) {
    obj.phase = "Active";
    return store(std::move(obj), actor);
}

Expected<std::string, ApiError> Api::create(Node obj, const std::string& actor) { return store(std::move(obj), actor); }

Expected<std::string, ApiError> Api::create(Pod obj, const std::string& actor) {
    if (obj.spec.containers.empty())
        return invalid(Kind::Pod, obj.meta.name, "spec.containers: Required value");
    for (std::size_t i = 0; i < obj.spec.containers.size(); ++i) {
        const auto& c = obj.spec.containers[i];
        if (c.name.empty()) return invalid(Kind::Pod, obj.meta.name, "spec.containers[" + std::to_string(i) + "].name: Required value");
        if (c.image.empty()) return invalid(Kind::Pod, obj.meta.name, "spec.containers[" + std::to_string(i) + "].image: Required value");
    }
    obj.status = PodStatus{};
    // OpenShift's SecurityContextConstraints admission records the constraint a pod was admitted
    // under; kubectl 1.5 shows it as "Security Policy:". Host-network pods need `hostnetwork`.
    if (m_sim.era() == Era::Legacy && !obj.meta.annotations.count("openshift.io/scc"))
        obj.meta.annotations["openshift.io/scc"] = obj.spec.hostNetwork ? "hostnetwork" : "restricted";
    return store(std::move(obj), actor);
}

namespace {
template <class T>
std::optional<ApiError> checkTemplate(const T& obj, bool selectorMatches) {
    if (obj.replicas < 0)
        return invalid(kindOf<T>(), obj.meta.name, "spec.replicas: Invalid value: " + std::to_string(obj.replicas) + ": must be greater than or equal to 0");
    if (obj.tmpl.spec.containers.empty())
        return invalid(kindOf<T>(), obj.meta.name, "spec.template.spec.containers: Required value");
    if (!selectorMatches)
        return invalid(kindOf<T>(), obj.meta.name, "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
    return std::nullopt;
}
} // namespace

Expected<std::string, ApiError> Api::create(ReplicationController obj, const std::string& actor) {
    if (obj.selector.empty()) obj.selector = obj.tmpl.meta.labels;
    if (obj.meta.labels.empty()) obj.meta.labels = obj.tmpl.meta.labels;
    LabelSelector sel{obj.selector, {}};
    if (auto e = checkTemplate(obj, !obj.selector.empty() && sel.matches(obj.tmpl.meta.labels))) return *e;
    obj.status = {};
    return store(std::move(obj), actor);
}

Expected<std::string, ApiError> Api::create(ReplicaSet obj, const std::string& actor) {
    if (obj.selector.empty()) obj.selector.matchLabels = obj.tmpl.meta.labels;
    if (obj.meta.labels.empty()) obj.meta.labels = obj.tmpl.meta.labels;
    if (auto e = checkTemplate(obj, !obj.selector.empty() && obj.selector.matches(obj.tmpl.meta.labels))) return *e;
    obj.status = {};
    return store(std::move(obj), actor);
}

Expected<std::string, ApiError> Api::create(Deployment obj, const std::string& actor) {
    if (obj.selector.empty()) obj.selector.matchLabels = obj.tmpl.meta.labels;
    if (obj.meta.labels.empty()) obj.meta.labels = obj.tmpl.meta.labels;
    if (auto e = checkTemplate(obj, !obj.selector.empty() && obj.selector.matches(obj.tmpl.meta.labels))) return *e;
    obj.status = {};
    return store(std::move(obj), actor);
}

Expected<std::string, ApiError> Api::create(Service obj, const std::string& actor) {
    const std::string name = obj.meta.name;
    if (obj.meta.ns.empty()) obj.meta.ns = "default";
    if (obj.type != "ClusterIP" && obj.type != "NodePort" && obj.type != "LoadBalancer" && obj.type != "ExternalName")
        return invalid(Kind::Service, name, "spec.type: Unsupported value: \"" + obj.type +
                                                "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    if (obj.type != "ExternalName" && obj.ports.empty()) return invalid(Kind::Service, name, "spec.ports: Required value");
    for (std::size_t i = 0; i < obj.ports.size(); ++i) {
        auto& p = obj.ports[i];
        if (p.port < 1 || p.port > 65535)
            return invalid(Kind::Service, name, "spec.ports[" + std::to_string(i) + "].port: Invalid value: " + std::to_string(p.port) +
                                                    ": must be between 1 and 65535, inclusive");
        if (p.protocol != "TCP" && p.protocol != "UDP" && p.protocol != "SCTP")
            return invalid(Kind::Service, name, "spec.ports[" + std::to_string(i) + "].protocol: Unsupported value: \"" + p.protocol +
                                                    "\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        if (!p.targetPort.isString && p.targetPort.intValue == 0) p.targetPort = IntOrString::ofInt(p.port);
        if (obj.ports.size() > 1 && p.name.empty())
            return invalid(Kind::Service, name, "spec.ports[" + std::to_string(i) + "].name: Required value");
    }
    if (obj.sessionAffinity != "None" && obj.sessionAffinity != "ClientIP")
        return invalid(Kind::Service, name, "spec.sessionAffinity: Unsupported value: \"" + obj.sessionAffinity +
                                                "\": supported values: \"ClientIP\", \"None\"");
    if ((obj.type == "NodePort" || obj.type == "LoadBalancer") && obj.externalTrafficPolicy.empty() && m_sim.era() == Era::Modern)
        obj.externalTrafficPolicy = "Cluster";
    if (m_sim.era() == Era::Modern && obj.internalTrafficPolicy.empty() && obj.type != "ExternalName") obj.internalTrafficPolicy = "Cluster";

    // Allocate everything, or nothing: undo what was taken if a later allocation fails.
    Service allocated = obj;
    allocated.status = {};
    if (obj.type != "ExternalName") {
        auto ip = allocateServiceIP(m_sim, objectKey(Kind::Service, obj.meta.ns, name), obj.clusterIP);
        if (!ip) return invalid(Kind::Service, name, ip.error().message);
        allocated.clusterIP = *ip;
    }
    auto undo = [&] {
        releaseAllocations(allocated);
    };
    for (auto& p : allocated.ports) {
        if (obj.type == "NodePort" || obj.type == "LoadBalancer") {
            auto np = allocateNodePort(m_sim, p.nodePort);
            if (!np) {
                p.nodePort = 0;
                undo();
                return invalid(Kind::Service, name, "spec.ports[].nodePort: " + np.error().message);
            }
            p.nodePort = *np;
        } else if (p.nodePort != 0) {
            undo();
            return invalid(Kind::Service, name, "spec.ports[].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        }
    }
    if (obj.type == "LoadBalancer") {
        if (auto lb = allocateLoadBalancerIP(m_sim)) allocated.status.loadBalancerIngress.push_back(*lb);
    }
    Service taken = allocated;
    auto r = store(std::move(allocated), actor);
    if (!r) releaseAllocations(taken);
    return r;
}

Expected<std::string, ApiError> Api::create(Endpoints obj, const std::string& actor) { return store(std::move(obj), actor); }
Expected<std::string, ApiError> Api::create(EndpointSlice obj, const std::string& actor) { return store(std::move(obj), actor); }

std::optional<ApiError> Api::deleteObject(Kind kind, const std::string& ns, const std::string& name, const std::string& actor) {
    const std::string key = objectKey(kind, ns, name);
    switch (kind) {
    case Kind::Pod: {
        const Pod* pod = getByKey<Pod>(key);
        if (!pod) return notFound(kind, name);
        if (pod->spec.nodeName.empty()) return remove<Pod>(key, actor);
        if (pod->meta.deletionTimestamp) return std::nullopt;  // already terminating
        Pod next = *pod;
        next.meta.deletionTimestamp = m_sim.now() + SimTime::s(pod->spec.terminationGracePeriodSeconds);
        next.meta.deletionGracePeriodSeconds = pod->spec.terminationGracePeriodSeconds;
        return update(next, actor);
    }
    case Kind::Namespace: {
        const Namespace* n = getByKey<Namespace>(key);
        if (!n) return notFound(kind, name);
        if (n->phase == "Terminating") return std::nullopt;
        Namespace next = *n;
        next.phase = "Terminating";
        next.meta.deletionTimestamp = m_sim.now();
        return update(next, actor);
    }
    case Kind::Node: return remove<Node>(key, actor);
    case Kind::ReplicationController: return remove<ReplicationController>(key, actor);
    case Kind::ReplicaSet: return remove<ReplicaSet>(key, actor);
    case Kind::Deployment: return remove<Deployment>(key, actor);
    case Kind::Service: {
        auto r = remove<Service>(key, actor);
        if (!r && getByKey<Endpoints>(key)) remove<Endpoints>(key, "endpoints-controller");
        return r;
    }
    case Kind::Endpoints: return remove<Endpoints>(key, actor);
    case Kind::EndpointSlice: return remove<EndpointSlice>(key, actor);
    }
    return std::nullopt;
}

} // namespace kns
