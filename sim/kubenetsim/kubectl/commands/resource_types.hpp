#pragma once
// The resource words kubectl understands (pods, po, pod, rc, svc, deploy ...) and the API kinds
// they name, per era (EndpointSlices exist only in the modern one), plus a visitor that calls a
// generic function with the C++ type of a Kind.
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/core/config.hpp>

namespace kns::kubectl {

// "pods", "po", "pod", "Pod", "deployments.apps" ... -> Kind; nullopt for an unknown word.
std::optional<Kind> resolveResourceType(const std::string& word, Era era);

// The lower-case singular kubectl prints in messages: "pod", "replicationcontroller",
// "deployment" (legacy) / "deployment.apps" (modern, as `kubectl delete` says).
std::string messageTypeName(Kind kind, Era era);

// "pods", "replicationcontrollers", "deployments.extensions" (legacy) / "deployments.apps",
// as "Error from server (NotFound): ... not found" names them.
std::string notFoundTypeName(Kind kind, Era era);

// The message of a NotFound error, with its "Error from server (NotFound): " prefix.
std::string notFoundError(Kind kind, const std::string& name, Era era);

template <class T> struct TypeTag { using type = T; };

// Calls f(TypeTag<T>{}) with the object type of kind.
template <class F> decltype(auto) visitKind(Kind kind, F&& f) {
    switch (kind) {
    case Kind::Namespace: return f(TypeTag<Namespace>{});
    case Kind::Node: return f(TypeTag<Node>{});
    case Kind::Pod: return f(TypeTag<Pod>{});
    case Kind::ReplicationController: return f(TypeTag<ReplicationController>{});
    case Kind::ReplicaSet: return f(TypeTag<ReplicaSet>{});
    case Kind::Deployment: return f(TypeTag<Deployment>{});
    case Kind::Service: return f(TypeTag<Service>{});
    case Kind::Endpoints: return f(TypeTag<Endpoints>{});
    case Kind::EndpointSlice: return f(TypeTag<EndpointSlice>{});
    }
    return f(TypeTag<Pod>{});
}

} // namespace kns::kubectl
