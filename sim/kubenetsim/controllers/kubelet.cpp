// The kubelet, one instance per node (Event::node): runs the pods bound to its node through
// Pending (ContainerCreating) to Running, keeps their status, and stops and removes them when
// they are deleted. Probes and restarts are in kubelet_probes.cpp.
//
// Timers carry an epoch (PodRuntime::epoch, ContainerRuntime::epoch); a timer whose epoch no
// longer matches belongs to a past incarnation and is ignored. While the kubelet is down (what-if)
// it ignores everything; on resume it picks every pod up again with fresh epochs.
#include <algorithm>
#include <cstdio>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/cluster/ipam.hpp>
#include <kubenetsim/dataplane/pod_network.hpp>
#include <kubenetsim/controllers/kubelet.hpp>
#include <kubenetsim/controllers/pod_status.hpp>
#include <kubenetsim/controllers/process.hpp>

namespace kns {
namespace kubelet {

KubeletState& stateOf(Simulation& sim, const std::string& node) { return sim.state().controllers.kubelets[node]; }

PodRuntime* runtimeOf(Simulation& sim, const std::string& node, const std::string& podKey) {
    auto& pods = stateOf(sim, node).pods;
    auto it = pods.find(podKey);
    return it == pods.end() ? nullptr : &it->second;
}

std::string source(const std::string& node) { return "kubelet/" + node; }

void containerEvent(Simulation& sim, const Pod& pod, const std::string& container, const std::string& type,
                    const std::string& reason, const std::string& message) {
    recordEvent(sim, ObjectReference{"Pod", pod.meta.ns, pod.meta.name, pod.meta.uid}, type, reason, message, "kubelet", pod.spec.nodeName,
                "spec.containers{" + container + "}");
}

void refreshReadiness(Simulation& sim, Pod& pod, const PodRuntime& rt) {
    bool all = !rt.containers.empty();
    for (std::size_t i = 0; i < rt.containers.size(); ++i) {
        const bool ready = rt.containers[i].running && rt.containers[i].ready;
        if (i < pod.status.containerStatuses.size()) pod.status.containerStatuses[i].ready = ready;
        all = all && ready;
    }
    const std::string status = all ? "True" : "False";
    const std::string reason = all ? "" : "ContainersNotReady";
    if (sim.era() == Era::Modern) setPodCondition(pod, "ContainersReady", status, reason, sim.now());
    setPodCondition(pod, "Ready", status, reason, sim.now());
}

namespace {

std::string hexDigits(Rng& rng, int n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < n; ++i) s += kHex[rng.below(16)];
    return s;
}

// The image reference as the runtime reports it: docker (legacy) keeps what the spec says;
// containerd (modern) fully qualifies it ("nginx" -> "docker.io/library/nginx:latest").
std::string statusImage(const std::string& image, Era era) {
    if (era == Era::Legacy) return image;
    std::string name = image;
    const std::size_t slash = name.find('/');
    const std::string first = slash == std::string::npos ? "" : name.substr(0, slash);
    const bool hasRegistry = first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost";
    if (!hasRegistry) name = "docker.io/" + std::string(slash == std::string::npos ? "library/" : "") + name;
    const std::size_t lastSlash = name.rfind('/');
    if (name.find(':', lastSlash) == std::string::npos && name.find('@') == std::string::npos) name += ":latest";
    return name;
}

// A stable made-up digest: the same image has the same digest in every run.
std::string imageID(const std::string& image, Era era) {
    std::string repo = statusImage(image, era);
    const std::size_t lastSlash = repo.rfind('/');
    const std::size_t colon = repo.find(':', lastSlash == std::string::npos ? 0 : lastSlash);
    if (colon != std::string::npos) repo = repo.substr(0, colon);
    std::string digest;
    std::uint64_t state = fnv1a64(image);
    for (int i = 0; i < 4; ++i) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(splitmix64(state)));
        digest += buf;
    }
    return (era == Era::Legacy ? "docker-pullable://" : "") + repo + "@sha256:" + digest;
}

bool needsPull(const Container& c, const KubeletState& ks) {
    std::string policy = c.imagePullPolicy;
    if (policy.empty()) {
        const std::size_t lastSlash = c.image.rfind('/');
        const std::size_t colon = c.image.find(':', lastSlash == std::string::npos ? 0 : lastSlash);
        const bool latest = colon == std::string::npos || c.image.substr(colon + 1) == "latest";
        policy = latest ? "Always" : "IfNotPresent";
    }
    if (policy == "Never") return false;
    return policy == "Always" || !ks.images.count(c.image);
}

std::string durationText(SimTime d) {
    char buf[32];
    const double s = d.toSeconds();
    if (s < 1.0) std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(d.nanos() / 1'000'000));
    else std::snprintf(buf, sizeof buf, "%.3gs", s);
    return buf;
}

// A pod bound to this node appeared: accept it, report it Pending with ContainerCreating, and
// set up its sandbox.
void admit(Simulation& sim, const std::string& node, const Pod& pod) {
    KubeletState& ks = stateOf(sim, node);
    const std::string key = objectKey(pod);
    PodRuntime rt;
    rt.uid = pod.meta.uid;
    rt.epoch = ks.nextEpoch++;
    rt.containers.resize(pod.spec.containers.size());
    ks.pods[key] = rt;
    const std::string hostIP = sim.api().get<Node>("", node) ? sim.api().get<Node>("", node)->internalIP() : "";
    mutatePod(sim, node, key, [&](Pod& p) {
        p.status.phase = "Pending";
        p.status.hostIP = hostIP;
        p.status.startTime = sim.now();
        if (sim.era() == Era::Modern) setPodCondition(p, "PodReadyToStartContainers", "False", "", sim.now());
        setPodCondition(p, "Initialized", "True", "", sim.now());
        // Pods created already bound (system pods) get PodScheduled from the kubelet.
        if (!p.status.condition("PodScheduled")) setPodCondition(p, "PodScheduled", "True", "", sim.now());
        p.status.containerStatuses.clear();
        for (const auto& c : p.spec.containers) {
            ContainerStatus cs;
            cs.name = c.name;
            cs.state = "waiting";
            cs.reason = "ContainerCreating";
            cs.image = statusImage(c.image, sim.era());
            p.status.containerStatuses.push_back(cs);
        }
        refreshReadiness(sim, p, rt);
    });
    if (const Pod* p = sim.api().getByKey<Pod>(key)) tracePhase(sim, *p, source(node));
    sim.schedule(sim.config().latency.sandbox, Event{Component::Kubelet, timer::kSandboxReady, node, key, rt.epoch, 0});
}

void sandboxReady(Simulation& sim, const std::string& node, const std::string& key) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!rt || !pod) return;
    rt->stage = PodRuntime::Stage::SandboxReady;
    std::string ip;
    if (pod->spec.hostNetwork) {
        ip = pod->status.hostIP;
    } else if (auto a = allocatePodIP(sim, node, key)) {
        ip = *a;
    } else {
        containerEvent(sim, *pod, pod->spec.containers.front().name, "Warning", "FailedCreatePodSandBox",
                       "Failed to create pod sandbox: no IP addresses available in range set: " + findNodeDef(sim, node)->podCIDR);
        return;
    }
    mutatePod(sim, node, key, [&](Pod& p) {
        p.status.podIP = ip;
        if (sim.era() == Era::Modern) setPodCondition(p, "PodReadyToStartContainers", "True", "", sim.now());
    });
    traceAction(sim, source(node), "pod/" + key, "sandbox ready, IP " + ip);
    if (const Pod* wired = sim.api().getByKey<Pod>(key)) attachPodNetwork(sim, node, *wired);
    KubeletState& ks = stateOf(sim, node);
    for (std::size_t i = 0; i < pod->spec.containers.size(); ++i) {
        const Container& c = pod->spec.containers[i];
        SimTime delay = sim.config().latency.containerStart;
        const bool pull = needsPull(c, ks);
        if (pull) {
            containerEvent(sim, *pod, c.name, "Normal", "Pulling",
                           std::string(sim.era() == Era::Legacy ? "pulling" : "Pulling") + " image \"" + c.image + "\"");
            delay += sim.config().latency.imagePull;
        }
        rt->containers[i].epoch = ks.nextEpoch++;
        sim.schedule(delay, Event{Component::Kubelet, timer::kContainerStarted, node, key, rt->containers[i].epoch,
                                  static_cast<std::int64_t>(i) | (pull ? kPulledFlag : 0)});
    }
}

void beginTermination(Simulation& sim, const std::string& node, const std::string& key) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!pod) return;
    if (!rt) {  // never started here: nothing to stop
        sim.api().remove<Pod>(key, source(node));
        return;
    }
    if (rt->stage == PodRuntime::Stage::Terminating) return;
    KubeletState& ks = stateOf(sim, node);
    rt->stage = PodRuntime::Stage::Terminating;
    rt->epoch = ks.nextEpoch++;
    for (std::size_t i = 0; i < rt->containers.size(); ++i) {
        ContainerRuntime& c = rt->containers[i];
        c.epoch = ks.nextEpoch++;  // stops probe chains and pending restarts
        if (!c.running) continue;
        const std::string& name = pod->spec.containers[i].name;
        containerEvent(sim, *pod, name, "Normal", "Killing",
                       sim.era() == Era::Legacy ? "Killing container with docker id " + c.dockerID.substr(0, 12) + ": Need to kill pod."
                                                : "Stopping container " + name);
    }
    const SimTime grace = std::min(sim.config().latency.podTermination, SimTime::s(pod->meta.deletionGracePeriodSeconds));
    traceAction(sim, source(node), "pod/" + key, "terminating, grace " + grace.str());
    sim.schedule(grace, Event{Component::Kubelet, timer::kTerminated, node, key, rt->epoch, 0});
}

void terminated(Simulation& sim, const std::string& node, const std::string& key) {
    stateOf(sim, node).pods.erase(key);
    detachPodNetwork(sim, key);
    if (!sim.api().getByKey<Pod>(key)) return;
    traceAction(sim, source(node), "pod/" + key, "containers stopped, pod removed");
    sim.api().remove<Pod>(key, source(node));
}

void podChanged(Simulation& sim, const std::string& node, const std::string& key) {
    const Pod* pod = sim.api().getByKey<Pod>(key);
    PodRuntime* rt = runtimeOf(sim, node, key);
    if (!pod || pod->spec.nodeName != node) {  // gone (force-deleted) or not ours
        if (rt && (!pod || pod->meta.uid == rt->uid)) {
            stateOf(sim, node).pods.erase(key);
            detachPodNetwork(sim, key);
        }
        return;
    }
    if (rt && rt->uid != pod->meta.uid) {  // a new pod under an old name
        stateOf(sim, node).pods.erase(key);
        detachPodNetwork(sim, key);
        rt = nullptr;
    }
    if (pod->meta.deletionTimestamp) beginTermination(sim, node, key);
    else if (!rt) admit(sim, node, *pod);
}

// The kubelet is back: report the node Ready and pick every pod up again with fresh epochs.
void resume(Simulation& sim, const std::string& node) {
    KubeletState& ks = stateOf(sim, node);
    if (const Node* n = sim.api().get<Node>("", node)) {
        Node next = *n;
        for (auto& c : next.status.conditions)
            if (c.type == "Ready" && c.status != "True") {
                c.status = "True";
                c.reason = "KubeletReady";
                c.lastTransitionTime = sim.now();
            }
        sim.api().update(next, source(node));
    }
    std::vector<std::string> keys;
    for (const auto& [key, p] : sim.objects().pods)
        if (p.spec.nodeName == node) keys.push_back(key);
    for (const std::string& key : keys) {
        PodRuntime* rt = runtimeOf(sim, node, key);
        const Pod* pod = sim.api().getByKey<Pod>(key);
        if (!pod) continue;
        if (pod->meta.deletionTimestamp) {
            if (rt) rt->stage = PodRuntime::Stage::Running;  // let termination start over
            beginTermination(sim, node, key);
            continue;
        }
        if (!rt || rt->uid != pod->meta.uid) {
            ks.pods.erase(key);
            admit(sim, node, *pod);
            continue;
        }
        rt->epoch = ks.nextEpoch++;
        if (rt->stage == PodRuntime::Stage::Admitted) {
            sim.schedule(sim.config().latency.sandbox, Event{Component::Kubelet, timer::kSandboxReady, node, key, rt->epoch, 0});
            continue;
        }
        for (std::size_t i = 0; i < rt->containers.size(); ++i) {
            ContainerRuntime& c = rt->containers[i];
            c.epoch = ks.nextEpoch++;
            if (c.running) scheduleProbes(sim, node, key, i);
            else sim.schedule(sim.config().latency.containerStart,
                              Event{Component::Kubelet, timer::kContainerStarted, node, key, c.epoch, static_cast<std::int64_t>(i)});
        }
        applyReadinessFlag(sim, node, key);
        mutatePod(sim, node, key, [&](Pod& p) { refreshReadiness(sim, p, *rt); });
    }
}

} // namespace

void startContainer(Simulation& sim, const std::string& node, const std::string& key, std::size_t i, bool pulled) {
    PodRuntime* rt = runtimeOf(sim, node, key);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!rt || !pod || i >= pod->spec.containers.size()) return;
    const Container& c = pod->spec.containers[i];
    KubeletState& ks = stateOf(sim, node);
    const Era era = sim.era();
    ks.images.insert(c.image);
    if (pulled) {
        std::string msg = "Successfully pulled image \"" + c.image + "\"";
        if (era == Era::Modern) {
            const std::string took = durationText(sim.config().latency.imagePull);
            msg += " in " + took + " (" + took + " including waiting). Image size: " +
                   std::to_string(20'000'000 + fnv1a64(c.image) % 80'000'000) + " bytes.";
        }
        containerEvent(sim, *pod, c.name, "Normal", "Pulled", msg);
    } else {
        containerEvent(sim, *pod, c.name, "Normal", "Pulled", "Container image \"" + c.image + "\" already present on machine");
    }
    ContainerRuntime& cr = rt->containers[i];
    cr.dockerID = hexDigits(sim.rng("node/" + node + "/kubelet"), 64);
    cr.running = true;
    cr.ready = !c.readinessProbe && !sim.state().controllers.readinessFailing.count(key);
    cr.readinessFailures = cr.readinessSuccesses = cr.livenessFailures = 0;
    const std::string shortID = cr.dockerID.substr(0, 12);
    containerEvent(sim, *pod, c.name, "Normal", "Created",
                   era == Era::Legacy ? "Created container with docker id " + shortID + "; Security:[seccomp=unconfined]" : "Created container " + c.name);
    containerEvent(sim, *pod, c.name, "Normal", "Started",
                   era == Era::Legacy ? "Started container with docker id " + shortID : "Started container " + c.name);
    rt->stage = PodRuntime::Stage::Running;
    const PodRuntime snapshot = *rt;
    mutatePod(sim, node, key, [&](Pod& p) {
        ContainerStatus& cs = p.status.containerStatuses[i];
        cs.state = "running";
        cs.reason.clear();
        cs.startedAt = sim.now();
        cs.restartCount = snapshot.containers[i].restarts;
        cs.containerID = (era == Era::Legacy ? "docker://" : "containerd://") + snapshot.containers[i].dockerID;
        cs.imageID = imageID(c.image, era);
        p.status.phase = "Running";
        refreshReadiness(sim, p, snapshot);
    });
    if (const Pod* p = sim.api().getByKey<Pod>(key)) tracePhase(sim, *p, source(node));
    scheduleProbes(sim, node, key, i);
}

} // namespace kubelet

void handleKubelet(Simulation& sim, const Event& e) {
    using namespace kubelet;
    if (e.node.empty() || stateOf(sim, e.node).down) return;
    if (e.kind == kWatchEvent) {
        if (static_cast<Kind>(e.arg) == Kind::Pod) podChanged(sim, e.node, e.key);
        return;
    }
    if (e.kind == timer::kKubeletResume) {
        resume(sim, e.node);
        return;
    }
    PodRuntime* rt = runtimeOf(sim, e.node, e.key);
    if (!rt) return;
    switch (e.kind) {
    case timer::kSandboxReady:
        if (rt->epoch == e.arg) sandboxReady(sim, e.node, e.key);
        break;
    case timer::kTerminated:
        if (rt->epoch == e.arg) terminated(sim, e.node, e.key);
        break;
    case timer::kContainerStarted:
    {
        const auto i = static_cast<std::size_t>(e.arg2 & ~kPulledFlag);
        if (i < rt->containers.size() && rt->containers[i].epoch == e.arg && rt->stage != PodRuntime::Stage::Terminating)
            startContainer(sim, e.node, e.key, i, (e.arg2 & kPulledFlag) != 0);
        break;
    }
    case timer::kReadinessProbe:
    case timer::kLivenessProbe: handleProbe(sim, e); break;
    case timer::kContainerRestart: handleRestart(sim, e); break;
    case timer::kReadinessFlag: applyReadinessFlag(sim, e.node, e.key); break;
    default: break;
    }
}

} // namespace kns
