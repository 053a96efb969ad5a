// Pods, their templates and the workload controllers, as the API server returns them: the
// defaults it fills in (dnsPolicy, terminationMessagePath ...) appear as they would.
#include <kubenetsim/manifest/encode.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/manifest/encode_detail.hpp>

namespace kns {

using namespace encode_detail;

namespace {

Json probe(const Probe& p) {
    Json out{{"failureThreshold", p.failureThreshold}, {"initialDelaySeconds", p.initialDelaySeconds},
             {"periodSeconds", p.periodSeconds}, {"successThreshold", p.successThreshold},
             {"timeoutSeconds", p.timeoutSeconds}};
    if (p.handler == "httpGet") out["httpGet"] = Json{{"path", p.path}, {"port", intOrString(p.port)}, {"scheme", p.scheme}};
    else if (p.handler == "tcpSocket") out["tcpSocket"] = Json{{"port", intOrString(p.port)}};
    else out["exec"] = Json{{"command", p.command}};
    return out;
}

Json resources(const Container& c) {
    auto list = [](const ResourceList& r) {
        Json out = Json::object();
        if (!r.cpu.empty()) out["cpu"] = r.cpu;
        if (!r.memory.empty()) out["memory"] = r.memory;
        return out;
    };
    Json out = Json::object();
    if (!c.limits.empty()) out["limits"] = list(c.limits);
    // Kubernetes defaults requests to the limits when only limits are given.
    if (!c.requests.empty()) out["requests"] = list(c.requests);
    else if (!c.limits.empty()) out["requests"] = list(c.limits);
    return out;
}

Json container(const Simulation& sim, const Container& c) {
    Json out{{"image", c.image}, {"imagePullPolicy", c.imagePullPolicy}, {"name", c.name}};
    if (!c.command.empty()) out["command"] = c.command;
    if (!c.args.empty()) out["args"] = c.args;
    if (!c.env.empty()) {
        Json env = Json::array();
        for (const auto& e : c.env) env.push_back(Json{{"name", e.name}, {"value", e.value}});
        out["env"] = env;
    }
    if (c.livenessProbe) out["livenessProbe"] = probe(*c.livenessProbe);
    if (c.readinessProbe) out["readinessProbe"] = probe(*c.readinessProbe);
    if (!c.ports.empty()) {
        Json ports = Json::array();
        for (const auto& p : c.ports) {
            Json port{{"containerPort", p.containerPort}, {"protocol", p.protocol}};
            if (p.hostPort) port["hostPort"] = p.hostPort;
            if (!p.name.empty()) port["name"] = p.name;
            ports.push_back(port);
        }
        out["ports"] = ports;
    }
    out["resources"] = resources(c);
    out["terminationMessagePath"] = "/dev/termination-log";
    if (!legacy(sim)) out["terminationMessagePolicy"] = "File";
    return out;
}

Json containerState(const Simulation& sim, const std::string& state, const std::string& reason,
                    SimTime startedAt, SimTime finishedAt, int exitCode) {
    if (state == "running") return Json{{"running", Json{{"startedAt", rfc3339(sim, startedAt)}}}};
    if (state == "terminated") {
        Json t{{"exitCode", exitCode}, {"finishedAt", rfc3339(sim, finishedAt)}, {"startedAt", rfc3339(sim, startedAt)}};
        if (!reason.empty()) t["reason"] = reason;
        return Json{{"terminated", t}};
    }
    Json w = Json::object();
    if (!reason.empty()) w["reason"] = reason;
    return Json{{"waiting", w}};
}

// Kubernetes' QoS class from requests and limits (simplified to cpu and memory as modelled).
std::string qosClass(const PodSpec& spec) {
    bool any = false;
    bool guaranteed = true;
    for (const auto& c : spec.containers) {
        if (!c.requests.empty() || !c.limits.empty()) any = true;
        const bool limitsSet = !c.limits.cpu.empty() && !c.limits.memory.empty();
        const bool requestsMatch = c.requests.empty() || (c.requests.cpu == c.limits.cpu && c.requests.memory == c.limits.memory);
        if (!limitsSet || !requestsMatch) guaranteed = false;
    }
    if (!any) return "BestEffort";
    return guaranteed ? "Guaranteed" : "Burstable";
}

Json podStatus(const Simulation& sim, const Pod& pod) {
    const PodStatus& s = pod.status;
    Json out{{"phase", s.phase}};
    if (!s.conditions.empty()) {
        Json conds = Json::array();
        for (const auto& c : s.conditions) {
            Json cond{{"lastProbeTime", nullptr}, {"lastTransitionTime", rfc3339(sim, c.lastTransitionTime)},
                      {"status", c.status}, {"type", c.type}};
            if (!c.reason.empty()) cond["reason"] = c.reason;
            conds.push_back(cond);
        }
        out["conditions"] = conds;
    }
    if (!s.containerStatuses.empty()) {
        Json statuses = Json::array();
        for (const auto& c : s.containerStatuses) {
            Json cs{{"image", c.image}, {"imageID", c.imageID}, {"name", c.name}, {"ready", c.ready},
                    {"restartCount", c.restartCount}};
            if (!c.containerID.empty()) cs["containerID"] = c.containerID;
            cs["lastState"] = c.lastState.empty() ? Json::object()
                                                   : containerState(sim, c.lastState, c.lastReason, c.startedAt, c.finishedAt, c.exitCode);
            cs["state"] = containerState(sim, c.state, c.reason, c.startedAt, c.finishedAt, c.exitCode);
            if (!legacy(sim)) cs["started"] = c.state == "running";
            statuses.push_back(cs);
        }
        out["containerStatuses"] = statuses;
    }
    if (!s.hostIP.empty()) out["hostIP"] = s.hostIP;
    if (!s.podIP.empty()) {
        out["podIP"] = s.podIP;
        if (!legacy(sim)) out["podIPs"] = Json::array({Json{{"ip", s.podIP}}});
    }
    if (!s.message.empty()) out["message"] = s.message;
    if (!s.reason.empty()) out["reason"] = s.reason;
    if (s.startTime) out["startTime"] = rfc3339(sim, *s.startTime);
    if (!legacy(sim)) out["qosClass"] = qosClass(pod.spec);
    return out;
}

// Zero counts are omitted, as Go's omitempty drops them.
void putCount(Json& out, const char* key, std::int64_t v) {
    if (v != 0) out[key] = v;
}

Json replicaStatus(const ReplicationController::Status& s) {
    Json out{{"replicas", s.replicas}};
    putCount(out, "availableReplicas", s.availableReplicas);
    putCount(out, "fullyLabeledReplicas", s.fullyLabeledReplicas);
    putCount(out, "observedGeneration", s.observedGeneration);
    putCount(out, "readyReplicas", s.readyReplicas);
    return out;
}

} // namespace

namespace encode_detail {

Json podSpec(const Simulation& sim, const PodSpec& spec) {
    Json containers = Json::array();
    for (const auto& c : spec.containers) containers.push_back(container(sim, c));
    Json out{{"containers", containers}, {"dnsPolicy", "ClusterFirst"}, {"restartPolicy", spec.restartPolicy},
             {"securityContext", Json::object()}, {"serviceAccount", spec.serviceAccountName},
             {"serviceAccountName", spec.serviceAccountName},
             {"terminationGracePeriodSeconds", spec.terminationGracePeriodSeconds}};
    if (spec.hostNetwork) out["hostNetwork"] = true;
    if (!spec.nodeName.empty()) out["nodeName"] = spec.nodeName;
    if (!spec.nodeSelector.empty()) out["nodeSelector"] = spec.nodeSelector;
    if (!legacy(sim)) out["schedulerName"] = "default-scheduler";
    return out;
}

Json podTemplate(const Simulation& sim, const PodTemplateSpec& tmpl) {
    Json meta{{"creationTimestamp", nullptr}};
    if (!tmpl.meta.annotations.empty()) meta["annotations"] = tmpl.meta.annotations;
    if (!tmpl.meta.labels.empty()) meta["labels"] = tmpl.meta.labels;
    return Json{{"metadata", meta}, {"spec", podSpec(sim, tmpl.spec)}};
}

} // namespace encode_detail

nlohmann::ordered_json toJson(const Simulation& sim, const Pod& pod) {
    Json out = objectHead(sim, Kind::Pod, pod.meta);
    out["spec"] = podSpec(sim, pod.spec);
    out["status"] = podStatus(sim, pod);
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const ReplicationController& rc) {
    Json out = objectHead(sim, Kind::ReplicationController, rc.meta);
    out["spec"] = Json{{"replicas", rc.replicas}, {"selector", rc.selector}, {"template", podTemplate(sim, rc.tmpl)}};
    out["status"] = replicaStatus(rc.status);
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const ReplicaSet& rs) {
    Json out = objectHead(sim, Kind::ReplicaSet, rs.meta);
    Json spec{{"replicas", rs.replicas}, {"selector", labelSelector(rs.selector)}, {"template", podTemplate(sim, rs.tmpl)}};
    putCount(spec, "minReadySeconds", rs.minReadySeconds);
    out["spec"] = spec;
    out["status"] = replicaStatus(rs.status);
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const Deployment& d) {
    Json out = objectHead(sim, Kind::Deployment, d.meta);
    Json strategy{{"type", d.strategy.type}};
    if (d.strategy.type == "RollingUpdate")
        strategy["rollingUpdate"] = Json{{"maxSurge", intOrString(d.strategy.maxSurge)},
                                         {"maxUnavailable", intOrString(d.strategy.maxUnavailable)}};
    Json spec{{"replicas", d.replicas}, {"revisionHistoryLimit", d.revisionHistoryLimit},
              {"selector", labelSelector(d.selector)}, {"strategy", strategy}, {"template", podTemplate(sim, d.tmpl)}};
    putCount(spec, "minReadySeconds", d.minReadySeconds);
    if (d.paused) spec["paused"] = true;
    if (!legacy(sim)) spec["progressDeadlineSeconds"] = 600;
    out["spec"] = spec;
    Json status = Json::object();
    putCount(status, "availableReplicas", d.status.availableReplicas);
    putCount(status, "observedGeneration", d.status.observedGeneration);
    putCount(status, "readyReplicas", d.status.readyReplicas);
    putCount(status, "replicas", d.status.replicas);
    putCount(status, "unavailableReplicas", d.status.unavailableReplicas);
    putCount(status, "updatedReplicas", d.status.updatedReplicas);
    out["status"] = status;
    return sortedKeys(out);
}

} // namespace kns
