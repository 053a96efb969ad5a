#pragma once
// Internal to the manifest encoder: pieces shared by the per-kind encoders.
#include <nlohmann/json.hpp>

#include <kubenetsim/cluster/objects.hpp>

namespace kns {
class Simulation;
}

namespace kns::encode_detail {

using Json = nlohmann::ordered_json;

bool legacy(const Simulation& sim);
// apiVersion, kind and metadata of a top-level object.
Json objectHead(const Simulation& sim, Kind kind, const ObjectMeta& meta);
Json intOrString(const IntOrString& v);
Json labelSelector(const LabelSelector& s);
Json podSpec(const Simulation& sim, const PodSpec& spec);
Json podTemplate(const Simulation& sim, const PodTemplateSpec& tmpl);
Json objectReference(const ObjectReference& ref);
// Sorts keys at every level, as kubectl prints objects.
Json sortedKeys(const Json& value);

} // namespace kns::encode_detail
