#include <kubenetsim/controllers/rollout.hpp>

#include <algorithm>
#include <cstdlib>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/deployment_util.hpp>
#include <kubenetsim/controllers/pod_template.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

int revisionOf(const ReplicaSet& rs) {
    auto it = rs.meta.annotations.find(kRevisionAnnotation);
    if (it == rs.meta.annotations.end() || it->second.empty()) return 0;
    char* end = nullptr;
    const long v = std::strtol(it->second.c_str(), &end, 10);
    return *end == '\0' && v > 0 ? static_cast<int>(v) : 0;
}

std::vector<std::string> ownedReplicaSets(const Simulation& sim, const Deployment& d) {
    std::vector<std::string> keys;
    for (const auto& [key, rs] : sim.objects().replicaSets) {
        if (rs.meta.ns != d.meta.ns) continue;
        const OwnerReference* ref = rs.meta.controllerRef();
        if (ref && ref->uid == d.meta.uid) keys.push_back(key);
    }
    return keys;
}

int maxRevisionOf(const Simulation& sim, const Deployment& d) {
    int m = 0;
    for (const auto& key : ownedReplicaSets(sim, d)) m = std::max(m, revisionOf(sim.objects().replicaSets.at(key)));
    return m;
}

Expected<std::vector<RolloutRevision>, ApiError> rolloutHistory(Simulation& sim, const std::string& key) {
    const Deployment* d = sim.api().getByKey<Deployment>(key);
    if (!d) return Api::notFound(Kind::Deployment, key.substr(key.find('/') + 1));
    std::vector<RolloutRevision> out;
    for (const auto& rsKey : ownedReplicaSets(sim, *d)) {
        const ReplicaSet& rs = sim.objects().replicaSets.at(rsKey);
        RolloutRevision r;
        r.revision = revisionOf(rs);
        auto cause = rs.meta.annotations.find(kChangeCauseAnnotation);
        if (cause != rs.meta.annotations.end()) r.changeCause = cause->second;
        r.replicaSet = rs.meta.name;
        r.tmpl = rs.tmpl;
        r.tmpl.meta.labels.erase(kPodTemplateHashLabel);
        out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const RolloutRevision& a, const RolloutRevision& b) { return a.revision < b.revision; });
    return out;
}

Expected<RollbackResult, ApiError> rollbackDeployment(Simulation& sim, const std::string& key, int revision) {
    auto history = rolloutHistory(sim, key);
    if (!history) return history.error();
    const Deployment d = *sim.api().getByKey<Deployment>(key);
    const std::vector<RolloutRevision>& revs = *history;
    const RolloutRevision* target = nullptr;
    if (revision == 0) {
        if (revs.size() < 2) return ApiError{"BadRequest", "no rollout history found for deployment \"" + d.meta.name + "\""};
        target = &revs[revs.size() - 2];  // the one before the newest
    } else {
        for (const auto& r : revs)
            if (r.revision == revision) target = &r;
        if (!target) return ApiError{"BadRequest", "unable to find specified revision " + std::to_string(revision) + " in history"};
    }
    const ObjectReference self{"Deployment", d.meta.ns, d.meta.name, d.meta.uid};
    RollbackResult result{target->revision, false};
    if (templateFingerprint(target->tmpl, true) == templateFingerprint(d.tmpl, true)) {
        result.skipped = true;
        if (sim.era() == Era::Legacy)
            recordEvent(sim, self, "Warning", "DeploymentRollbackTemplateUnchanged",
                        "The rollback revision contains the same template as current deployment \"" + d.meta.name + "\"", "deployment-controller");
        return result;
    }
    Deployment next = d;
    next.tmpl = target->tmpl;
    if (target->changeCause.empty()) next.meta.annotations.erase(kChangeCauseAnnotation);
    else next.meta.annotations[kChangeCauseAnnotation] = target->changeCause;
    if (auto err = sim.api().update(next, "kubectl", true)) return *err;
    if (sim.era() == Era::Legacy)
        recordEvent(sim, self, "Normal", "DeploymentRollback",
                    "Rolled back deployment \"" + d.meta.name + "\" to revision " + std::to_string(target->revision), "deployment-controller");
    return result;
}

} // namespace kns
