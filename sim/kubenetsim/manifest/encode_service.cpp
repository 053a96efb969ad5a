// Services, Endpoints, EndpointSlices, Nodes and Namespaces as the API server returns them.
#include <kubenetsim/manifest/encode.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/manifest/encode_detail.hpp>

namespace kns {

using namespace encode_detail;

namespace {

Json endpointPort(const EndpointPort& p) {
    Json out{{"port", p.port}, {"protocol", p.protocol}};
    if (!p.name.empty()) out["name"] = p.name;
    return out;
}

Json endpointAddresses(const std::vector<EndpointAddress>& addrs) {
    Json out = Json::array();
    for (const auto& a : addrs) {
        Json addr{{"ip", a.ip}};
        if (!a.nodeName.empty()) addr["nodeName"] = a.nodeName;
        if (a.targetRef) addr["targetRef"] = objectReference(*a.targetRef);
        out.push_back(addr);
    }
    return out;
}

} // namespace

nlohmann::ordered_json toJson(const Simulation& sim, const Service& svc) {
    Json out = objectHead(sim, Kind::Service, svc.meta);
    Json ports = Json::array();
    for (const auto& p : svc.ports) {
        Json port{{"port", p.port}, {"protocol", p.protocol}, {"targetPort", intOrString(p.targetPort)}};
        if (!p.name.empty()) port["name"] = p.name;
        if (p.nodePort) port["nodePort"] = p.nodePort;
        ports.push_back(port);
    }
    Json spec{{"sessionAffinity", svc.sessionAffinity}, {"type", svc.type}};
    if (svc.type != "ExternalName") {
        spec["clusterIP"] = svc.clusterIP;
        if (!legacy(sim) && !svc.clusterIP.empty()) {
            spec["clusterIPs"] = Json::array({svc.clusterIP});
            spec["ipFamilies"] = Json::array({"IPv4"});
            spec["ipFamilyPolicy"] = "SingleStack";
        }
    }
    if (!ports.empty()) spec["ports"] = ports;
    if (!svc.selector.empty()) spec["selector"] = svc.selector;
    if (!svc.externalIPs.empty()) spec["externalIPs"] = svc.externalIPs;
    if (svc.sessionAffinity == "ClientIP")
        spec["sessionAffinityConfig"] = Json{{"clientIP", Json{{"timeoutSeconds", svc.sessionAffinityTimeoutSeconds}}}};
    if (!svc.externalTrafficPolicy.empty()) spec["externalTrafficPolicy"] = svc.externalTrafficPolicy;
    if (!svc.internalTrafficPolicy.empty()) spec["internalTrafficPolicy"] = svc.internalTrafficPolicy;
    if (svc.healthCheckNodePort) spec["healthCheckNodePort"] = svc.healthCheckNodePort;
    if (!svc.loadBalancerIP.empty()) spec["loadBalancerIP"] = svc.loadBalancerIP;
    if (!svc.loadBalancerSourceRanges.empty()) spec["loadBalancerSourceRanges"] = svc.loadBalancerSourceRanges;
    if (!svc.externalName.empty()) spec["externalName"] = svc.externalName;
    out["spec"] = spec;
    Json lb = Json::object();
    if (!svc.status.loadBalancerIngress.empty()) {
        Json ingress = Json::array();
        for (const auto& ip : svc.status.loadBalancerIngress) {
            Json entry{{"ip", ip}};
            if (!legacy(sim)) entry["ipMode"] = "VIP";
            ingress.push_back(entry);
        }
        lb["ingress"] = ingress;
    }
    out["status"] = Json{{"loadBalancer", lb}};
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const Endpoints& ep) {
    Json out = objectHead(sim, Kind::Endpoints, ep.meta);
    if (!ep.subsets.empty()) {
        Json subsets = Json::array();
        for (const auto& s : ep.subsets) {
            Json subset = Json::object();
            if (!s.addresses.empty()) subset["addresses"] = endpointAddresses(s.addresses);
            if (!s.notReadyAddresses.empty()) subset["notReadyAddresses"] = endpointAddresses(s.notReadyAddresses);
            Json ports = Json::array();
            for (const auto& p : s.ports) ports.push_back(endpointPort(p));
            if (!ports.empty()) subset["ports"] = ports;
            subsets.push_back(subset);
        }
        out["subsets"] = subsets;
    }
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const EndpointSlice& slice) {
    Json out = objectHead(sim, Kind::EndpointSlice, slice.meta);
    out["addressType"] = slice.addressType;
    Json endpoints = Json::array();
    for (const auto& e : slice.endpoints) {
        Json ep{{"addresses", e.addresses},
                {"conditions", Json{{"ready", e.ready}, {"serving", e.serving}, {"terminating", e.terminating}}}};
        if (!e.nodeName.empty()) ep["nodeName"] = e.nodeName;
        if (e.targetRef) ep["targetRef"] = objectReference(*e.targetRef);
        endpoints.push_back(ep);
    }
    out["endpoints"] = endpoints;
    Json ports = Json::array();
    for (const auto& p : slice.ports) ports.push_back(endpointPort(p));
    out["ports"] = ports;
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const Node& node) {
    Json out = objectHead(sim, Kind::Node, node.meta);
    Json spec = Json::object();
    if (!node.podCIDR.empty()) {
        spec["podCIDR"] = node.podCIDR;
        if (!legacy(sim)) spec["podCIDRs"] = Json::array({node.podCIDR});
    }
    if (node.unschedulable) spec["unschedulable"] = true;
    out["spec"] = spec;
    Json addresses = Json::array();
    for (const auto& a : node.status.addresses) addresses.push_back(Json{{"address", a.address}, {"type", a.type}});
    Json conditions = Json::array();
    for (const auto& c : node.status.conditions) {
        Json cond{{"lastHeartbeatTime", rfc3339(sim, sim.now())}, {"lastTransitionTime", rfc3339(sim, c.lastTransitionTime)},
                  {"status", c.status}, {"type", c.type}};
        if (!c.reason.empty()) cond["reason"] = c.reason;
        conditions.push_back(cond);
    }
    const NodeInfo& i = node.status.nodeInfo;
    Json info{{"architecture", i.architecture}, {"bootID", i.bootID}, {"containerRuntimeVersion", i.containerRuntimeVersion},
              {"kernelVersion", i.kernelVersion}, {"kubeProxyVersion", i.kubeProxyVersion}, {"kubeletVersion", i.kubeletVersion},
              {"machineID", i.machineID}, {"operatingSystem", i.operatingSystem}, {"osImage", i.osImage},
              {"systemUUID", i.systemUUID}};
    out["status"] = Json{{"addresses", addresses}, {"allocatable", node.status.allocatable},
                         {"capacity", node.status.capacity}, {"conditions", conditions}, {"nodeInfo", info}};
    return sortedKeys(out);
}

nlohmann::ordered_json toJson(const Simulation& sim, const Namespace& ns) {
    Json out = objectHead(sim, Kind::Namespace, ns.meta);
    out["spec"] = Json{{"finalizers", Json::array({"kubernetes"})}};
    out["status"] = Json{{"phase", ns.phase}};
    return sortedKeys(out);
}

} // namespace kns
