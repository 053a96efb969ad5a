#pragma once
// A cheap stamp of what the cluster's objects and the nodes' interfaces look like, for views that
// derive something from them (the cluster layout, the what-if panel's pod list) and must not
// rebuild it every frame while time passes.
//
// Every create and update of an API object bumps the simulation's resourceVersion; a removal does
// not (as in the simulation's API), but changes an object count. The nodes' interfaces change with
// pods (a veth each, counted) or by a command. Commands and restored snapshots move the session's
// stateEpoch. Equal stamps therefore mean the same objects and interfaces, at the cost of a few
// counters and one map lookup per node.
#include <cstddef>
#include <cstdint>

#include <ui/model/ui_session.hpp>

namespace kns::ui {

struct ObjectsStamp {
    std::uint64_t stateEpoch = 0;
    std::uint64_t resourceVersion = 0;
    std::size_t pods = 0;
    std::size_t services = 0;
    std::size_t nodes = 0;
    std::size_t nodeInterfaces = 0;  // summed over the nodes' own namespaces
    bool operator==(const ObjectsStamp& o) const {
        return stateEpoch == o.stateEpoch && resourceVersion == o.resourceVersion && pods == o.pods && services == o.services && nodes == o.nodes &&
               nodeInterfaces == o.nodeInterfaces;
    }
    bool operator!=(const ObjectsStamp& o) const { return !(*this == o); }
};

inline ObjectsStamp objectsStamp(const UiSession& session) {
    const Simulation& sim = session.sim();
    ObjectsStamp s;
    s.stateEpoch = session.stateEpoch();
    s.resourceVersion = sim.state().resourceVersion;
    s.pods = sim.objects().pods.size();
    s.services = sim.objects().services.size();
    s.nodes = sim.config().nodes.size();
    const auto& namespaces = sim.state().dataPlane.namespaces;
    for (const NodeDef& n : sim.config().nodes)
        if (auto ns = namespaces.find(nodeNamespaceKey(n.name)); ns != namespaces.end()) s.nodeInterfaces += ns->second.interfaces.size();
    return s;
}

} // namespace kns::ui
