#pragma once
// What-if controls: the shell's `sim node down|up NODE` and `sim pod unready|ready POD`, and
// whatever else wants to break the cluster on purpose. Each returns an error (and changes
// nothing) when the node or pod does not exist; the message is the API's ("nodes \"x\" not found"),
// with no location (the caller adds its command word).
#include <optional>
#include <string>

#include <kubenetsim/util/expected.hpp>

namespace kns {

class Simulation;

// down: the node's kubelet stops (no status, no probes, no pod work). After
// latency.nodeMonitorGrace the node lifecycle controller marks the node Ready=Unknown and its
// pods not ready (endpoints drop them); after a further latency.podEviction it deletes them, so
// their controllers create replacements on other nodes. The deleted pods stay Terminating until
// the node returns. up: the kubelet comes back, reports Ready and resyncs its pods (terminating
// the deleted ones, probing the others afresh). Setting the current state again is a no-op.
std::optional<Error> setNodeDown(Simulation& sim, const std::string& node, bool down);

// podKey is "namespace/name". failing: the pod's readiness probe fails from its next run on
// (the pod leaves Ready after failureThreshold failures); a container without a readiness probe
// turns not ready at once. Clearing the flag reverses it the same way.
std::optional<Error> setPodReadinessFailing(Simulation& sim, const std::string& podKey, bool failing);

// Same for the liveness probe: after failureThreshold failures the kubelet kills the container
// and restarts it (restartCount grows; repeated restarts back off as CrashLoopBackOff).
// Containers without a liveness probe are unaffected.
std::optional<Error> setPodLivenessFailing(Simulation& sim, const std::string& podKey, bool failing);

} // namespace kns
