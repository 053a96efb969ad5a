// The deployment controller: a Deployment runs its pods through one ReplicaSet per pod template
// ("<deployment>-<pod-template-hash>"), and rolls from the old ones to the new one, as
// kube-controller-manager's deployment controller does:
//  - RollingUpdate: the new ReplicaSet grows while the total stays within replicas + maxSurge;
//    old ones shrink while at least replicas - maxUnavailable pods stay available.
//  - Recreate: old ReplicaSets go to zero, and the new one grows once their pods are gone.
//  - Revisions are the ReplicaSets' deployment.kubernetes.io/revision annotations; a template
//    that matches an old ReplicaSet (a rollback) reuses it under the next revision number.
// It reacts to its Deployments and their ReplicaSets (whose status the replication manager
// keeps); while Recreate waits for pods to go it polls once a second.
#include <algorithm>
#include <cmath>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/deployment_util.hpp>
#include <kubenetsim/controllers/pod_template.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "deployment-controller";

int resolveFraction(const IntOrString& v, int total, bool roundUp) {
    if (!v.isString) return v.intValue;
    std::string s = v.strValue;
    if (!s.empty() && s.back() == '%') s.pop_back();
    const int pct = std::atoi(s.c_str());
    const double value = static_cast<double>(pct) * total / 100.0;
    return static_cast<int>(roundUp ? std::ceil(value) : std::floor(value));
}

struct Limits {
    int surge;
    int unavailable;
};

// Kubernetes' ResolveFenceposts: surge rounds up, unavailable down; both zero means one may be
// unavailable, or a rollout could never start.
Limits limitsOf(const Deployment& d) {
    if (d.strategy.type == "Recreate") return {0, d.replicas};
    Limits l{resolveFraction(d.strategy.maxSurge, d.replicas, true), resolveFraction(d.strategy.maxUnavailable, d.replicas, false)};
    if (l.surge == 0 && l.unavailable == 0) l.unavailable = 1;
    return l;
}

std::string rsApiVersion(Era era) { return era == Era::Legacy ? "extensions/v1beta1" : "apps/v1"; }

class Sync {
public:
    Sync(Simulation& sim, const Deployment& d) : m_sim(sim), m_api(sim.api()), m_d(d) {}

    void run() {
        load();
        if (!m_d.paused) {
            ensureNewReplicaSet();
            if (m_d.strategy.type == "Recreate") recreate();
            else rollingUpdate();
            cleanup();
        }
        load();
        writeStatus();
    }

private:
    std::string self() const { return objectKey(m_d); }

    void load() {
        m_newRS.clear();
        m_oldRSs.clear();
        const std::string want = templateFingerprint(m_d.tmpl, true);
        for (const std::string& key : ownedReplicaSets(m_sim, m_d)) {
            const ReplicaSet* rs = m_api.getByKey<ReplicaSet>(key);
            if (m_newRS.empty() && templateFingerprint(rs->tmpl, true) == want) m_newRS = key;
            else m_oldRSs.push_back(key);
        }
    }

    const ReplicaSet& rs(const std::string& key) const { return *m_api.getByKey<ReplicaSet>(key); }

    int totalReplicas() const {
        int n = m_newRS.empty() ? 0 : rs(m_newRS).replicas;
        for (const auto& k : m_oldRSs) n += rs(k).replicas;
        return n;
    }

    void event(const std::string& message) {
        recordEvent(m_sim, ObjectReference{"Deployment", m_d.meta.ns, m_d.meta.name, m_d.meta.uid}, "Normal", "ScalingReplicaSet", message,
                    kSource);
    }

    void scale(const std::string& key, int to) {
        ReplicaSet next = rs(key);
        const int from = next.replicas;
        if (from == to) return;
        next.replicas = to;
        next.meta.annotations["deployment.kubernetes.io/desired-replicas"] = std::to_string(m_d.replicas);
        next.meta.annotations["deployment.kubernetes.io/max-replicas"] = std::to_string(m_d.replicas + limitsOf(m_d).surge);
        m_api.update(next, kSource, true);
        std::string message = std::string("Scaled ") + (to > from ? "up" : "down") + " replica set " + next.meta.name + " to " + std::to_string(to);
        if (m_sim.era() == Era::Modern) message += " from " + std::to_string(from);
        event(message);
        traceAction(m_sim, kSource, "replicaset/" + key, "scaled " + std::to_string(from) + " -> " + std::to_string(to));
    }

    void ensureNewReplicaSet() {
        const int maxRevision = maxRevisionOf(m_sim, m_d);
        if (!m_newRS.empty()) {
            const ReplicaSet& existing = rs(m_newRS);
            if (revisionOf(existing) >= maxRevision && changeCauseMatches(existing)) return;
            // A rollback (or a template edited back): the old ReplicaSet becomes the newest revision.
            ReplicaSet next = existing;
            if (revisionOf(existing) < maxRevision) next.meta.annotations[kRevisionAnnotation] = std::to_string(maxRevision + 1);
            copyChangeCause(next);
            m_api.update(next, kSource);
            return;
        }
        const std::string hash = podTemplateHash(m_d.tmpl, m_sim.era());
        ReplicaSet r;
        r.meta.ns = m_d.meta.ns;
        r.meta.name = m_d.meta.name + "-" + hash;
        r.tmpl = m_d.tmpl;
        r.tmpl.meta.labels[kPodTemplateHashLabel] = hash;
        r.meta.labels = r.tmpl.meta.labels;
        r.selector = m_d.selector;
        r.selector.matchLabels[kPodTemplateHashLabel] = hash;
        r.minReadySeconds = m_d.minReadySeconds;
        r.meta.annotations[kRevisionAnnotation] = std::to_string(maxRevision + 1);
        r.meta.annotations["deployment.kubernetes.io/desired-replicas"] = std::to_string(m_d.replicas);
        r.meta.annotations["deployment.kubernetes.io/max-replicas"] = std::to_string(m_d.replicas + limitsOf(m_d).surge);
        copyChangeCause(r);
        r.meta.ownerReferences.push_back(controllerReference(m_d.meta, rsApiVersion(m_sim.era()), "Deployment"));
        // Kubernetes' NewRSNewReplicas: everything at once when nothing else runs, otherwise
        // as much as the surge allows (Recreate: nothing until the old pods are gone).
        if (m_oldRSs.empty()) r.replicas = m_d.replicas;
        else if (m_d.strategy.type == "Recreate") r.replicas = 0;
        else r.replicas = std::clamp(m_d.replicas + limitsOf(m_d).surge - totalReplicas(), 0, m_d.replicas);
        auto created = m_api.create(r, kSource);
        if (!created) {
            recordEvent(m_sim, ObjectReference{"Deployment", m_d.meta.ns, m_d.meta.name, m_d.meta.uid}, "Warning", "FailedCreate",
                        "Failed to create new replica set \"" + r.meta.name + "\": " + created.error().message, kSource);
            return;
        }
        m_newRS = *created;
        if (r.replicas > 0) event("Scaled up replica set " + r.meta.name + " to " + std::to_string(r.replicas));
        traceAction(m_sim, kSource, "replicaset/" + m_newRS, "created for revision " + std::to_string(maxRevision + 1));
    }

    bool changeCauseMatches(const ReplicaSet& r) const {
        auto want = m_d.meta.annotations.find(kChangeCauseAnnotation);
        if (want == m_d.meta.annotations.end()) return true;
        auto have = r.meta.annotations.find(kChangeCauseAnnotation);
        return have != r.meta.annotations.end() && have->second == want->second;
    }

    void copyChangeCause(ReplicaSet& r) const {
        auto it = m_d.meta.annotations.find(kChangeCauseAnnotation);
        if (it != m_d.meta.annotations.end()) r.meta.annotations[kChangeCauseAnnotation] = it->second;
    }

    void rollingUpdate() {
        if (m_newRS.empty()) return;
        const Limits l = limitsOf(m_d);
        // reconcileNewReplicaSet
        const int newReplicas = rs(m_newRS).replicas;
        if (newReplicas > m_d.replicas) {
            scale(m_newRS, m_d.replicas);
        } else if (newReplicas < m_d.replicas) {
            const int room = m_d.replicas + l.surge - totalReplicas();
            if (room > 0) scale(m_newRS, newReplicas + std::min(room, m_d.replicas - newReplicas));
        }
        // reconcileOldReplicaSets
        int oldPods = 0;
        for (const auto& k : m_oldRSs) oldPods += rs(k).replicas;
        if (oldPods == 0) return;
        const int minAvailable = m_d.replicas - l.unavailable;
        const ReplicaSet& n = rs(m_newRS);
        const int newUnavailable = n.replicas - n.status.availableReplicas;
        int maxScaledDown = totalReplicas() - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return;
        std::vector<std::string> old = oldestFirst();
        // Old pods that are not available anyway go first (cleanupUnhealthyReplicas).
        for (const auto& k : old) {
            if (maxScaledDown <= 0) break;
            const ReplicaSet& r = rs(k);
            const int unhealthy = std::min(r.replicas - r.status.availableReplicas, maxScaledDown);
            if (unhealthy <= 0) continue;
            scale(k, r.replicas - unhealthy);
            maxScaledDown -= unhealthy;
        }
        // Then available ones, keeping minAvailable (scaleDownOldReplicaSetsForRollingUpdate).
        int available = n.status.availableReplicas;
        for (const auto& k : m_oldRSs) available += rs(k).status.availableReplicas;
        int budget = available - minAvailable;
        for (const auto& k : old) {
            if (budget <= 0) break;
            const ReplicaSet& r = rs(k);
            const int down = std::min(r.replicas, budget);
            if (down <= 0) continue;
            scale(k, r.replicas - down);
            budget -= down;
        }
    }

    void recreate() {
        bool oldScaled = false;
        for (const auto& k : m_oldRSs) {
            if (rs(k).replicas > 0) {
                scale(k, 0);
                oldScaled = true;
            }
        }
        if (oldScaled) return;
        for (const auto& k : m_oldRSs) {
            const std::string uid = rs(k).meta.uid;
            for (const Pod* p : m_api.list<Pod>(m_d.meta.ns)) {
                const OwnerReference* ref = p->meta.controllerRef();
                if (ref && ref->uid == uid) {  // still terminating: look again shortly
                    requestSync(m_sim, Component::DeploymentController, self(), SimTime::s(1));
                    return;
                }
            }
        }
        if (!m_newRS.empty()) scale(m_newRS, m_d.replicas);
    }

    std::vector<std::string> oldestFirst() const {
        std::vector<std::string> old = m_oldRSs;
        std::sort(old.begin(), old.end(), [&](const std::string& a, const std::string& b) {
            const ReplicaSet &ra = rs(a), &rb = rs(b);
            if (ra.meta.creationTimestamp != rb.meta.creationTimestamp) return ra.meta.creationTimestamp < rb.meta.creationTimestamp;
            return ra.meta.name < rb.meta.name;
        });
        return old;
    }

    // Old ReplicaSets beyond revisionHistoryLimit that run nothing are deleted, oldest first.
    void cleanup() {
        std::vector<std::string> idle;
        for (const auto& k : m_oldRSs)
            if (rs(k).replicas == 0 && rs(k).status.replicas == 0) idle.push_back(k);
        const int excess = static_cast<int>(idle.size()) - std::max(0, m_d.revisionHistoryLimit);
        if (excess <= 0) return;
        std::sort(idle.begin(), idle.end(), [&](const std::string& a, const std::string& b) { return revisionOf(rs(a)) < revisionOf(rs(b)); });
        for (int i = 0; i < excess; ++i) {
            traceAction(m_sim, kSource, "replicaset/" + idle[static_cast<std::size_t>(i)], "beyond revisionHistoryLimit, deleting");
            m_api.remove<ReplicaSet>(idle[static_cast<std::size_t>(i)], kSource);
        }
    }

    void writeStatus() {
        const Deployment* current = m_api.getByKey<Deployment>(self());
        if (!current) return;
        Deployment::Status s;
        s.observedGeneration = current->meta.generation;
        int specTotal = 0;
        auto add = [&](const ReplicaSet& r) {
            s.replicas += r.status.replicas;
            s.readyReplicas += r.status.readyReplicas;
            s.availableReplicas += r.status.availableReplicas;
            specTotal += r.replicas;
        };
        if (!m_newRS.empty()) {
            add(rs(m_newRS));
            s.updatedReplicas = rs(m_newRS).status.replicas;
        }
        for (const auto& k : m_oldRSs) add(rs(k));
        s.unavailableReplicas = std::max(0, specTotal - s.availableReplicas);
        std::string revision = current->meta.annotations.count(kRevisionAnnotation) ? current->meta.annotations.at(kRevisionAnnotation) : "";
        const std::string wanted = m_newRS.empty() ? revision : std::to_string(revisionOf(rs(m_newRS)));
        const auto& o = current->status;
        if (o.replicas == s.replicas && o.updatedReplicas == s.updatedReplicas && o.readyReplicas == s.readyReplicas &&
            o.availableReplicas == s.availableReplicas && o.unavailableReplicas == s.unavailableReplicas &&
            o.observedGeneration == s.observedGeneration && revision == wanted)
            return;
        Deployment next = *current;
        next.status = s;
        if (!wanted.empty()) next.meta.annotations[kRevisionAnnotation] = wanted;
        m_api.update(next, kSource);
    }

    Simulation& m_sim;
    Api m_api;
    Deployment m_d;
    std::string m_newRS;
    std::vector<std::string> m_oldRSs;
};

} // namespace

void handleDeploymentController(Simulation& sim, const Event& e) {
    const SimTime delay = sim.config().latency.controllerWork;
    if (e.kind == kWatchEvent) {
        const auto kind = static_cast<Kind>(e.arg);
        if (kind == Kind::Deployment) {
            requestSync(sim, Component::DeploymentController, e.key, delay);
        } else if (kind == Kind::ReplicaSet) {
            const ReplicaSet* rs = sim.api().getByKey<ReplicaSet>(e.key);
            const std::string ns = e.key.substr(0, e.key.find('/'));
            for (const Deployment* d : sim.api().list<Deployment>(ns)) {
                const OwnerReference* ref = rs ? rs->meta.controllerRef() : nullptr;
                if (!rs || (ref && ref->uid == d->meta.uid)) requestSync(sim, Component::DeploymentController, objectKey(*d), delay);
            }
        }
        return;
    }
    if (e.kind != timer::kSync) return;
    syncStarted(sim, e);
    if (const Deployment* d = sim.api().getByKey<Deployment>(e.key)) Sync(sim, *d).run();
}

} // namespace kns
