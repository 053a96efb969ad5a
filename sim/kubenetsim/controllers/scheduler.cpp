// The scheduler: binds each pending pod to a node, like kube-scheduler's default profile reduced
// to what matters here. Filters: the node is Ready, not cordoned, carries no NoSchedule taint
// (kubenetsim's control-plane nodes: NodeDef::schedulable == false) and matches the pod's
// nodeSelector. Score: fewest pods, then name (deterministic; the real scheduler breaks ties
// at random).
#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/controllers/pod_status.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "default-scheduler";

bool needsScheduling(const Pod& p) { return p.spec.nodeName.empty() && !p.meta.deletionTimestamp; }

bool selectorMatches(const Pod& pod, const Node& node) {
    for (const auto& [k, v] : pod.spec.nodeSelector) {
        auto it = node.meta.labels.find(k);
        if (it == node.meta.labels.end() || it->second != v) return false;
    }
    return true;
}

std::string readyStatus(const Node& n) {
    for (const auto& c : n.status.conditions)
        if (c.type == "Ready") return c.status;
    return "Unknown";
}

void schedulePod(Simulation& sim, const std::string& podKey) {
    Api api = sim.api();
    const Pod* found = api.getByKey<Pod>(podKey);
    if (!found || !needsScheduling(*found)) return;
    Pod pod = *found;

    const Node* best = nullptr;
    std::size_t bestLoad = 0;
    int tainted = 0, notReady = 0, unreachable = 0, cordoned = 0, mismatched = 0;
    const auto nodes = api.list<Node>();
    for (const Node* n : nodes) {
        const NodeDef* def = findNodeDef(sim, n->meta.name);
        const std::string ready = readyStatus(*n);
        if (ready == "Unknown") { ++unreachable; continue; }
        if (ready != "True") { ++notReady; continue; }
        if (n->unschedulable) { ++cordoned; continue; }
        if (def && !def->schedulable) { ++tainted; continue; }
        if (!selectorMatches(pod, *n)) { ++mismatched; continue; }
        std::size_t load = 0;
        for (const auto& [k, p] : sim.objects().pods)
            if (p.spec.nodeName == n->meta.name && p.status.phase != "Succeeded" && p.status.phase != "Failed") ++load;
        if (!best || load < bestLoad) {  // nodes come sorted by name: ties keep the first
            best = n;
            bestLoad = load;
        }
    }
    const ObjectReference ref{"Pod", pod.meta.ns, pod.meta.name, pod.meta.uid};
    if (!best) {
        std::string message;
        if (sim.era() == Era::Legacy) {
            message = nodes.empty() ? "no nodes available to schedule pods" : "pod (" + pod.meta.name + ") failed to fit in any node";
        } else {
            message = "0/" + std::to_string(nodes.size()) + " nodes are available:";
            std::string sep = " ";
            auto part = [&](int n, const std::string& what) {
                if (!n) return;
                message += sep + std::to_string(n) + " node(s) " + what;
                sep = ", ";
            };
            part(mismatched, "didn't match Pod's node affinity/selector");
            part(tainted, "had untolerated taint {node-role.kubernetes.io/control-plane: }");
            part(notReady, "had untolerated taint {node.kubernetes.io/not-ready: }");
            part(unreachable, "had untolerated taint {node.kubernetes.io/unreachable: }");
            part(cordoned, "were unschedulable");
            message += ". preemption: 0/" + std::to_string(nodes.size()) + " nodes are available: " + std::to_string(nodes.size()) +
                       " Preemption is not helpful for scheduling.";
        }
        setPodCondition(pod, "PodScheduled", "False", "Unschedulable", sim.now());
        api.update(pod, kSource);
        recordEvent(sim, ref, "Warning", "FailedScheduling", message, kSource);
        return;
    }
    pod.spec.nodeName = best->meta.name;
    setPodCondition(pod, "PodScheduled", "True", "", sim.now());
    api.update(pod, kSource);
    const std::string who = sim.era() == Era::Legacy ? pod.meta.name : pod.meta.ns + "/" + pod.meta.name;
    recordEvent(sim, ref, "Normal", "Scheduled", "Successfully assigned " + who + " to " + best->meta.name, kSource);
}

} // namespace

void handleScheduler(Simulation& sim, const Event& e) {
    if (e.kind == kWatchEvent) {
        const auto kind = static_cast<Kind>(e.arg);
        if (kind == Kind::Pod) {
            const Pod* p = sim.api().getByKey<Pod>(e.key);
            if (p && needsScheduling(*p) && !p->status.condition("PodScheduled"))
                requestSync(sim, Component::Scheduler, e.key, sim.config().latency.schedule);
        } else if (kind == Kind::Node) {
            requestSync(sim, Component::Scheduler, "*", sim.config().latency.schedule, {}, timer::kSyncAll);
        }
        return;
    }
    syncStarted(sim, e);
    if (e.kind == timer::kSync) {
        schedulePod(sim, e.key);
    } else if (e.kind == timer::kSyncAll) {
        std::vector<std::string> pending;
        for (const auto& [key, p] : sim.objects().pods)
            if (needsScheduling(p)) pending.push_back(key);
        for (const auto& key : pending) schedulePod(sim, key);
    }
}

} // namespace kns
