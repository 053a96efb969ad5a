#pragma once
// Deployment revisions, shared by the deployment controller and the rollout functions.
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>

namespace kns {

class Simulation;

constexpr const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
constexpr const char* kChangeCauseAnnotation = "kubernetes.io/change-cause";

// The revision annotation as a number; 0 when absent or malformed.
int revisionOf(const ReplicaSet& rs);
// Keys of the ReplicaSets whose controller is this Deployment, sorted by key.
std::vector<std::string> ownedReplicaSets(const Simulation& sim, const Deployment& d);
int maxRevisionOf(const Simulation& sim, const Deployment& d);

} // namespace kns
