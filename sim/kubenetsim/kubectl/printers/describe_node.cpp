// `kubectl describe node` (kubectl 1.5 and 1.30 describe.go), with the resource arithmetic
// kept to the cpu and memory quantities the model carries.
#include <algorithm>
#include <cstdlib>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/describe_writer.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>

namespace kns::printers::detail {

namespace {

// Quantities in base units: millicores for cpu, bytes for memory. Deliberate simplification of
// resource.Quantity: integer and decimal values with the suffixes m, k/M/G/T and Ki/Mi/Gi/Ti.
std::int64_t parseQuantity(const std::string& text, bool cpu) {
    if (text.empty()) return 0;
    std::size_t end = 0;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
    const double value = std::atof(text.substr(0, end).c_str());
    const std::string suffix = text.substr(end);
    double scale = 1;
    if (suffix == "m") scale = 0.001;
    else if (suffix == "k") scale = 1e3;
    else if (suffix == "M") scale = 1e6;
    else if (suffix == "G") scale = 1e9;
    else if (suffix == "T") scale = 1e12;
    else if (suffix == "Ki") scale = 1024.0;
    else if (suffix == "Mi") scale = 1024.0 * 1024;
    else if (suffix == "Gi") scale = 1024.0 * 1024 * 1024;
    else if (suffix == "Ti") scale = 1024.0 * 1024 * 1024 * 1024;
    return static_cast<std::int64_t>(value * scale * (cpu ? 1000 : 1) + 0.5);
}

std::string formatCpu(std::int64_t milli) {
    return milli % 1000 == 0 ? std::to_string(milli / 1000) : std::to_string(milli) + "m";
}

std::string formatMemory(std::int64_t bytes) {
    if (bytes == 0) return "0";
    static constexpr const char* kSuffix[] = {"Ki", "Mi", "Gi", "Ti"};
    std::string best = std::to_string(bytes);
    std::int64_t v = bytes;
    for (const char* s : kSuffix) {
        if (v % 1024 != 0) break;
        v /= 1024;
        best = std::to_string(v) + s;
    }
    return best;
}

std::string withPercent(const std::string& shown, std::int64_t value, std::int64_t total) {
    const std::int64_t pct = total > 0 ? static_cast<std::int64_t>(static_cast<double>(value) / static_cast<double>(total) * 100) : 0;
    return shown + " (" + std::to_string(pct) + "%)";
}

struct Usage {
    std::int64_t cpuReq = 0, cpuLim = 0, memReq = 0, memLim = 0;
};

Usage podUsage(const Pod& pod) {
    Usage u;
    for (const auto& c : pod.spec.containers) {
        // An unset request defaults to the limit, as the API server does.
        u.cpuReq += parseQuantity(c.requests.cpu.empty() ? c.limits.cpu : c.requests.cpu, true);
        u.memReq += parseQuantity(c.requests.memory.empty() ? c.limits.memory : c.requests.memory, false);
        u.cpuLim += parseQuantity(c.limits.cpu, true);
        u.memLim += parseQuantity(c.limits.memory, false);
    }
    return u;
}

std::string lookup(const std::map<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string{} : it->second;
}

} // namespace

std::string describeNode(const Simulation& sim, const Node& node) {
    DescribeWriter w(sim.era());
    const bool legacy = w.legacy();
    const auto& st = node.status;
    // Heartbeats: the kubelet reports its status every 10 s; show the latest report.
    const SimTime heartbeat = SimTime::s(sim.now().wholeSeconds() / 10 * 10);

    w.field("Name", node.meta.name);
    if (!legacy) w.field("Roles", nodeRoles(node));
    labelsMultiline(w, "Labels", node.meta.labels);
    if (!legacy) annotationsMultiline(w, "Annotations", node.meta.annotations);
    if (legacy) w.field("Taints", "<none>");
    w.field("CreationTimestamp", wallClock(sim, node.meta.creationTimestamp));
    if (legacy) {
        w.field("Phase", "");
    } else {
        w.field("Taints", node.unschedulable ? "node.kubernetes.io/unschedulable:NoSchedule" : "<none>");
        w.field("Unschedulable", node.unschedulable ? "true" : "false");
        w << "Lease:\n";
        w.field("HolderIdentity", node.meta.name, 1);
        w.field("AcquireTime", "<unset>", 1);
        w.field("RenewTime", wallClock(sim, heartbeat), 1);
    }
    if (!st.conditions.empty()) {
        w << "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n";
        w << "  ----\t------\t-----------------\t------------------\t------\t-------\n";
        for (const auto& c : st.conditions)
            w << "  " << c.type << " \t" << c.status << " \t" << wallClock(sim, heartbeat) << " \t" << wallClock(sim, c.lastTransitionTime) << " \t"
              << c.reason << " \t" << "" << "\n";
    }
    if (legacy) {
        std::vector<std::string> addrs;
        for (const auto& a : st.addresses) addrs.push_back(a.address);
        w.field("Addresses", join(addrs, ","));
    } else {
        w << "Addresses:\n";
        for (const auto& a : st.addresses) w.field(a.type, a.address, 1);
    }
    const char* indent = legacy ? " " : "  ";
    auto resourceList = [&](const char* title, const std::map<std::string, std::string>& list) {
        if (list.empty()) return;
        w << title << ":\n";
        for (const auto& [k, v] : list) w << indent << k << ":\t" << v << "\n";
    };
    resourceList("Capacity", st.capacity);
    resourceList("Allocatable", st.allocatable);
    const NodeInfo& info = st.nodeInfo;
    w << "System Info:\n";
    const std::pair<const char*, std::string> sys[] = {
        {"Machine ID", info.machineID},           {"System UUID", info.systemUUID},
        {"Boot ID", info.bootID},                 {"Kernel Version", info.kernelVersion},
        {"OS Image", info.osImage},               {"Operating System", info.operatingSystem},
        {"Architecture", info.architecture},      {"Container Runtime Version", info.containerRuntimeVersion},
        {"Kubelet Version", info.kubeletVersion}, {"Kube-Proxy Version", info.kubeProxyVersion}};
    for (const auto& [title, value] : sys) w << indent << title << ":\t" << value << "\n";
    if (!node.podCIDR.empty()) {
        w.field("PodCIDR", node.podCIDR);
        if (!legacy) w.field("PodCIDRs", node.podCIDR);
    }
    if (legacy) w.field("ExternalID", node.meta.name);

    std::vector<const Pod*> pods;
    for (const auto& [key, pod] : sim.objects().pods)
        if (pod.spec.nodeName == node.meta.name && pod.status.phase != "Succeeded" && pod.status.phase != "Failed") pods.push_back(&pod);
    const auto& alloc = st.allocatable.empty() ? st.capacity : st.allocatable;
    const std::int64_t cpuTotal = parseQuantity(lookup(alloc, "cpu"), true);
    const std::int64_t memTotal = parseQuantity(lookup(alloc, "memory"), false);
    w.field("Non-terminated Pods", "(" + std::to_string(pods.size()) + " in total)");
    const std::string lead = "  ";
    w << lead << "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits" << (legacy ? "" : "\tAge") << "\n";
    w << lead << "---------\t----\t\t------------\t----------\t---------------\t-------------" << (legacy ? "" : "\t---") << "\n";
    Usage total;
    for (const Pod* p : pods) {
        const Usage u = podUsage(*p);
        total.cpuReq += u.cpuReq;
        total.cpuLim += u.cpuLim;
        total.memReq += u.memReq;
        total.memLim += u.memLim;
        w << lead << p->meta.ns << "\t" << p->meta.name << "\t\t" << withPercent(formatCpu(u.cpuReq), u.cpuReq, cpuTotal) << "\t"
          << withPercent(formatCpu(u.cpuLim), u.cpuLim, cpuTotal) << "\t" << withPercent(formatMemory(u.memReq), u.memReq, memTotal) << "\t"
          << withPercent(formatMemory(u.memLim), u.memLim, memTotal);
        if (!legacy) w << "\t" << ageSince(sim, p->meta.creationTimestamp);
        w << "\n";
    }
    if (legacy) {
        w << "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.\n";
        w << "  CPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\n";
        w << "  ------------\t----------\t---------------\t-------------\n";
        w << "  " << withPercent(formatCpu(total.cpuReq), total.cpuReq, cpuTotal) << "\t" << withPercent(formatCpu(total.cpuLim), total.cpuLim, cpuTotal)
          << "\t" << withPercent(formatMemory(total.memReq), total.memReq, memTotal) << "\t"
          << withPercent(formatMemory(total.memLim), total.memLim, memTotal) << "\n";
    } else {
        w << "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n";
        w << "  Resource\tRequests\tLimits\n";
        w << "  --------\t--------\t------\n";
        w << "  cpu\t" << withPercent(formatCpu(total.cpuReq), total.cpuReq, cpuTotal) << "\t"
          << withPercent(formatCpu(total.cpuLim), total.cpuLim, cpuTotal) << "\n";
        w << "  memory\t" << withPercent(formatMemory(total.memReq), total.memReq, memTotal) << "\t"
          << withPercent(formatMemory(total.memLim), total.memLim, memTotal) << "\n";
        for (const auto& [k, v] : alloc)
            if (k != "cpu" && k != "memory" && k != "pods") w << "  " << k << "\t0 (0%)\t0 (0%)\n";
    }
    describeEvents(w, sim, "Node", "", node.meta.name);
    return w.finish();
}

} // namespace kns::printers::detail
