// The garbage collector: when an owner is deleted, its dependents go too (background cascading
// deletion, Kubernetes' default since 1.8 for kubectl and the API). A dependent is collected
// when none of its owner references names an object that still exists with the same uid.
// Pods are deleted gracefully (their kubelet stops them); other kinds are removed at once, and
// their own dependents follow on the next round.
#include <kubenetsim/controllers/garbage_collector.hpp>

#include <algorithm>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "garbage-collector";

template <class T> bool orphaned(const Simulation& sim, const T& obj) {
    if (obj.meta.ownerReferences.empty()) return false;
    for (const auto& ref : obj.meta.ownerReferences)
        if (ownerExists(sim, obj.meta.ns, ref)) return false;
    return true;
}

template <class T> std::vector<std::string> orphans(const Simulation& sim) {
    std::vector<std::string> keys;
    for (const auto& [key, obj] : sim.objects().of<T>())
        if (orphaned(sim, obj)) keys.push_back(key);
    return keys;
}

void collect(Simulation& sim) {
    Api api = sim.api();
    for (const std::string& key : orphans<ReplicaSet>(sim)) {
        traceAction(sim, kSource, "replicaset/" + key, "owner gone, deleting");
        api.remove<ReplicaSet>(key, kSource);
    }
    for (const std::string& key : orphans<EndpointSlice>(sim)) {
        traceAction(sim, kSource, "endpointslice/" + key, "owner gone, deleting");
        api.remove<EndpointSlice>(key, kSource);
    }
    for (const std::string& key : orphans<Pod>(sim)) {
        const Pod& pod = sim.objects().pods.at(key);
        if (pod.meta.deletionTimestamp) continue;
        const std::string ns = pod.meta.ns, name = pod.meta.name;  // copies: deleting rewrites the pod
        traceAction(sim, kSource, "pod/" + key, "owner gone, deleting");
        api.deleteObject(Kind::Pod, ns, name, kSource);
    }
}

} // namespace

namespace {
template <class T> int orphanAll(Simulation& sim, const std::string& ownerUid) {
    std::vector<T> changed;
    for (const auto& [key, obj] : sim.objects().of<T>()) {
        const auto& refs = obj.meta.ownerReferences;
        if (std::none_of(refs.begin(), refs.end(), [&](const OwnerReference& r) { return r.uid == ownerUid; })) continue;
        T next = obj;
        auto& nr = next.meta.ownerReferences;
        nr.erase(std::remove_if(nr.begin(), nr.end(), [&](const OwnerReference& r) { return r.uid == ownerUid; }), nr.end());
        changed.push_back(std::move(next));
    }
    for (const T& obj : changed) sim.api().update(obj, kSource);
    return static_cast<int>(changed.size());
}
} // namespace

int orphanDependents(Simulation& sim, const std::string& ownerUid) {
    return orphanAll<Pod>(sim, ownerUid) + orphanAll<ReplicaSet>(sim, ownerUid);
}

void handleGarbageCollector(Simulation& sim, const Event& e) {
    if (e.kind == kWatchEvent) {
        if (static_cast<WatchType>(e.arg2) == WatchType::Deleted)
            requestSync(sim, Component::GarbageCollector, "*", sim.config().latency.controllerWork, {}, timer::kSyncAll);
        return;
    }
    syncStarted(sim, e);
    collect(sim);
}

} // namespace kns
