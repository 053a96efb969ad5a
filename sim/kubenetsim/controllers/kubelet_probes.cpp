// The kubelet's probes and container restarts. A probe's verdict comes from the what-if flags
// (ControllerStates::readinessFailing / livenessFailing): kubenetsim's containers are healthy
// unless the user says otherwise. Like the kubelet's prober workers, each probe of each container
// runs every periodSeconds after initialDelaySeconds, and the result flips only after
// successThreshold successes or failureThreshold failures in a row.
#include <algorithm>

#include <kubenetsim/controllers/kubelet.hpp>
#include <kubenetsim/controllers/pod_status.hpp>
#include <kubenetsim/controllers/process.hpp>

namespace kns {
namespace kubelet {

namespace {

std::string failureMessage(const Simulation& sim, const Pod& pod, const Container& c, const Probe& p, const char* which) {
    std::string m = std::string(which) + " probe failed: ";
    if (p.handler == "httpGet") return m + "HTTP probe failed with statuscode: 500";
    if (p.handler == "tcpSocket") {
        int port = p.port.intValue;
        if (p.port.isString)
            for (const auto& cp : c.ports)
                if (cp.name == p.port.strValue) port = cp.containerPort;
        return m + "dial tcp " + pod.status.podIP + ":" + std::to_string(port) + ": " +
               (sim.era() == Era::Legacy ? "getsockopt: connection refused" : "connect: connection refused");
    }
    return m + "command exited with status 1";
}

SimTime firstDelay(const Simulation& sim, const Probe& p) {
    return std::max(SimTime::s(p.initialDelaySeconds), sim.config().latency.readinessFirstCheck);
}

// Liveness failed failureThreshold times: kill the container and restart it after the back-off.
void killForRestart(Simulation& sim, const std::string& node, const std::string& key, std::size_t i) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    ContainerRuntime& cr = rt->containers[i];
    const std::string name = pod->spec.containers[i].name;  // a copy: the pod is rewritten below
    containerEvent(sim, *pod, name, "Normal", "Killing",
                   sim.era() == Era::Legacy
                       ? "Killing container with docker id " + cr.dockerID.substr(0, 12) + ": pod \"" + pod->meta.name + "_" + pod->meta.ns +
                             "(" + pod->meta.uid + ")\" container \"" + name + "\" is unhealthy, it will be killed and re-created."
                       : "Container " + name + " failed liveness probe, will be restarted");
    cr.running = false;
    cr.ready = false;
    ++cr.restarts;
    cr.epoch = stateOf(sim, node).nextEpoch++;
    // CrashLoopBackOff: the first restart is immediate, then 10s, 20s, 40s ... up to 5 minutes.
    SimTime backOff = SimTime::zero();
    if (cr.restarts > 1) {
        backOff = sim.config().latency.restartBackOff;
        for (int n = 2; n < cr.restarts && backOff < sim.config().latency.restartBackOffMax; ++n) backOff = backOff * 2;
        backOff = std::min(backOff, sim.config().latency.restartBackOffMax);
        containerEvent(sim, *pod, name, "Warning", "BackOff",
                       sim.era() == Era::Legacy ? "Back-off restarting failed docker container"
                                                : "Back-off restarting failed container " + name + " in pod " + pod->meta.name + "_" +
                                                      pod->meta.ns + "(" + pod->meta.uid + ")");
    }
    const PodRuntime snapshot = *rt;
    mutatePod(sim, node, key, [&](Pod& p) {
        ContainerStatus& cs = p.status.containerStatuses[i];
        cs.lastState = "terminated";
        cs.lastReason = "Error";
        cs.exitCode = 137;
        cs.finishedAt = sim.now();
        cs.state = "waiting";
        cs.reason = backOff > SimTime::zero() ? "CrashLoopBackOff" : "ContainerCreating";
        cs.restartCount = snapshot.containers[i].restarts;
        refreshReadiness(sim, p, snapshot);
    });
    traceAction(sim, source(node), "pod/" + key, "container " + name + " killed (liveness), restart #" + std::to_string(cr.restarts));
    sim.schedule(backOff + sim.config().latency.containerStart,
                 Event{Component::Kubelet, timer::kContainerRestart, node, key, cr.epoch, static_cast<std::int64_t>(i)});
}

} // namespace

void scheduleProbes(Simulation& sim, const std::string& node, const std::string& key, std::size_t i) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!rt || !pod) return;
    const Container& c = pod->spec.containers[i];
    const std::int64_t epoch = rt->containers[i].epoch;
    if (c.readinessProbe)
        sim.schedule(firstDelay(sim, *c.readinessProbe), Event{Component::Kubelet, timer::kReadinessProbe, node, key, epoch, static_cast<std::int64_t>(i)});
    if (c.livenessProbe)
        sim.schedule(firstDelay(sim, *c.livenessProbe), Event{Component::Kubelet, timer::kLivenessProbe, node, key, epoch, static_cast<std::int64_t>(i)});
}

void handleProbe(Simulation& sim, const Event& e) {
    PodRuntime* rt = runtimeOf(sim, e.node, e.key);
    const Pod* pod = sim.api().getByKey<Pod>(e.key);
    const auto i = static_cast<std::size_t>(e.arg2);
    if (!rt || !pod || i >= rt->containers.size() || rt->stage != PodRuntime::Stage::Running) return;
    ContainerRuntime& cr = rt->containers[i];
    if (cr.epoch != e.arg || !cr.running) return;
    const Container& c = pod->spec.containers[i];
    const bool readiness = e.kind == timer::kReadinessProbe;
    const Probe& probe = readiness ? *c.readinessProbe : *c.livenessProbe;
    const auto& flags = readiness ? sim.state().controllers.readinessFailing : sim.state().controllers.livenessFailing;
    const bool ok = !flags.count(e.key);
    sim.schedule(SimTime::s(std::max(1, probe.periodSeconds)), e);  // the next run of this prober

    if (!ok)
        containerEvent(sim, *pod, c.name, "Warning", "Unhealthy", failureMessage(sim, *pod, c, probe, readiness ? "Readiness" : "Liveness"));
    if (readiness) {
        bool changed = false;
        if (ok) {
            cr.readinessFailures = 0;
            if (++cr.readinessSuccesses >= std::max(1, probe.successThreshold) && !cr.ready) changed = cr.ready = true;
        } else {
            cr.readinessSuccesses = 0;
            if (++cr.readinessFailures >= std::max(1, probe.failureThreshold) && cr.ready) {
                cr.ready = false;
                changed = true;
            }
        }
        if (!changed) return;
        traceAction(sim, source(e.node), "pod/" + e.key, "container " + c.name + (cr.ready ? " ready" : " not ready"));
        const PodRuntime snapshot = *rt;
        mutatePod(sim, e.node, e.key, [&](Pod& p) { refreshReadiness(sim, p, snapshot); });
        return;
    }
    if (ok) {
        cr.livenessFailures = 0;
    } else if (++cr.livenessFailures >= std::max(1, probe.failureThreshold)) {
        killForRestart(sim, e.node, e.key, i);
    }
}

void applyReadinessFlag(Simulation& sim, const std::string& node, const std::string& key) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!rt || !pod || rt->stage != PodRuntime::Stage::Running) return;
    const bool failing = sim.state().controllers.readinessFailing.count(key) > 0;
    bool changed = false;
    for (std::size_t i = 0; i < rt->containers.size() && i < pod->spec.containers.size(); ++i) {
        ContainerRuntime& cr = rt->containers[i];
        if (pod->spec.containers[i].readinessProbe || !cr.running || cr.ready == !failing) continue;
        cr.ready = !failing;
        changed = true;
    }
    if (!changed) return;
    traceAction(sim, source(node), "pod/" + key, failing ? "containers not ready (what-if)" : "containers ready again");
    const PodRuntime snapshot = *rt;
    mutatePod(sim, node, key, [&](Pod& p) { refreshReadiness(sim, p, snapshot); });
}

void handleRestart(Simulation& sim, const Event& e) {
    PodRuntime* rt = runtimeOf(sim, e.node, e.key);
    const auto i = static_cast<std::size_t>(e.arg2);
    if (!rt || i >= rt->containers.size() || rt->containers[i].epoch != e.arg || rt->stage != PodRuntime::Stage::Running) return;
    startContainer(sim, e.node, e.key, i, false);
}

} // namespace kubelet
} // namespace kns
