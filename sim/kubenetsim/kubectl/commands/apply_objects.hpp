#pragma once
// The heart of `kubectl apply` / `kubectl create`: decoded objects into the cluster.
//  - create: each object is created; an existing one is an AlreadyExists error.
//  - apply: a missing object is created with the last-applied annotation; an existing one whose
//    manifest equals its last-applied configuration is "unchanged" ("configured" in kubectl
//    1.5, which always said so); otherwise its spec is replaced by the manifest's (a new pod
//    template of a Deployment thus starts a rollout) and it is "configured".
//  - All or nothing: on the first failure the simulation is put back as it was before the
//    command (snapshot and restore) and only the error is printed.
#include <vector>

#include <kubenetsim/kubectl/commands/manifest_input.hpp>

namespace kns::kubectl {

CommandResult applyObjects(Context& ctx, std::vector<InputObject> objects, bool createOnly);

} // namespace kns::kubectl
