#include <kubenetsim/controllers/pod_status.hpp>

#include <algorithm>
#include <array>

#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {
int conditionOrder(const std::string& type) {
    static const std::array<const char*, 5> kOrder{"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"};
    for (std::size_t i = 0; i < kOrder.size(); ++i)
        if (type == kOrder[i]) return static_cast<int>(i);
    return static_cast<int>(kOrder.size());
}
} // namespace

bool setPodCondition(Pod& pod, const std::string& type, const std::string& status, const std::string& reason, SimTime now) {
    auto& conds = pod.status.conditions;
    for (auto& c : conds) {
        if (c.type != type) continue;
        if (c.status == status && c.reason == reason) return false;
        if (c.status != status) c.lastTransitionTime = now;
        c.status = status;
        c.reason = reason;
        return true;
    }
    PodCondition c{type, status, now, reason};
    auto at = std::find_if(conds.begin(), conds.end(), [&](const PodCondition& x) { return conditionOrder(x.type) > conditionOrder(type); });
    conds.insert(at, c);
    return true;
}

const NodeDef* findNodeDef(const Simulation& sim, const std::string& node) {
    for (const auto& n : sim.config().nodes)
        if (n.name == node) return &n;
    return nullptr;
}

void tracePhase(Simulation& sim, const Pod& pod, const std::string& source) {
    if (!sim.tracing()) return;
    sim.emit(TraceKind::PodPhase, source, "pod/" + pod.meta.ns + "/" + pod.meta.name, pod.status.phase,
             {{"podIP", pod.status.podIP}, {"node", pod.spec.nodeName}});
}

} // namespace kns
