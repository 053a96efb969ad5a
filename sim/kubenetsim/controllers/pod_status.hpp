#pragma once
// Pod status bookkeeping shared by the scheduler, the kubelets and the node lifecycle controller.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>

namespace kns {

class Simulation;

// Sets a pod condition, keeping lastTransitionTime when the status does not change, and keeping
// the conditions in the order kubectl describe shows them: legacy Initialized, Ready,
// PodScheduled; modern PodReadyToStartContainers, Initialized, Ready, ContainersReady,
// PodScheduled. Returns whether anything changed.
bool setPodCondition(Pod& pod, const std::string& type, const std::string& status, const std::string& reason, SimTime now);

// The node definition of that name in the simulation's configuration, or nullptr.
const NodeDef* findNodeDef(const Simulation& sim, const std::string& node);

// Records a phase change as a trace record (pod-phase kind).
void tracePhase(Simulation& sim, const Pod& pod, const std::string& source);

} // namespace kns
