// `kubectl describe service` and `describe endpoints` (kubectl 1.5 and 1.30 describe.go).
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/describe_writer.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>

namespace kns::printers::detail {

std::string describeService(const Simulation& sim, const Service& svc) {
    DescribeWriter w(sim.era());
    const bool legacy = w.legacy();
    const Endpoints* ep = nullptr;
    if (auto it = sim.objects().endpoints.find(objectKey(svc)); it != sim.objects().endpoints.end()) ep = &it->second;

    w.field("Name", svc.meta.name);
    w.field("Namespace", svc.meta.ns);
    labelsMultiline(w, "Labels", svc.meta.labels);
    if (!legacy) annotationsMultiline(w, "Annotations", svc.meta.annotations);
    w.field("Selector", formatLabels(svc.selector));
    w.field("Type", svc.type);
    const bool externalName = svc.type == "ExternalName";
    if (!legacy) {
        // The API server defaults single-stack IPv4 for every Service that gets a cluster IP.
        if (!externalName) w.field("IP Family Policy", "SingleStack");
        w.field("IP Families", externalName ? "<none>" : "IPv4");
    }
    w.field("IP", svc.clusterIP);
    if (!legacy && !svc.clusterIP.empty()) w.field("IPs", svc.clusterIP);
    if (!svc.externalIPs.empty()) w.field("External IPs", join(svc.externalIPs, ","));
    if (!legacy && !svc.loadBalancerIP.empty()) w.field("Desired LoadBalancer IP", svc.loadBalancerIP);
    if (!legacy && !svc.externalName.empty()) w.field("External Name", svc.externalName);
    if (!svc.status.loadBalancerIngress.empty()) w.field("LoadBalancer Ingress", join(svc.status.loadBalancerIngress, ", "));
    for (const auto& sp : svc.ports) {
        const std::string name = sp.name.empty() ? "<unset>" : sp.name;
        w << "Port:\t" << name << "\t" << std::to_string(sp.port) << "/" << sp.protocol << "\n";
        if (!legacy) w.field("TargetPort", sp.targetPort.str() + "/" + sp.protocol);
        if (sp.nodePort != 0) w << "NodePort:\t" << name << "\t" << std::to_string(sp.nodePort) << "/" << sp.protocol << "\n";
        const std::vector<std::string> portName{sp.name};
        w.field("Endpoints", formatEndpoints(ep, &portName));
    }
    w.field("Session Affinity", svc.sessionAffinity);
    if (!legacy) {
        std::string etp = svc.externalTrafficPolicy;
        if (etp.empty() && (svc.type == "NodePort" || svc.type == "LoadBalancer")) etp = "Cluster";
        if (!etp.empty()) w.field("External Traffic Policy", etp);
        std::string itp = svc.internalTrafficPolicy;
        if (itp.empty() && !externalName) itp = "Cluster";
        if (!itp.empty()) w.field("Internal Traffic Policy", itp);
        if (svc.healthCheckNodePort != 0) w.field("HealthCheck NodePort", std::to_string(svc.healthCheckNodePort));
        if (!svc.loadBalancerSourceRanges.empty()) w.field("LoadBalancer Source Ranges", join(svc.loadBalancerSourceRanges, ","));
    }
    describeEvents(w, sim, "Service", svc.meta.ns, svc.meta.name);
    return w.finish();
}

std::string describeEndpoints(const Simulation& sim, const Endpoints& ep) {
    DescribeWriter w(sim.era());
    w.field("Name", ep.meta.name);
    w.field("Namespace", ep.meta.ns);
    labelsMultiline(w, "Labels", ep.meta.labels);
    if (!w.legacy()) annotationsMultiline(w, "Annotations", ep.meta.annotations);
    w << "Subsets:\n";
    for (const auto& ss : ep.subsets) {
        std::vector<std::string> ready, notReady;
        for (const auto& a : ss.addresses) ready.push_back(a.ip);
        for (const auto& a : ss.notReadyAddresses) notReady.push_back(a.ip);
        w.field("Addresses", ready.empty() ? "<none>" : join(ready, ","), 1);
        w.field("NotReadyAddresses", notReady.empty() ? "<none>" : join(notReady, ","), 1);
        if (!ss.ports.empty()) {
            w << "  Ports:\n";
            w << "    Name\tPort\tProtocol\n";
            w << "    ----\t----\t--------\n";
            for (const auto& p : ss.ports)
                w << "    " << (p.name.empty() ? "<unset>" : p.name) << "\t" << std::to_string(p.port) << "\t" << p.protocol << "\n";
        }
        w << "\n";
    }
    describeEvents(w, sim, "Endpoints", ep.meta.ns, ep.meta.name);
    return w.finish();
}

} // namespace kns::printers::detail
