#pragma once
// Shared plumbing of the control-plane processes (internal to controllers/): timer kinds,
// coalesced reconciles, the handlers, and small helpers every controller uses.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/time/event.hpp>

namespace kns {

class Simulation;

// Timer kinds, per component (watch notifications use kWatchEvent from cluster/api.hpp).
namespace timer {
constexpr std::uint16_t kSync = 1;             // reconcile Event::key
constexpr std::uint16_t kSyncAll = 2;          // reconcile every object of the component
// Kubelet (Event::node is the node, key the pod, arg the epoch, arg2 the container index).
constexpr std::uint16_t kSandboxReady = 10;
constexpr std::uint16_t kContainerStarted = 11;
constexpr std::uint16_t kReadinessProbe = 12;
constexpr std::uint16_t kLivenessProbe = 13;
constexpr std::uint16_t kContainerRestart = 14;
constexpr std::uint16_t kTerminated = 15;
constexpr std::uint16_t kKubeletResume = 16;   // the kubelet came back: resync every pod
constexpr std::uint16_t kReadinessFlag = 17;   // the what-if readiness flag of pod `key` changed
// Node lifecycle (key is the node, arg the NodeHealth epoch).
constexpr std::uint16_t kNodeGraceExpired = 20;
constexpr std::uint16_t kNodeEvict = 21;
} // namespace timer

// Asks `component` to reconcile `key` after `delay`, unless a reconcile of that key is already
// pending (like a workqueue, bursts of watch events collapse into one sync).
void requestSync(Simulation& sim, Component component, const std::string& key, SimTime delay,
                 const std::string& node = {}, std::uint16_t kind = timer::kSync);
// Call at the start of a sync: forgets the pending entry so later changes request a new one.
void syncStarted(Simulation& sim, const Event& e);

void handleReplicationManager(Simulation& sim, const Event& e);
void handleDeploymentController(Simulation& sim, const Event& e);
void handleScheduler(Simulation& sim, const Event& e);
void handleKubelet(Simulation& sim, const Event& e);
void handleEndpointsController(Simulation& sim, const Event& e);
void handleGarbageCollector(Simulation& sim, const Event& e);
void handleNamespaceController(Simulation& sim, const Event& e);
void handleNodeLifecycle(Simulation& sim, const Event& e);

// ---- helpers ----------------------------------------------------------------------------------
template <class T> ObjectReference referenceTo(const T& obj, const char* kind) {
    return ObjectReference{kind, obj.meta.ns, obj.meta.name, obj.meta.uid};
}
// An owner reference marking `owner` as the managing controller (controller=true).
OwnerReference controllerReference(const ObjectMeta& owner, const std::string& apiVersion, const std::string& kind);
// A trace record of a controller action.
void traceAction(Simulation& sim, const std::string& source, const std::string& subject, const std::string& message);
// Is the object with that controller reference still the one it names (same uid)?
bool ownerExists(const Simulation& sim, const std::string& ns, const OwnerReference& ref);

} // namespace kns
