#pragma once
// API objects back to Kubernetes-shaped JSON and YAML, for `kubectl get -o json|yaml`.
//
// Contract:
//  - toJson() gives the object as the API server returns it: apiVersion, kind, metadata (uid,
//    resourceVersion as a string, creationTimestamp in RFC 3339 UTC on the simulated wall clock,
//    ownerReferences ...), spec with the API server's defaults filled in, and status. Keys are
//    in the order kubectl prints them: sorted, at every level (kubectl prints the object as an
//    unstructured map, so apiVersion, kind, metadata, spec, status come out in that order).
//  - The era decides what the API server of the time returned: legacy (Kubernetes 1.5) adds
//    selfLink and serves Deployments and ReplicaSets as extensions/v1beta1; modern
//    (Kubernetes 1.30) adds clusterIPs, ipFamilies, podIPs, schedulerName and the like.
//  - jsonText() is kubectl's -o json layout (4-space indent, final newline); yamlText() is its
//    -o yaml layout (2-space indent, sequences not indented under their key, strings quoted
//    only when YAML needs it: "1.0", "true", "12345", ""; the modern era also quotes
//    timestamps, as its YAML library does).
//  - listJson() wraps several objects as kubectl does for `get KIND -o yaml`:
//    {apiVersion: v1, items: [...], kind: List, metadata: {resourceVersion: ""}}.
// Simplification: long strings are not folded at 80 columns as kubectl 1.5's YAML library did.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/manifest/manifest.hpp>

namespace kns {

class Simulation;

nlohmann::ordered_json toJson(const Simulation& sim, const Namespace& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const Node& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const Pod& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const ReplicationController& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const ReplicaSet& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const Deployment& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const Service& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const Endpoints& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const EndpointSlice& obj);
nlohmann::ordered_json toJson(const Simulation& sim, const ApiObject& obj);

nlohmann::ordered_json listJson(std::vector<nlohmann::ordered_json> items);

std::string jsonText(const nlohmann::ordered_json& value);
std::string yamlText(const nlohmann::ordered_json& value, Era era);

// "2017-04-25T13:47:45Z": a simulated instant on the wall clock, in UTC.
std::string rfc3339(const Simulation& sim, SimTime t);

} // namespace kns
