#include <kubenetsim/cluster/events.hpp>

#include <kubenetsim/core/simulation.hpp>

namespace kns {

void recordEvent(Simulation& sim, const ObjectReference& object, const std::string& type, const std::string& reason,
                 const std::string& message, const std::string& sourceComponent, const std::string& sourceHost,
                 const std::string& fieldPath) {
    auto& events = sim.state().objects.events;
    for (auto& e : events) {
        if (e.involvedObject.kind == object.kind && e.involvedObject.ns == object.ns && e.involvedObject.name == object.name &&
            e.involvedObject.uid == object.uid && e.reason == reason && e.message == message &&
            e.sourceComponent == sourceComponent && e.fieldPath == fieldPath && e.type == type) {
            ++e.count;
            e.lastTimestamp = sim.now();
            return;
        }
    }
    KubeEvent e;
    e.ns = object.ns;
    e.involvedObject = object;
    e.fieldPath = fieldPath;
    e.type = type;
    e.reason = reason;
    e.message = message;
    e.sourceComponent = sourceComponent;
    e.sourceHost = sourceHost;
    e.firstTimestamp = e.lastTimestamp = sim.now();
    events.push_back(std::move(e));
    sim.emit(TraceKind::ControllerAction, sourceComponent, object.kind + "/" + object.ns + "/" + object.name, reason + ": " + message);
}

std::vector<const KubeEvent*> eventsFor(const Simulation& sim, const std::string& kind, const std::string& ns, const std::string& name) {
    std::vector<const KubeEvent*> out;
    for (const auto& e : sim.objects().events)
        if (e.involvedObject.kind == kind && e.involvedObject.ns == ns && e.involvedObject.name == name) out.push_back(&e);
    return out;
}

} // namespace kns
