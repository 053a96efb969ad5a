#include "pod_stand_in.hpp"

#include <cstdio>


namespace kns::kerneltest {

namespace {

const NodeDef* nodeDef(const Simulation& sim, const std::string& name) {
    for (const auto& n : sim.config().nodes)
        if (n.name == name) return &n;
    return nullptr;
}

std::string vethName(const std::string& podKey) {
    unsigned h = 2166136261u;  // FNV-1a: a stable 7-hex-digit suffix per pod
    for (unsigned char c : podKey) h = (h ^ c) * 16777619u;
    char buf[16];
    std::snprintf(buf, sizeof buf, "veth%07x", h & 0xfffffffu);
    return buf;
}

net::Route route(const std::string& dst, std::optional<Ipv4> via, const std::string& dev, std::optional<Ipv4> src,
                 const std::string& proto, const std::string& scope) {
    return net::Route{*Cidr::parse(dst), via, dev, src, 0, proto, scope};
}

} // namespace

int addMissingPodNamespaces(const Simulation& sim, DataPlaneState& state) {
    int added = 0;
    for (const auto& [key, pod] : sim.state().objects.pods) {
        const std::string podNs = podNamespaceKey(key);
        if (state.namespaces.count(podNs) || pod.status.podIP.empty() || pod.spec.hostNetwork) continue;
        const NodeDef* def = nodeDef(sim, pod.spec.nodeName);
        const auto nodeNs = state.namespaces.find(nodeNamespaceKey(pod.spec.nodeName));
        if (!def || nodeNs == state.namespaces.end()) continue;
        const auto ip = Ipv4::parse(pod.status.podIP);
        const auto gw = Ipv4::parse(def->podGateway);
        const auto range = Cidr::parse(def->podCIDR);
        if (!ip || !gw || !range) continue;

        net::NetNamespace ns;
        ns.name = podNs;
        ns.interfaces.push_back(net::Interface{"lo", "loopback", {{*Ipv4::parse("127.0.0.1"), 8}}});
        net::Interface eth0{"eth0", "veth", {{*ip, sim.era() == Era::Legacy ? range->prefix : 24}}};
        eth0.peerNamespace = nodeNs->first;
        eth0.peerInterface = vethName(key);
        ns.interfaces.push_back(eth0);
        net::Interface hostSide{eth0.peerInterface, "veth", {}};
        hostSide.peerNamespace = podNs;
        hostSide.peerInterface = "eth0";
        if (sim.era() == Era::Legacy) {
            hostSide.master = "docker0";
            hostSide.hairpin = true;
            ns.routes.add(route(range->str(), std::nullopt, "eth0", ip, "kernel", "link"));
            ns.routes.add(route("0.0.0.0/0", gw, "eth0", std::nullopt, "static", "global"));
        } else {
            hostSide.addresses.push_back({*gw, 32});
            nodeNs->second.routes.add(route(pod.status.podIP + "/32", std::nullopt, hostSide.name, std::nullopt, "static", "host"));
            ns.routes.add(route(gw->str() + "/32", std::nullopt, "eth0", ip, "static", "link"));
            ns.routes.add(route(range->str(), gw, "eth0", ip, "static", "global"));
            ns.routes.add(route("0.0.0.0/0", gw, "eth0", std::nullopt, "static", "global"));
        }
        nodeNs->second.interfaces.push_back(hostSide);
        state.namespaces[podNs] = std::move(ns);
        ++added;
    }
    return added;
}

} // namespace kns::kerneltest
