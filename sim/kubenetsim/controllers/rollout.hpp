#pragma once
// `kubectl rollout history` and `kubectl rollout undo` against the simulated cluster. The
// deployment controller does the rolling; these read its revisions and point the Deployment back
// at an old template (the controller then reuses that revision's ReplicaSet under a new number).
#include <string>
#include <vector>

#include <kubenetsim/cluster/api.hpp>

namespace kns {

class Simulation;

struct RolloutRevision {
    int revision = 0;
    std::string changeCause;  // the kubernetes.io/change-cause annotation; empty when none
    std::string replicaSet;   // its ReplicaSet's name
    PodTemplateSpec tmpl;     // the template, without the pod-template-hash label
};

// The revisions of Deployment `key` ("ns/name"), oldest first. NotFound when it does not exist.
Expected<std::vector<RolloutRevision>, ApiError> rolloutHistory(Simulation& sim, const std::string& key);

struct RollbackResult {
    int revision = 0;       // the revision rolled back to
    bool skipped = false;   // the Deployment already runs that template: nothing changed
};

// Rolls Deployment `key` back to `revision` (0: the one before the current). Errors, which change
// nothing: NotFound; BadRequest with kubectl's wording, "unable to find specified revision 7 in
// history" or "no rollout history found for deployment \"x\"". Legacy also records the 1.5
// controller's DeploymentRollback event ("Rolled back deployment \"x\" to revision 1").
Expected<RollbackResult, ApiError> rollbackDeployment(Simulation& sim, const std::string& key, int revision = 0);

} // namespace kns
