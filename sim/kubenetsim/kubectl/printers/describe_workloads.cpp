// `kubectl describe` for ReplicationControllers, ReplicaSets and Deployments (kubectl 1.5 and
// 1.30 describe.go).
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/describe_writer.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>

namespace kns::printers::detail {

namespace {

LabelSelector selectorOf(const Labels& equality) {
    LabelSelector s;
    s.matchLabels = equality;
    return s;
}

// "name (1/2 replicas created)", joined by ", "; "<none>" when empty.
std::string replicaSetsByLabels(const std::vector<const ReplicaSet*>& sets) {
    std::vector<std::string> parts;
    for (const ReplicaSet* rs : sets)
        parts.push_back(rs->meta.name + " (" + std::to_string(rs->status.replicas) + "/" + std::to_string(rs->replicas) + " replicas created)");
    return parts.empty() ? "<none>" : join(parts, ", ");
}

// Pod templates equal up to the pod-template-hash label the deployment controller adds.
bool sameTemplate(const PodTemplateSpec& a, const PodTemplateSpec& b) {
    Labels la = a.meta.labels, lb = b.meta.labels;
    la.erase("pod-template-hash");
    lb.erase("pod-template-hash");
    if (la != lb || a.spec.containers.size() != b.spec.containers.size()) return false;
    for (std::size_t i = 0; i < a.spec.containers.size(); ++i) {
        const Container& x = a.spec.containers[i];
        const Container& y = b.spec.containers[i];
        if (x.name != y.name || x.image != y.image || x.command != y.command || x.args != y.args) return false;
    }
    return true;
}

std::string intOrPercent(const IntOrString& v) { return v.str(); }

} // namespace

std::string describeReplicationController(const Simulation& sim, const ReplicationController& rc) {
    DescribeWriter w(sim.era());
    const PodCounts counts = podCounts(sim, rc.meta.ns, selectorOf(rc.selector));
    const std::string replicas = std::to_string(rc.status.replicas) + " current / " + std::to_string(rc.replicas) + " desired";
    w.field("Name", rc.meta.name);
    w.field("Namespace", rc.meta.ns);
    if (w.legacy()) {
        w.field("Image(s)", containerImages(rc.tmpl.spec));
        w.field("Selector", formatLabels(rc.selector));
        labelsMultiline(w, "Labels", rc.meta.labels);
        w.field("Replicas", replicas);
        w.field("Pods Status", podsStatusLine(counts));
        w << "No volumes.\n";
    } else {
        w.field("Selector", formatLabels(rc.selector));
        labelsMultiline(w, "Labels", rc.meta.labels);
        annotationsMultiline(w, "Annotations", rc.meta.annotations);
        w.field("Replicas", replicas);
        w.field("Pods Status", podsStatusLine(counts));
        describePodTemplate(w, sim, rc.tmpl);
    }
    describeEvents(w, sim, "ReplicationController", rc.meta.ns, rc.meta.name);
    return w.finish();
}

std::string describeReplicaSet(const Simulation& sim, const ReplicaSet& rs) {
    DescribeWriter w(sim.era());
    const PodCounts counts = podCounts(sim, rs.meta.ns, rs.selector);
    const std::string replicas = std::to_string(rs.status.replicas) + " current / " + std::to_string(rs.replicas) + " desired";
    w.field("Name", rs.meta.name);
    w.field("Namespace", rs.meta.ns);
    if (w.legacy()) {
        w.field("Image(s)", containerImages(rs.tmpl.spec));
        w.field("Selector", formatSelector(rs.selector));
        labelsMultiline(w, "Labels", rs.meta.labels);
        w.field("Replicas", replicas);
        w.field("Pods Status", podsStatusLine(counts));
        w << "No volumes.\n";
    } else {
        w.field("Selector", formatSelector(rs.selector));
        labelsMultiline(w, "Labels", rs.meta.labels);
        annotationsMultiline(w, "Annotations", rs.meta.annotations);
        const std::string controller = controllerOf(rs.meta);
        if (!controller.empty()) w.field("Controlled By", controller);
        w.field("Replicas", replicas);
        w.field("Pods Status", podsStatusLine(counts));
        describePodTemplate(w, sim, rs.tmpl);
    }
    describeEvents(w, sim, "ReplicaSet", rs.meta.ns, rs.meta.name);
    return w.finish();
}

std::string describeDeployment(const Simulation& sim, const Deployment& d) {
    DescribeWriter w(sim.era());
    const bool legacy = w.legacy();
    w.field("Name", d.meta.name);
    w.field("Namespace", d.meta.ns);
    w.field("CreationTimestamp", wallClock(sim, d.meta.creationTimestamp));
    labelsMultiline(w, "Labels", d.meta.labels);
    if (!legacy) annotationsMultiline(w, "Annotations", d.meta.annotations);
    w.field("Selector", formatSelector(d.selector));
    if (legacy) {
        w.field("Replicas", std::to_string(d.status.updatedReplicas) + " updated | " + std::to_string(d.replicas) + " total | " +
                                std::to_string(d.status.availableReplicas) + " available | " + std::to_string(d.status.unavailableReplicas) +
                                " unavailable");
    } else {
        w.field("Replicas", std::to_string(d.replicas) + " desired | " + std::to_string(d.status.updatedReplicas) + " updated | " +
                                std::to_string(d.status.replicas) + " total | " + std::to_string(d.status.availableReplicas) + " available | " +
                                std::to_string(d.status.unavailableReplicas) + " unavailable");
    }
    w.field("StrategyType", d.strategy.type);
    w.field("MinReadySeconds", std::to_string(d.minReadySeconds));
    if (d.strategy.type == "RollingUpdate")
        w.field("RollingUpdateStrategy", intOrPercent(d.strategy.maxUnavailable) + " max unavailable, " + intOrPercent(d.strategy.maxSurge) + " max surge");
    if (!legacy) describePodTemplate(w, sim, d.tmpl);

    // The deployment's ReplicaSets: the one matching its template is the new one; the others
    // that still have pods are the old ones (deploymentutil.GetAllReplicaSets).
    std::vector<const ReplicaSet*> oldSets, newSets;
    for (const auto& [key, rs] : sim.objects().replicaSets) {
        const OwnerReference* ref = rs.meta.controllerRef();
        if (rs.meta.ns != d.meta.ns || !ref || ref->kind != "Deployment" || ref->name != d.meta.name) continue;
        if (newSets.empty() && sameTemplate(rs.tmpl, d.tmpl)) newSets.push_back(&rs);
        else if (rs.replicas > 0 || rs.status.replicas > 0) oldSets.push_back(&rs);
    }
    w.field("OldReplicaSets", replicaSetsByLabels(oldSets));
    w.field("NewReplicaSet", replicaSetsByLabels(newSets));
    describeEvents(w, sim, "Deployment", d.meta.ns, d.meta.name);
    return w.finish();
}

} // namespace kns::printers::detail
