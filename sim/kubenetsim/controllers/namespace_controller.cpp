// The namespace controller: a Terminating namespace is emptied (every object in it deleted,
// pods gracefully) and removed once its last pod is gone, as Kubernetes' namespace lifecycle
// controller does. The API server already refuses new objects in a Terminating namespace.
#include <algorithm>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "namespace-controller";

template <class T> void removeAll(Simulation& sim, const std::string& ns) {
    std::vector<std::string> keys;
    for (const T* obj : sim.api().list<T>(ns)) keys.push_back(objectKey(*obj));
    for (const auto& key : keys)
        if (sim.api().getByKey<T>(key)) sim.api().remove<T>(key, kSource);
}

void syncNamespace(Simulation& sim, const std::string& name) {
    Api api = sim.api();
    const Namespace* ns = api.get<Namespace>("", name);
    if (!ns || ns->phase != "Terminating") return;
    removeAll<Deployment>(sim, name);
    removeAll<ReplicaSet>(sim, name);
    removeAll<ReplicationController>(sim, name);
    removeAll<Service>(sim, name);
    removeAll<Endpoints>(sim, name);
    removeAll<EndpointSlice>(sim, name);
    std::vector<std::string> pods;
    for (const Pod* p : api.list<Pod>(name))
        if (!p->meta.deletionTimestamp) pods.push_back(p->meta.name);
    for (const auto& pod : pods) api.deleteObject(Kind::Pod, name, pod, kSource);
    if (!api.list<Pod>(name).empty()) {  // wait for the kubelets to stop them
        requestSync(sim, Component::NamespaceController, name, SimTime::s(1));
        return;
    }
    auto& events = sim.state().objects.events;
    events.erase(std::remove_if(events.begin(), events.end(), [&](const KubeEvent& e) { return e.ns == name; }), events.end());
    traceAction(sim, kSource, "namespace/" + name, "emptied, removing");
    api.remove<Namespace>(name, kSource);
}

} // namespace

void handleNamespaceController(Simulation& sim, const Event& e) {
    if (e.kind == kWatchEvent) {
        // Node notifications also arrive here; the node lifecycle controller is timer-driven.
        if (static_cast<Kind>(e.arg) == Kind::Namespace && static_cast<WatchType>(e.arg2) != WatchType::Deleted)
            requestSync(sim, Component::NamespaceController, e.key, sim.config().latency.controllerWork);
        return;
    }
    if (e.kind != timer::kSync) return;
    syncStarted(sim, e);
    syncNamespace(sim, e.key);
}

} // namespace kns
