// The node lifecycle controller and the what-if controls that drive it.
//
// Like kube-controller-manager's node lifecycle controller: a node whose kubelet stays silent
// for the monitor grace period turns Ready=Unknown and its pods are marked not ready; after the
// eviction timeout its pods are deleted. kubenetsim needs no heartbeat events for this: the
// what-if switch itself starts the grace timer (timers carry NodeHealth::epoch, so switching the
// node back up cancels them).
#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/kubelet.hpp>
#include <kubenetsim/controllers/pod_status.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/controllers/what_if.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "node-controller";

std::vector<std::string> podsOn(const Simulation& sim, const std::string& node) {
    std::vector<std::string> keys;
    for (const auto& [key, p] : sim.objects().pods)
        if (p.spec.nodeName == node) keys.push_back(key);
    return keys;
}

void markUnknown(Simulation& sim, const std::string& nodeName) {
    Api api = sim.api();
    const Node* n = api.get<Node>("", nodeName);
    if (!n) return;
    Node next = *n;
    for (auto& c : next.status.conditions) {
        if (c.status == "Unknown") continue;
        c.status = "Unknown";
        c.reason = "NodeStatusUnknown";
        c.lastTransitionTime = sim.now();
    }
    api.update(next, kSource);
    recordEvent(sim, ObjectReference{"Node", "", nodeName, n->meta.uid}, "Normal", "NodeNotReady",
                "Node " + nodeName + " status is now: NodeNotReady", kSource);
    traceAction(sim, kSource, "node/" + nodeName, "kubelet silent for the grace period: Ready=Unknown, pods not ready");
    for (const std::string& key : podsOn(sim, nodeName)) {
        const Pod* p = api.getByKey<Pod>(key);
        Pod pod = *p;
        bool changed = setPodCondition(pod, "Ready", "False", "", sim.now());
        for (auto& cs : pod.status.containerStatuses) {
            changed = changed || cs.ready;
            cs.ready = false;
        }
        if (!changed) continue;
        api.update(pod, kSource);
        if (sim.era() == Era::Modern)
            recordEvent(sim, ObjectReference{"Pod", pod.meta.ns, pod.meta.name, pod.meta.uid}, "Warning", "NodeNotReady", "Node is not ready", kSource);
    }
}

void evict(Simulation& sim, const std::string& nodeName) {
    Api api = sim.api();
    const Node* n = api.get<Node>("", nodeName);
    if (!n) return;
    if (sim.era() == Era::Legacy)
        recordEvent(sim, ObjectReference{"Node", "", nodeName, n->meta.uid}, "Normal", "DeletingAllPods",
                    "Deleting all Pods from Node " + nodeName + ".", kSource);
    traceAction(sim, kSource, "node/" + nodeName, "eviction timeout: deleting its pods");
    for (const std::string& key : podsOn(sim, nodeName)) {
        const Pod* p = api.getByKey<Pod>(key);
        if (!p || p->meta.deletionTimestamp) continue;
        Pod pod = *p;
        if (sim.era() == Era::Legacy) {  // 1.5 names the cause; kubectl then shows STATUS Unknown
            pod.status.reason = "NodeLost";
            pod.status.message = "Node " + nodeName + " which was running pod " + pod.meta.name + " is unresponsive";
            api.update(pod, kSource);
        } else {
            recordEvent(sim, ObjectReference{"Pod", pod.meta.ns, pod.meta.name, pod.meta.uid}, "Normal", "TaintManagerEviction",
                        "Marking for deletion Pod " + pod.meta.ns + "/" + pod.meta.name, "taint-eviction-controller");
        }
        api.deleteObject(Kind::Pod, pod.meta.ns, pod.meta.name, kSource);
    }
}

std::optional<Error> checkPod(Simulation& sim, const std::string& podKey) {
    if (sim.api().getByKey<Pod>(podKey)) return std::nullopt;
    const std::size_t slash = podKey.find('/');
    return Error{Api::notFound(Kind::Pod, slash == std::string::npos ? podKey : podKey.substr(slash + 1)).message, ""};
}

} // namespace

void handleNodeLifecycle(Simulation& sim, const Event& e) {
    auto& health = sim.state().controllers.nodeHealth[e.key];
    if (health.epoch != e.arg || !health.down) return;
    if (e.kind == timer::kNodeGraceExpired) {
        health.markedUnknown = true;
        markUnknown(sim, e.key);
        sim.schedule(sim.config().latency.podEviction, Event{Component::NodeLifecycle, timer::kNodeEvict, {}, e.key, health.epoch, 0});
    } else if (e.kind == timer::kNodeEvict) {
        evict(sim, e.key);
    }
}

std::optional<Error> setNodeDown(Simulation& sim, const std::string& node, bool down) {
    if (!sim.api().get<Node>("", node)) return Error{Api::notFound(Kind::Node, node).message, ""};
    auto& health = sim.state().controllers.nodeHealth[node];
    if (health.down == down) return std::nullopt;
    ++health.epoch;
    health.down = down;
    health.markedUnknown = false;
    kubelet::stateOf(sim, node).down = down;
    sim.emit(TraceKind::Note, "what-if", "node/" + node, down ? "kubelet stopped" : "kubelet started");
    if (down)
        sim.schedule(sim.config().latency.nodeMonitorGrace, Event{Component::NodeLifecycle, timer::kNodeGraceExpired, {}, node, health.epoch, 0});
    else
        sim.schedule(sim.config().latency.controllerWork, Event{Component::Kubelet, timer::kKubeletResume, node, {}, 0, 0});
    return std::nullopt;
}

std::optional<Error> setPodReadinessFailing(Simulation& sim, const std::string& podKey, bool failing) {
    if (auto err = checkPod(sim, podKey)) return err;
    auto& flags = sim.state().controllers.readinessFailing;
    if (failing == flags.count(podKey) > 0) return std::nullopt;
    if (failing) flags.insert(podKey);
    else flags.erase(podKey);
    sim.emit(TraceKind::Note, "what-if", "pod/" + podKey, failing ? "readiness probe failing" : "readiness probe passing");
    const Pod* pod = sim.api().getByKey<Pod>(podKey);
    if (!pod->spec.nodeName.empty())
        sim.schedule(SimTime::zero(), Event{Component::Kubelet, timer::kReadinessFlag, pod->spec.nodeName, podKey, 0, 0});
    return std::nullopt;
}

std::optional<Error> setPodLivenessFailing(Simulation& sim, const std::string& podKey, bool failing) {
    if (auto err = checkPod(sim, podKey)) return err;
    auto& flags = sim.state().controllers.livenessFailing;
    if (failing) flags.insert(podKey);
    else flags.erase(podKey);
    sim.emit(TraceKind::Note, "what-if", "pod/" + podKey, failing ? "liveness probe failing" : "liveness probe passing");
    return std::nullopt;
}

} // namespace kns
