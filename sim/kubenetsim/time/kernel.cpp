#include <kubenetsim/time/kernel.hpp>

#include <cassert>

namespace kns {

EventId Kernel::schedule(SimTime delay, Event event, std::int16_t priority) {
    assert(delay >= SimTime::zero() && "events cannot be scheduled in the past");
    return m_state.queue.push(m_state.now + delay, priority, std::move(event));
}

EventId Kernel::scheduleAt(SimTime when, Event event, std::int16_t priority) {
    assert(when >= m_state.now && "events cannot be scheduled in the past");
    return m_state.queue.push(when, priority, std::move(event));
}

bool Kernel::step() {
    if (m_state.queue.empty()) return false;
    EventQueue::Scheduled s = m_state.queue.pop();
    assert(s.time >= m_state.now && "time went backwards");
    m_state.now = s.time;
    ++m_state.dispatched;
    if (m_handler) m_handler(s.event);
    return true;
}

void Kernel::runUntil(SimTime t) {
    m_stopRequested = false;
    while (!m_stopRequested && m_state.queue.peekTime() <= t) step();
    if (!m_stopRequested && t > m_state.now) m_state.now = t;
}

void Kernel::run() {
    m_stopRequested = false;
    while (!m_stopRequested && step()) {
    }
}

const char* componentName(Component c) {
    switch (c) {
    case Component::None: return "none";
    case Component::ApiServer: return "apiserver";
    case Component::ReplicationManager: return "replication-manager";
    case Component::DeploymentController: return "deployment-controller";
    case Component::Scheduler: return "scheduler";
    case Component::Kubelet: return "kubelet";
    case Component::EndpointsController: return "endpoints-controller";
    case Component::GarbageCollector: return "garbage-collector";
    case Component::NamespaceController: return "namespace-controller";
    case Component::KubeProxy: return "kube-proxy";
    case Component::Network: return "network";
    case Component::Shell: return "shell";
    case Component::Bench: return "bench";
    case Component::NodeLifecycle: return "node-lifecycle-controller";
    }
    return "?";
}

} // namespace kns
