#include <kubenetsim/kubectl/commands/resource_types.hpp>

#include <algorithm>
#include <cctype>

namespace kns::kubectl {

namespace {

struct Alias {
    const char* word;
    Kind kind;
    bool modernOnly;
};

// Short names as the API server's discovery announces them (kubectl get po, svc, deploy ...).
constexpr Alias kAliases[] = {
    {"pods", Kind::Pod, false}, {"pod", Kind::Pod, false}, {"po", Kind::Pod, false},
    {"replicationcontrollers", Kind::ReplicationController, false},
    {"replicationcontroller", Kind::ReplicationController, false}, {"rc", Kind::ReplicationController, false},
    {"replicasets", Kind::ReplicaSet, false}, {"replicaset", Kind::ReplicaSet, false}, {"rs", Kind::ReplicaSet, false},
    {"deployments", Kind::Deployment, false}, {"deployment", Kind::Deployment, false}, {"deploy", Kind::Deployment, false},
    {"services", Kind::Service, false}, {"service", Kind::Service, false}, {"svc", Kind::Service, false},
    {"endpoints", Kind::Endpoints, false}, {"ep", Kind::Endpoints, false},
    {"nodes", Kind::Node, false}, {"node", Kind::Node, false}, {"no", Kind::Node, false},
    {"namespaces", Kind::Namespace, false}, {"namespace", Kind::Namespace, false}, {"ns", Kind::Namespace, false},
    {"endpointslices", Kind::EndpointSlice, true}, {"endpointslice", Kind::EndpointSlice, true},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

std::optional<Kind> resolveResourceType(const std::string& word, Era era) {
    std::string w = lower(word);
    // A group suffix is accepted when it is the kind's group: deployments.apps,
    // deployments.extensions (legacy), endpointslices.discovery.k8s.io.
    const auto dot = w.find('.');
    std::string group;
    if (dot != std::string::npos) {
        group = w.substr(dot + 1);
        w = w.substr(0, dot);
    }
    for (const auto& a : kAliases) {
        if (w != a.word) continue;
        if (a.modernOnly && era != Era::Modern) return std::nullopt;
        if (!group.empty()) {
            const bool appsKind = a.kind == Kind::Deployment || a.kind == Kind::ReplicaSet;
            const bool ok = appsKind ? (group == "apps" || group == "extensions")
                          : a.kind == Kind::EndpointSlice ? group == "discovery.k8s.io" : false;
            if (!ok) return std::nullopt;
        }
        return a.kind;
    }
    return std::nullopt;
}

std::string messageTypeName(Kind kind, Era era) {
    std::string base = lower(kindName(kind));
    if (era == Era::Modern && (kind == Kind::Deployment || kind == Kind::ReplicaSet)) return base + ".apps";
    if (era == Era::Modern && kind == Kind::EndpointSlice) return base + ".discovery.k8s.io";
    // kubectl 1.5 printed deployments and replica sets with their extensions group dropped.
    return base;
}

std::string notFoundTypeName(Kind kind, Era era) {
    switch (kind) {
    case Kind::Deployment: return era == Era::Legacy ? "deployments.extensions" : "deployments.apps";
    case Kind::ReplicaSet: return era == Era::Legacy ? "replicasets.extensions" : "replicasets.apps";
    case Kind::Namespace: return "namespaces";
    case Kind::Node: return "nodes";
    case Kind::Pod: return "pods";
    case Kind::ReplicationController: return "replicationcontrollers";
    case Kind::Service: return "services";
    case Kind::Endpoints: return "endpoints";
    case Kind::EndpointSlice: return "endpointslices.discovery.k8s.io";
    }
    return "?";
}

std::string notFoundError(Kind kind, const std::string& name, Era era) {
    return "Error from server (NotFound): " + notFoundTypeName(kind, era) + " \"" + name + "\" not found";
}

} // namespace kns::kubectl
