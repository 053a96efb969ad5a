#pragma once
// Pod templates as the workload controllers use them: a canonical text of a template (to compare
// templates and hash them like the deployment controller's pod-template-hash) and the pod a
// controller creates from one.
#include <cstdint>
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>

namespace kns {

constexpr const char* kPodTemplateHashLabel = "pod-template-hash";

// A canonical rendering of everything in the template that kubenetsim models. With ignoreHash,
// the pod-template-hash label is left out (Kubernetes' EqualIgnoreHash).
std::string templateFingerprint(const PodTemplateSpec& tmpl, bool ignoreHash);

// The value of the pod-template-hash label: FNV-32a over the template. Legacy (1.5) prints the
// number in decimal ("2035384211"); modern encodes the decimal text with the safe alphabet
// ("7fb96c846b"), as rand.SafeEncodeString does.
std::string podTemplateHash(const PodTemplateSpec& tmpl, Era era);

// The pod a replication controller or replica set creates: generateName "<owner>-", the
// template's labels, annotations and spec, and a controller owner reference. Legacy also records
// the kubernetes.io/created-by annotation that kubectl 1.5 reads for "Controllers:".
Pod podFromTemplate(const PodTemplateSpec& tmpl, const ObjectMeta& owner, const std::string& ownerApiVersion,
                    const std::string& ownerKind, Era era);

} // namespace kns
