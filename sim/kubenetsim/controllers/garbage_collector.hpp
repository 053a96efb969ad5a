#pragma once
// Owner garbage collection (the collector itself is a control-plane process; see
// control_plane.hpp). This header offers what `kubectl delete --cascade=orphan` (legacy:
// --cascade=false) needs: dependents that should survive their owner.
#include <string>

namespace kns {

class Simulation;

// Removes every owner reference to `ownerUid` from pods and ReplicaSets, so deleting that owner
// afterwards leaves them running (unowned, free to be adopted). Returns how many were changed.
int orphanDependents(Simulation& sim, const std::string& ownerUid);

} // namespace kns
