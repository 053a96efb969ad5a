#pragma once
// Events are plain records: which component receives it, a component-local kind code, and a small
// payload of values (never pointers or closures). That makes the pending-event set copyable, so a
// whole simulation can be snapshotted and restored, and printable in traces.
#include <cstdint>
#include <string>

#include <kubenetsim/time/sim_time.hpp>

namespace kns {

// Every simulated process that can receive events. The receiver of an event is
// (component, key): for per-node processes the key is the node name.
enum class Component : std::uint8_t {
    None = 0,
    ApiServer,
    ReplicationManager,
    DeploymentController,
    Scheduler,
    Kubelet,
    EndpointsController,
    GarbageCollector,
    NamespaceController,
    KubeProxy,
    Network,
    Shell,
    Bench,
    NodeLifecycle,  // node controller: node health, marking pods not ready, eviction
};
const char* componentName(Component c);

struct Event {
    Component target = Component::None;
    std::uint16_t kind = 0;      // meaning defined by the target component
    std::string node;            // for per-node processes (kubelet, kube-proxy): which node's instance
    std::string key;             // object key ("ns/name"), ...
    std::int64_t arg = 0;        // small payload; meaning defined by the kind
    std::int64_t arg2 = 0;
};

// A small value handle to a scheduled event. Default-constructed handles refer to nothing;
// cancelling a handle whose event already ran or was cancelled is a harmless no-op.
struct EventId {
    std::uint32_t slot = UINT32_MAX;
    std::uint32_t generation = 0;
    bool valid() const { return slot != UINT32_MAX; }
    friend bool operator==(const EventId&, const EventId&) = default;
};

} // namespace kns
