#pragma once
// Internal to controllers/: the kubelet's pieces shared between its lifecycle (kubelet.cpp) and
// its probes and restarts (kubelet_probes.cpp).
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/controllers/controller_state.hpp>

namespace kns {

class Simulation;

namespace kubelet {

KubeletState& stateOf(Simulation& sim, const std::string& node);
PodRuntime* runtimeOf(Simulation& sim, const std::string& node, const std::string& podKey);
std::string source(const std::string& node);  // "kubelet/<node>", the actor of its API writes

// Records a Kubernetes Event about a container of the pod, from the kubelet of that node.
void containerEvent(Simulation& sim, const Pod& pod, const std::string& container, const std::string& type,
                    const std::string& reason, const std::string& message);

// Copies the stored pod, applies f, writes it back. No-op when the pod is gone.
template <class F> void mutatePod(Simulation& sim, const std::string& node, const std::string& podKey, F&& f);

// Sets Ready (and, modern, ContainersReady) from the runtime's containers.
void refreshReadiness(Simulation& sim, Pod& pod, const PodRuntime& rt);

// Starts (or restarts) container i: the Pulled event (pulled: the image was just pulled, else it
// was already present), Created, Started, status running, and the first probes.
// Precondition: the sandbox is ready.
void startContainer(Simulation& sim, const std::string& node, const std::string& podKey, std::size_t i, bool pulled);
// kContainerStarted timers carry the container index in arg2, with this bit when a pull preceded.
constexpr std::int64_t kPulledFlag = 0x10000;
// Schedules the first readiness and liveness probes of a freshly started container.
void scheduleProbes(Simulation& sim, const std::string& node, const std::string& podKey, std::size_t i);
void handleProbe(Simulation& sim, const Event& e);
// Containers without a readiness probe follow the what-if readiness flag directly.
void applyReadinessFlag(Simulation& sim, const std::string& node, const std::string& podKey);
void handleRestart(Simulation& sim, const Event& e);

} // namespace kubelet
} // namespace kns

#include <kubenetsim/core/simulation.hpp>

template <class F> void kns::kubelet::mutatePod(Simulation& sim, const std::string& node, const std::string& podKey, F&& f) {
    Api api = sim.api();
    const Pod* p = api.getByKey<Pod>(podKey);
    if (!p) return;
    Pod next = *p;
    f(next);
    api.update(next, source(node));
}
