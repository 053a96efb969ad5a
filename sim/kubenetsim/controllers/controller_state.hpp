#pragma once
// The private state of every control-plane process, held by value inside Simulation::State so
// that snapshots capture it. Each process owns one member. Nothing here points anywhere: pending
// work is referred to by EventId and object keys only.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <kubenetsim/time/event.hpp>

namespace kns {

// What a kubelet knows about one container it runs.
struct ContainerRuntime {
    std::int64_t epoch = 0;        // changes on every start and stop; older timers are stale
    bool running = false;
    bool ready = false;            // the readiness probe's verdict (true at start without a probe)
    int readinessSuccesses = 0;    // consecutive, for successThreshold
    int readinessFailures = 0;     // consecutive, for failureThreshold
    int livenessFailures = 0;
    int restarts = 0;
    std::string dockerID;          // 64 hex digits; messages show the first 12 (legacy)
};

// What a kubelet knows about one pod it runs.
struct PodRuntime {
    enum class Stage : std::uint8_t { Admitted, SandboxReady, Running, Terminating };
    std::string uid;
    Stage stage = Stage::Admitted;
    std::int64_t epoch = 0;  // pod-level timers (sandbox, termination) carry it
    std::vector<ContainerRuntime> containers;
};

struct KubeletState {
    bool down = false;           // what-if: the kubelet stopped (node powered off or unreachable)
    std::int64_t nextEpoch = 1;  // source of epochs for timers; monotonic per kubelet
    std::map<std::string, PodRuntime> pods;  // by pod key
    std::set<std::string> images;            // images already pulled on this node
};

// The node lifecycle controller's view of a node it has lost contact with.
struct NodeHealth {
    std::int64_t epoch = 0;  // bumps on every down/up change; older timers are stale
    bool down = false;
    bool markedUnknown = false;
};

struct ControllerStates {
    // Pending reconcile per (component, node, object key) (coalesces bursts of watch events).
    std::map<std::string, EventId> pendingSyncs;
    std::map<std::string, KubeletState> kubelets;  // by node name
    std::map<std::string, NodeHealth> nodeHealth;  // by node name
    // What-if flags: pods (by key) whose readiness or liveness probe fails from now on.
    std::set<std::string> readinessFailing;
    std::set<std::string> livenessFailing;
};

} // namespace kns
