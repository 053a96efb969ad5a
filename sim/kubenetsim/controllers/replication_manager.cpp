// The replication manager: keeps the number of running pods of every ReplicationController and
// ReplicaSet equal to its replicas, like kube-controller-manager's replication and replicaset
// controllers (one process here, as both share one sync loop in Kubernetes too).
//
// Watch keys are prefixed "rc|" or "rs|" so one component can tell the two kinds apart.
#include <algorithm>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/pod_template.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "replication-manager";

LabelSelector selectorOf(const ReplicationController& rc) { return LabelSelector{rc.selector, {}}; }
LabelSelector selectorOf(const ReplicaSet& rs) { return rs.selector; }
int minReadySecondsOf(const ReplicationController&) { return 0; }
int minReadySecondsOf(const ReplicaSet& rs) { return rs.minReadySeconds; }

struct Traits {
    const char* kind;
    const char* prefix;
    const char* eventSource;
};
Traits traitsOf(const ReplicationController&) { return {"ReplicationController", "rc|", "replication-controller"}; }
Traits traitsOf(const ReplicaSet&) { return {"ReplicaSet", "rs|", "replicaset-controller"}; }
std::string apiVersionOf(const ReplicationController&, Era) { return "v1"; }
std::string apiVersionOf(const ReplicaSet&, Era era) { return era == Era::Legacy ? "extensions/v1beta1" : "apps/v1"; }

int phaseRank(const Pod& p) {
    if (p.status.phase == "Pending") return 0;
    if (p.status.phase == "Unknown") return 1;
    return 2;
}

// Which pods go first when scaling down, as Kubernetes' ActivePods ordering: unscheduled before
// scheduled, pending before unknown before running, not ready before ready, ready for less time
// before ready for longer, more restarts before fewer, newer before older; then by name so the
// choice is deterministic. (Kubernetes 1.21+ also prefers pods doubled up on one node; kubenetsim
// does not model that ranking.)
bool deleteBefore(const Pod* a, const Pod* b) {
    const bool sa = !a->spec.nodeName.empty(), sb = !b->spec.nodeName.empty();
    if (sa != sb) return !sa;
    if (phaseRank(*a) != phaseRank(*b)) return phaseRank(*a) < phaseRank(*b);
    const bool ra = a->status.isReady(), rb = b->status.isReady();
    if (ra != rb) return !ra;
    if (ra) {
        const SimTime ta = a->status.condition("Ready")->lastTransitionTime, tb = b->status.condition("Ready")->lastTransitionTime;
        if (ta != tb) return ta > tb;
    }
    auto restarts = [](const Pod* p) {
        int n = 0;
        for (const auto& c : p->status.containerStatuses) n = std::max(n, c.restartCount);
        return n;
    };
    if (restarts(a) != restarts(b)) return restarts(a) > restarts(b);
    if (a->meta.creationTimestamp != b->meta.creationTimestamp) return a->meta.creationTimestamp > b->meta.creationTimestamp;
    return a->meta.name < b->meta.name;
}

bool isActive(const Pod& p) {
    return !p.meta.deletionTimestamp && p.status.phase != "Succeeded" && p.status.phase != "Failed";
}

// Adopts matching orphans and releases owned pods that no longer match, as the controller
// ref manager does; returns the pods the controller owns afterwards.
template <class T>
std::vector<std::string> claimPods(Simulation& sim, const T& owner) {
    Api api = sim.api();
    const LabelSelector sel = selectorOf(owner);
    std::vector<std::string> owned;
    for (const Pod* p : api.list<Pod>(owner.meta.ns)) {
        const OwnerReference* ref = p->meta.controllerRef();
        const bool matches = sel.matches(p->meta.labels);
        if (ref && ref->uid == owner.meta.uid) {
            if (matches) {
                owned.push_back(objectKey(*p));
                continue;
            }
            Pod released = *p;
            auto& refs = released.meta.ownerReferences;
            refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const OwnerReference& r) { return r.uid == owner.meta.uid; }), refs.end());
            api.update(released, kSource);
            traceAction(sim, kSource, "pod/" + objectKey(*p), "released from " + owner.meta.name + " (labels no longer match)");
        } else if (!ref && matches && !p->meta.deletionTimestamp) {
            Pod adopted = *p;
            adopted.meta.ownerReferences.push_back(controllerReference(owner.meta, apiVersionOf(owner, sim.era()), traitsOf(owner).kind));
            api.update(adopted, kSource);
            traceAction(sim, kSource, "pod/" + objectKey(*p), "adopted by " + owner.meta.name);
            owned.push_back(objectKey(adopted));
        }
    }
    return owned;
}

template <class T>
void syncController(Simulation& sim, const std::string& key) {
    Api api = sim.api();
    const T* found = api.getByKey<T>(key);
    if (!found) return;  // deleted: its pods are the garbage collector's
    const T owner = *found;
    const Traits traits = traitsOf(owner);
    const ObjectReference self{traits.kind, owner.meta.ns, owner.meta.name, owner.meta.uid};

    std::vector<const Pod*> active;
    for (const std::string& podKey : claimPods(sim, owner))
        if (const Pod* p = api.getByKey<Pod>(podKey); p && isActive(*p)) active.push_back(p);

    const int diff = static_cast<int>(active.size()) - owner.replicas;
    if (diff < 0) {
        for (int i = 0; i < -diff; ++i) {
            auto created = api.create(podFromTemplate(owner.tmpl, owner.meta, apiVersionOf(owner, sim.era()), traits.kind, sim.era()), kSource);
            if (!created) {
                recordEvent(sim, self, "Warning", "FailedCreate", "Error creating: " + created.error().message, traits.eventSource);
                break;
            }
            const std::string name = created->substr(created->find('/') + 1);
            recordEvent(sim, self, "Normal", "SuccessfulCreate", "Created pod: " + name, traits.eventSource);
        }
    } else if (diff > 0) {
        std::vector<const Pod*> ranked = active;
        std::sort(ranked.begin(), ranked.end(), deleteBefore);
        std::vector<std::string> doomed;
        for (int i = 0; i < diff; ++i) doomed.push_back(ranked[static_cast<std::size_t>(i)]->meta.name);
        for (const std::string& name : doomed) {
            if (api.deleteObject(Kind::Pod, owner.meta.ns, name, kSource)) continue;
            recordEvent(sim, self, "Normal", "SuccessfulDelete", "Deleted pod: " + name, traits.eventSource);
        }
    }

    // Status, counted from what the store holds now.
    ReplicationController::Status status;
    status.observedGeneration = owner.meta.generation;
    SimTime nextAvailable = SimTime::max();
    const LabelSelector templateLabels{owner.tmpl.meta.labels, {}};
    for (const Pod* p : api.list<Pod>(owner.meta.ns)) {
        const OwnerReference* ref = p->meta.controllerRef();
        if (!ref || ref->uid != owner.meta.uid || !isActive(*p)) continue;
        ++status.replicas;
        if (templateLabels.matches(p->meta.labels)) ++status.fullyLabeledReplicas;
        if (!p->status.isReady()) continue;
        ++status.readyReplicas;
        const SimTime availableAt = p->status.condition("Ready")->lastTransitionTime + SimTime::s(minReadySecondsOf(owner));
        if (availableAt <= sim.now()) ++status.availableReplicas;
        else nextAvailable = std::min(nextAvailable, availableAt);
    }
    if (nextAvailable != SimTime::max()) requestSync(sim, Component::ReplicationManager, traits.prefix + key, nextAvailable - sim.now());
    const T* current = api.getByKey<T>(key);
    const auto& s = current->status;
    if (s.replicas != status.replicas || s.fullyLabeledReplicas != status.fullyLabeledReplicas || s.readyReplicas != status.readyReplicas ||
        s.availableReplicas != status.availableReplicas || s.observedGeneration != status.observedGeneration) {
        T next = *current;
        next.status = status;
        api.update(next, kSource);
    }
}

// A pod changed: whoever owns it, and whoever might adopt it, takes another look.
void podChanged(Simulation& sim, const std::string& podKey) {
    const SimTime delay = sim.config().latency.controllerWork;
    const std::string ns = podKey.substr(0, podKey.find('/'));
    Api api = sim.api();
    const Pod* pod = api.getByKey<Pod>(podKey);
    for (const auto* rc : api.list<ReplicationController>(ns)) {
        const OwnerReference* ref = pod ? pod->meta.controllerRef() : nullptr;
        if (!pod || (ref && ref->uid == rc->meta.uid) || (!ref && selectorOf(*rc).matches(pod->meta.labels)))
            requestSync(sim, Component::ReplicationManager, "rc|" + objectKey(*rc), delay);
    }
    for (const auto* rs : api.list<ReplicaSet>(ns)) {
        const OwnerReference* ref = pod ? pod->meta.controllerRef() : nullptr;
        if (!pod || (ref && ref->uid == rs->meta.uid) || (!ref && selectorOf(*rs).matches(pod->meta.labels)))
            requestSync(sim, Component::ReplicationManager, "rs|" + objectKey(*rs), delay);
    }
}

} // namespace

void handleReplicationManager(Simulation& sim, const Event& e) {
    const SimTime delay = sim.config().latency.controllerWork;
    if (e.kind == kWatchEvent) {
        switch (static_cast<Kind>(e.arg)) {
        case Kind::ReplicationController: requestSync(sim, Component::ReplicationManager, "rc|" + e.key, delay); break;
        case Kind::ReplicaSet: requestSync(sim, Component::ReplicationManager, "rs|" + e.key, delay); break;
        case Kind::Pod: podChanged(sim, e.key); break;
        default: break;
        }
        return;
    }
    if (e.kind != timer::kSync) return;
    syncStarted(sim, e);
    const std::string key = e.key.substr(3);
    if (e.key.compare(0, 3, "rc|") == 0) syncController<ReplicationController>(sim, key);
    else syncController<ReplicaSet>(sim, key);
}

} // namespace kns
