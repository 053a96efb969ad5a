// `kubectl describe pod`: kubectl 1.5's describePod (plus OpenShift 3.5's "Security Policy"
// line from the openshift.io/scc annotation) and kubectl 1.30's.
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/describe_writer.hpp>

namespace kns::printers::detail {

namespace {

// v1 qos.GetPodQOS, for the cpu and memory the model knows: no requests or limits anywhere is
// BestEffort; limits equal to requests (or requests unset) for both on every container is
// Guaranteed; anything else Burstable.
std::string qosClass(const Pod& pod) {
    bool any = false;
    bool guaranteed = true;
    for (const auto& c : pod.spec.containers) {
        if (!c.requests.empty() || !c.limits.empty()) any = true;
        const std::string reqCpu = c.requests.cpu.empty() ? c.limits.cpu : c.requests.cpu;
        const std::string reqMem = c.requests.memory.empty() ? c.limits.memory : c.requests.memory;
        if (c.limits.cpu.empty() || c.limits.memory.empty() || reqCpu != c.limits.cpu || reqMem != c.limits.memory) guaranteed = false;
    }
    if (!any) return "BestEffort";
    return guaranteed ? "Guaranteed" : "Burstable";
}

} // namespace

std::string describePod(const Simulation& sim, const Pod& pod) {
    DescribeWriter w(sim.era());
    const bool legacy = w.legacy();
    w.field("Name", pod.meta.name);
    w.field("Namespace", pod.meta.ns);
    if (legacy) {
        auto scc = pod.meta.annotations.find("openshift.io/scc");
        if (scc != pod.meta.annotations.end()) w.field("Security Policy", scc->second);
        w.field("Node", pod.spec.nodeName + "/" + pod.status.hostIP);
    } else {
        w.field("Priority", "0");
        w.field("Service Account", pod.spec.serviceAccountName);
        w.field("Node", pod.spec.nodeName.empty() ? "<none>" : pod.spec.nodeName + "/" + pod.status.hostIP);
    }
    if (pod.status.startTime) w.field("Start Time", wallClock(sim, *pod.status.startTime));
    labelsMultiline(w, "Labels", pod.meta.labels);
    if (!legacy) annotationsMultiline(w, "Annotations", pod.meta.annotations);
    const bool terminal = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
    if (pod.meta.deletionTimestamp && (legacy || !terminal)) {
        if (legacy) w.field("Status", "Terminating (expires " + wallClock(sim, *pod.meta.deletionTimestamp) + ")");
        else w.field("Status", "Terminating (lasts " + ageSince(sim, *pod.meta.deletionTimestamp) + ")");
        w.field("Termination Grace Period", std::to_string(pod.meta.deletionGracePeriodSeconds) + "s");
    } else {
        w.field("Status", pod.status.phase);
    }
    if (!pod.status.reason.empty()) w.field("Reason", pod.status.reason);
    if (!pod.status.message.empty()) w.field("Message", pod.status.message);
    w.field("IP", pod.status.podIP);
    const std::string controller = controllerOf(pod.meta);
    if (legacy) {
        w.field("Controllers", controller.empty() ? "<none>" : controller);
    } else {
        if (pod.status.podIP.empty()) {
            w << "IPs:\t<none>\n";
        } else {
            w << "IPs:\n";
            w.field("IP", pod.status.podIP, 1);
        }
        if (!controller.empty()) w.field("Controlled By", controller);
    }
    describeContainers(w, sim, "Containers", pod.spec.containers, pod.status.containerStatuses, "");
    if (!pod.status.conditions.empty()) {
        w << "Conditions:\n  Type\tStatus\n";
        for (const auto& c : pod.status.conditions) w << "  " << c.type << " \t" << c.status << " \n";
    }
    if (legacy) w << "No volumes.\n";
    else w << "Volumes:\t<none>\n";
    w.field("QoS Class", qosClass(pod));
    if (legacy) {
        w << "Tolerations:\t<none>\n";
    } else {
        labelsMultiline(w, "Node-Selectors", Labels(pod.spec.nodeSelector.begin(), pod.spec.nodeSelector.end()));
        // Added to every pod by the DefaultTolerationSeconds admission plugin.
        w << "Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
          << "\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n";
    }
    describeEvents(w, sim, "Pod", pod.meta.ns, pod.meta.name);
    return w.finish();
}

} // namespace kns::printers::detail
