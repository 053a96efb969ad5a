#include <kubenetsim/controllers/control_plane.hpp>

#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {
std::string syncSlot(Component c, const std::string& node, const std::string& key, std::uint16_t kind) {
    return std::string(componentName(c)) + "|" + node + "|" + std::to_string(kind) + "|" + key;
}
} // namespace

void registerControlPlane(Simulation& sim) {
    sim.setHandler(Component::ReplicationManager, handleReplicationManager);
    sim.setHandler(Component::DeploymentController, handleDeploymentController);
    sim.setHandler(Component::Scheduler, handleScheduler);
    sim.setHandler(Component::Kubelet, handleKubelet);
    sim.setHandler(Component::EndpointsController, handleEndpointsController);
    sim.setHandler(Component::GarbageCollector, handleGarbageCollector);
    sim.setHandler(Component::NamespaceController, handleNamespaceController);
    sim.setHandler(Component::NodeLifecycle, handleNodeLifecycle);
}

void runUntilSettled(Simulation& sim, SimTime limit) {
    const SimTime end = sim.now() + limit;
    while (sim.kernel().peekNextTime() <= end)
        if (!sim.step()) break;
}

void requestSync(Simulation& sim, Component component, const std::string& key, SimTime delay, const std::string& node,
                 std::uint16_t kind) {
    auto& pending = sim.state().controllers.pendingSyncs;
    const std::string slot = syncSlot(component, node, key, kind);
    auto it = pending.find(slot);
    if (it != pending.end() && sim.kernel().isPending(it->second)) return;
    pending[slot] = sim.schedule(delay, Event{component, kind, node, key, 0, 0});
}

void syncStarted(Simulation& sim, const Event& e) {
    sim.state().controllers.pendingSyncs.erase(syncSlot(e.target, e.node, e.key, e.kind));
}

OwnerReference controllerReference(const ObjectMeta& owner, const std::string& apiVersion, const std::string& kind) {
    return OwnerReference{apiVersion, kind, owner.name, owner.uid, true, true};
}

void traceAction(Simulation& sim, const std::string& source, const std::string& subject, const std::string& message) {
    sim.emit(TraceKind::ControllerAction, source, subject, message);
}

bool ownerExists(const Simulation& sim, const std::string& ns, const OwnerReference& ref) {
    const ClusterState& s = sim.objects();
    const std::string key = ns + "/" + ref.name;
    auto check = [&](const auto& map) {
        auto it = map.find(key);
        return it != map.end() && it->second.meta.uid == ref.uid;
    };
    if (ref.kind == "ReplicationController") return check(s.replicationControllers);
    if (ref.kind == "ReplicaSet") return check(s.replicaSets);
    if (ref.kind == "Deployment") return check(s.deployments);
    if (ref.kind == "Service") return check(s.services);
    if (ref.kind == "Pod") return check(s.pods);
    return true;  // kinds kubenetsim does not model (DaemonSet, Job ...) are assumed present
}

} // namespace kns
