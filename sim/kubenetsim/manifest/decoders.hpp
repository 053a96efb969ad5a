#pragma once
// Internal to the manifest decoder: one function per kind, each reading a document's root
// mapping after decodeManifests() has taken apiVersion and kind. They throw DecodeFailure
// (through MapReader) on the first problem.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/manifest/yaml_fields.hpp>

namespace kns::manifest_detail {

// Which Kubernetes name rule metadata.name follows.
enum class NameRule { Subdomain, Label, ServiceLabel };  // RFC 1123 subdomain / label, RFC 1035 label

// metadata of a top-level object; name or generateName is required.
void decodeObjectMeta(MapReader& root, ObjectMeta& meta, NameRule rule);
// "Invalid value: ..." message when `name` breaks `rule`, empty when it is valid.
std::string nameProblem(const std::string& name, NameRule rule);

void decodePodSpec(MapReader& spec, PodSpec& out);
// spec.template of a workload controller; its pod spec needs containers.
void decodePodTemplate(MapReader& spec, PodTemplateSpec& out);
// matchLabels / matchExpressions of apps/v1-style selectors.
void decodeLabelSelector(MapReader& selector, LabelSelector& out);
// Fails at spec.template.metadata.labels when the selector does not select the template.
void checkSelectorMatchesTemplate(MapReader& spec, const LabelSelector& selector, const PodTemplateSpec& tmpl);
// "SCTP", "TCP", "UDP"; fails otherwise.
void checkProtocol(MapReader& r, const std::string& key, const std::string& value);
void checkPortNumber(MapReader& r, const std::string& key, int port);

Namespace decodeNamespace(MapReader& root);
Node decodeNode(MapReader& root);
Pod decodePod(MapReader& root);
ReplicationController decodeReplicationController(MapReader& root);
ReplicaSet decodeReplicaSet(MapReader& root, const std::string& apiVersion);
Deployment decodeDeployment(MapReader& root, const std::string& apiVersion);
Service decodeService(MapReader& root);
Endpoints decodeEndpoints(MapReader& root);
EndpointSlice decodeEndpointSlice(MapReader& root);

} // namespace kns::manifest_detail
