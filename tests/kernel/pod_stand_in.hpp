#pragma once
// TEMPORARY: pod network namespaces for a simulation that does not build them yet.
// The simulator is getting pods' namespaces in its data-plane state ("pod/NS/NAME"); until a
// simulation has them, the kernel suite adds them to its copy of the state following the same
// conventions (legacy: eth0 on the node's docker0 through a veth with hairpin on; modern:
// kindnet's point-to-point veth, the node side holding the pod gateway as a /32 with a host
// route per pod). Pods the state already has are left alone, so this does nothing once the
// simulator builds them itself, and is to be deleted then.
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>

namespace kns::kerneltest {

// Returns how many pod namespaces it added.
int addMissingPodNamespaces(const Simulation& sim, DataPlaneState& state);

} // namespace kns::kerneltest
