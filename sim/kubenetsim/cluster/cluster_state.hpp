#pragma once
// Every API object of the cluster, as the API server's storage holds it. Keys are "ns/name" for
// namespaced kinds and "name" for cluster-scoped ones; maps keep them sorted so every listing
// and every iteration is deterministic.
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>

namespace kns {

struct ClusterState {
    std::map<std::string, Namespace> namespaces;
    std::map<std::string, Node> nodes;
    std::map<std::string, Pod> pods;
    std::map<std::string, ReplicationController> replicationControllers;
    std::map<std::string, ReplicaSet> replicaSets;
    std::map<std::string, Deployment> deployments;
    std::map<std::string, Service> services;
    std::map<std::string, Endpoints> endpoints;
    std::map<std::string, EndpointSlice> endpointSlices;
    std::vector<KubeEvent> events;  // in recording order; see cluster/events.hpp

    template <class T> std::map<std::string, T>& of();
    template <class T> const std::map<std::string, T>& of() const { return const_cast<ClusterState*>(this)->of<T>(); }
};

template <> inline std::map<std::string, Namespace>& ClusterState::of<Namespace>() { return namespaces; }
template <> inline std::map<std::string, Node>& ClusterState::of<Node>() { return nodes; }
template <> inline std::map<std::string, Pod>& ClusterState::of<Pod>() { return pods; }
template <> inline std::map<std::string, ReplicationController>& ClusterState::of<ReplicationController>() { return replicationControllers; }
template <> inline std::map<std::string, ReplicaSet>& ClusterState::of<ReplicaSet>() { return replicaSets; }
template <> inline std::map<std::string, Deployment>& ClusterState::of<Deployment>() { return deployments; }
template <> inline std::map<std::string, Service>& ClusterState::of<Service>() { return services; }
template <> inline std::map<std::string, Endpoints>& ClusterState::of<Endpoints>() { return endpoints; }
template <> inline std::map<std::string, EndpointSlice>& ClusterState::of<EndpointSlice>() { return endpointSlices; }

template <class T> constexpr Kind kindOf();
template <> constexpr Kind kindOf<Namespace>() { return Kind::Namespace; }
template <> constexpr Kind kindOf<Node>() { return Kind::Node; }
template <> constexpr Kind kindOf<Pod>() { return Kind::Pod; }
template <> constexpr Kind kindOf<ReplicationController>() { return Kind::ReplicationController; }
template <> constexpr Kind kindOf<ReplicaSet>() { return Kind::ReplicaSet; }
template <> constexpr Kind kindOf<Deployment>() { return Kind::Deployment; }
template <> constexpr Kind kindOf<Service>() { return Kind::Service; }
template <> constexpr Kind kindOf<Endpoints>() { return Kind::Endpoints; }
template <> constexpr Kind kindOf<EndpointSlice>() { return Kind::EndpointSlice; }

bool isNamespaced(Kind k);
// "ns/name" for namespaced kinds, "name" otherwise.
std::string objectKey(Kind k, const std::string& ns, const std::string& name);
template <class T> std::string objectKey(const T& obj) { return objectKey(kindOf<T>(), obj.meta.ns, obj.meta.name); }

} // namespace kns
