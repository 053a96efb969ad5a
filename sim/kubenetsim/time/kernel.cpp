#include <kubenetsim/time/kernel.hpp>

#include <cassert>

namespace kns {

void Kernel::runUntil(SimTime t) {
    m_stopRequested = false;
    Event scratch;
    while (!m_stopRequested && m_state.queue.peekTime() <= t) dispatchNext(scratch);
    if (!m_stopRequested && t > m_state.now) m_state.now = t;
}

void Kernel::run() {
    m_stopRequested = false;
    Event scratch;
    while (!m_stopRequested && dispatchNext(scratch)) {
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
