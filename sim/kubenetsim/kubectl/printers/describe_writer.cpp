// Sections shared by the describers, after kubectl 1.5's and 1.30's describe.go.
#include <kubenetsim/kubectl/printers/describe_writer.hpp>

#include <algorithm>

#include <kubenetsim/cluster/events.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>

namespace kns::printers::detail {

DescribeWriter::DescribeWriter(Era era)
    : m_era(era), m_w(era == Era::Legacy ? TabWriter::legacyDescribe() : TabWriter::modernDescribe()) {}

void DescribeWriter::field(std::string_view title, std::string_view value, int level) {
    std::string line(static_cast<std::size_t>(level) * 2, ' ');
    line.append(title);
    line += ":\t";
    line.append(value);
    line += '\n';
    m_w.write(line);
}

std::string DescribeWriter::finish() {
    std::string out = m_w.flush();
    return legacy() ? expandTabs(out, 8) : out;
}

void labelsMultiline(DescribeWriter& w, const std::string& title, const Labels& labels) {
    w << title << ":\t";
    if (labels.empty()) {
        w << "<none>\n";
        return;
    }
    bool first = true;
    for (const auto& [k, v] : labels) {
        if (!first) w << "\t";
        first = false;
        w << k << "=" << v << "\n";
    }
}

void annotationsMultiline(DescribeWriter& w, const std::string& title, const Labels& annotations) {
    constexpr std::size_t kMaxAnnotationLen = 140;
    w << title << ":\t";
    bool first = true;
    for (const auto& [k, raw] : annotations) {
        if (k == "kubectl.kubernetes.io/last-applied-configuration") continue;
        if (!first) w << "\t";
        first = false;
        std::string value = raw;
        if (!value.empty() && value.back() == '\n') value.pop_back();
        if (value.size() + k.size() + 2 > kMaxAnnotationLen || value.find('\n') != std::string::npos) {
            w << k << ":\n";
            std::size_t start = 0;
            while (start <= value.size()) {
                std::size_t nl = value.find('\n', start);
                if (nl == std::string::npos) nl = value.size();
                std::string part = value.substr(start, nl - start);
                if (part.size() > kMaxAnnotationLen - 2) part = part.substr(0, kMaxAnnotationLen - 5) + "...";
                w << "\t  " << part << "\n";
                start = nl + 1;
            }
        } else {
            w << k << ": " << value << "\n";
        }
    }
    if (first) w << "<none>\n";
}

namespace {

std::string probeText(const Probe& p) {
    const std::string attrs = "delay=" + std::to_string(p.initialDelaySeconds) + "s timeout=" + std::to_string(p.timeoutSeconds) +
                              "s period=" + std::to_string(p.periodSeconds) + "s #success=" + std::to_string(p.successThreshold) +
                              " #failure=" + std::to_string(p.failureThreshold);
    if (p.handler == "exec") return "exec [" + join(p.command, " ") + "] " + attrs;
    if (p.handler == "tcpSocket") return "tcp-socket :" + p.port.str() + " " + attrs;
    std::string scheme = p.scheme;
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string path = p.path;
    if (!path.empty() && path[0] != '/') path = "/" + path;
    return "http-get " + scheme + "://:" + p.port.str() + path + " " + attrs;
}

void describeState(DescribeWriter& w, const Simulation& sim, const std::string& name, const std::string& state, const std::string& reason,
                   const ContainerStatus& s) {
    if (state == "running") {
        w << "    " << name << ":\tRunning\n";
        w << "      Started:\t" << wallClock(sim, s.startedAt) << "\n";
    } else if (state == "terminated") {
        w << "    " << name << ":\tTerminated\n";
        if (!reason.empty()) w << "      Reason:\t" << reason << "\n";
        w << "      Exit Code:\t" << std::to_string(s.exitCode) << "\n";
        w << "      Started:\t" << wallClock(sim, s.startedAt) << "\n";
        w << "      Finished:\t" << wallClock(sim, s.finishedAt) << "\n";
    } else {
        w << "    " << name << ":\tWaiting\n";
        if (!reason.empty()) w << "      Reason:\t" << reason << "\n";
    }
}

void resources(DescribeWriter& w, const char* title, const ResourceList& r) {
    if (r.empty()) return;
    w << "    " << title << ":\n";
    if (!r.cpu.empty()) w << "      cpu:\t" << r.cpu << "\n";
    if (!r.memory.empty()) w << "      memory:\t" << r.memory << "\n";
}

} // namespace

void describeContainers(DescribeWriter& w, const Simulation& sim, const std::string& label, const std::vector<Container>& containers,
                        const std::vector<ContainerStatus>& statuses, const std::string& space) {
    const bool legacy = w.legacy();
    w << space << label << (containers.empty() ? ": <none>\n" : ":\n");
    for (const Container& c : containers) {
        const ContainerStatus* st = nullptr;
        for (const auto& s : statuses)
            if (s.name == c.name) st = &s;
        w << "  " << (space.empty() ? "" : " ") << c.name << ":\n";
        if (st) w << "    Container ID:\t" << st->containerID << "\n";
        w << "    Image:\t" << c.image << "\n";
        if (st) w << "    Image ID:\t" << st->imageID << "\n";
        std::vector<std::string> ports, hostPorts;
        for (const auto& p : c.ports) {
            ports.push_back(std::to_string(p.containerPort) + "/" + p.protocol);
            hostPorts.push_back(std::to_string(p.hostPort) + "/" + p.protocol);
        }
        const std::string portText = join(ports, ", ");
        const std::string shownPorts = (!legacy && portText.empty()) ? "<none>" : portText;
        w << (ports.size() > 1 ? "    Ports:\t" : "    Port:\t") << shownPorts << "\n";
        if (!legacy) {
            const std::string hostText = join(hostPorts, ", ");
            w << (hostPorts.size() > 1 ? "    Host Ports:\t" : "    Host Port:\t") << (hostText.empty() ? "<none>" : hostText) << "\n";
        }
        if (!c.command.empty()) {
            w << "    Command:\n";
            for (const auto& s : c.command) w << "      " << s << "\n";
        }
        if (!c.args.empty()) {
            w << "    Args:\n";
            for (const auto& s : c.args) w << "      " << s << "\n";
        }
        if (legacy) {
            resources(w, "Limits", c.limits);
            resources(w, "Requests", c.requests);
        }
        if (st) {
            describeState(w, sim, "State", st->state, st->reason, *st);
            if (st->lastState == "terminated") describeState(w, sim, "Last State", "terminated", st->lastReason, *st);
            w << "    Ready:\t" << (st->ready ? "True" : "False") << "\n";
            w << "    Restart Count:\t" << std::to_string(st->restartCount) << "\n";
        }
        if (!legacy) {
            resources(w, "Limits", c.limits);
            resources(w, "Requests", c.requests);
        }
        if (c.livenessProbe) w << "    Liveness:\t" << probeText(*c.livenessProbe) << "\n";
        if (c.readinessProbe) w << "    Readiness:\t" << probeText(*c.readinessProbe) << "\n";
        if (legacy) w << "    Volume Mounts:\t<none>\n";
        const char* envTitle = legacy ? "    Environment Variables:" : "    Environment:";
        w << envTitle << (c.env.empty() ? "\t<none>\n" : "\n");
        for (const auto& e : c.env) w << "      " << e.name << ":\t" << e.value << "\n";
        if (!legacy) w << "    Mounts:\t<none>\n";
    }
}

void describePodTemplate(DescribeWriter& w, const Simulation& sim, const PodTemplateSpec& tmpl) {
    w << "Pod Template:\n";
    labelsMultiline(w, "  Labels", tmpl.meta.labels);
    if (!tmpl.meta.annotations.empty()) annotationsMultiline(w, "  Annotations", tmpl.meta.annotations);
    // Templates leave serviceAccountName unset unless the manifest names one; "default" is
    // filled in on the pod by admission, so it is not shown here.
    if (!tmpl.spec.serviceAccountName.empty() && tmpl.spec.serviceAccountName != "default")
        w << "  Service Account:\t" << tmpl.spec.serviceAccountName << "\n";
    describeContainers(w, sim, "Containers", tmpl.spec.containers, {}, "  ");
    w << "  Volumes:\t<none>\n";
    labelsMultiline(w, "  Node-Selectors", Labels(tmpl.spec.nodeSelector.begin(), tmpl.spec.nodeSelector.end()));
    w << "  Tolerations:\t<none>\n";
}

void describeEvents(DescribeWriter& w, const Simulation& sim, const std::string& kind, const std::string& ns, const std::string& name) {
    std::vector<const KubeEvent*> events = eventsFor(sim, kind, ns, name);
    // kubectl sorts by lastTimestamp (SortableEvents); ties keep recording order.
    std::stable_sort(events.begin(), events.end(), [](const KubeEvent* a, const KubeEvent* b) { return a->lastTimestamp < b->lastTimestamp; });
    if (w.legacy()) {
        if (events.empty()) {
            w << "No events.";
            return;
        }
        w << "Events:\n  FirstSeen\tLastSeen\tCount\tFrom\tSubObjectPath\tType\tReason\tMessage\n";
        w << "  ---------\t--------\t-----\t----\t-------------\t--------\t------\t-------\n";
        for (const KubeEvent* e : events) {
            // kubectl 1.5 prints the EventSource struct with %v: "{kubelet localhost}".
            w << "  " << ageSince(sim, e->firstTimestamp) << "\t" << ageSince(sim, e->lastTimestamp) << "\t" << std::to_string(e->count)
              << "\t{" << e->sourceComponent << " " << e->sourceHost << "}\t" << e->fieldPath << "\t" << e->type << "\t" << e->reason
              << "\t" << e->message << "\n";
        }
        return;
    }
    if (events.empty()) {
        w << "Events:\t<none>\n";
        return;
    }
    w << "Events:\n  Type\tReason\tAge\tFrom\tMessage\n";
    w << "  ----\t------\t----\t----\t-------\n";
    for (const KubeEvent* e : events) {
        std::string interval = ageSince(sim, e->firstTimestamp);
        if (e->count > 1)
            interval = ageSince(sim, e->lastTimestamp) + " (x" + std::to_string(e->count) + " over " + ageSince(sim, e->firstTimestamp) + ")";
        std::string message = e->message;
        while (!message.empty() && (message.back() == ' ' || message.back() == '\n')) message.pop_back();
        w << "  " << e->type << "\t" << e->reason << "\t" << interval << "\t" << e->sourceComponent << "\t" << message << "\n";
    }
}

std::string controllerOf(const ObjectMeta& meta) {
    const OwnerReference* ref = meta.controllerRef();
    return ref ? ref->kind + "/" + ref->name : std::string{};
}

PodCounts podCounts(const Simulation& sim, const std::string& ns, const LabelSelector& selector) {
    PodCounts c;
    if (selector.empty()) return c;
    for (const auto& [key, pod] : sim.objects().pods) {
        if (pod.meta.ns != ns || !selector.matches(pod.meta.labels)) continue;
        if (pod.status.phase == "Running") ++c.running;
        else if (pod.status.phase == "Pending") ++c.waiting;
        else if (pod.status.phase == "Succeeded") ++c.succeeded;
        else if (pod.status.phase == "Failed") ++c.failed;
    }
    return c;
}

std::string podsStatusLine(const PodCounts& c) {
    return std::to_string(c.running) + " Running / " + std::to_string(c.waiting) + " Waiting / " + std::to_string(c.succeeded) +
           " Succeeded / " + std::to_string(c.failed) + " Failed";
}

} // namespace kns::printers::detail
