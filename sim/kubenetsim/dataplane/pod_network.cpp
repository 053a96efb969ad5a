#include <kubenetsim/dataplane/pod_network.hpp>

#include <cstdio>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/util/sha256.hpp>

namespace kns {

std::string hostVethName(const std::string& podKey, const std::string& uid, bool legacy) {
    const auto digest = sha256(podKey + "/" + uid);
    std::string hex;
    char buf[3];
    for (std::size_t i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", digest[i]);
        hex += buf;
    }
    return "veth" + hex.substr(0, legacy ? 7 : 8);
}

namespace {

const NodeDef* nodeDef(const Simulation& sim, const std::string& node) {
    for (const NodeDef& d : sim.config().nodes)
        if (d.name == node) return &d;
    return nullptr;
}

net::Interface loopback() {
    net::Interface lo;
    lo.name = "lo";
    lo.kind = "loopback";
    lo.addresses.push_back(net::InterfaceAddress{*Ipv4::parse("127.0.0.1"), 8});
    lo.mtu = 65536;
    return lo;
}

// The node's bridge, when its interfaces include one (docker0 in the legacy profile).
net::Interface* nodeBridge(net::NetNamespace& node) {
    for (net::Interface& i : node.interfaces)
        if (i.kind == "bridge") return &i;
    return nullptr;
}

} // namespace

void attachPodNetwork(Simulation& sim, const std::string& node, const Pod& pod) {
    if (pod.spec.hostNetwork || pod.status.podIP.empty()) return;
    DataPlaneState& dp = sim.state().dataPlane;
    auto nodeIt = dp.namespaces.find(nodeNamespaceKey(node));
    const NodeDef* def = nodeDef(sim, node);
    auto ip = Ipv4::parse(pod.status.podIP);
    auto range = def ? Cidr::parse(def->podCIDR) : std::nullopt;
    auto gateway = def ? Ipv4::parse(def->podGateway) : std::nullopt;
    if (nodeIt == dp.namespaces.end() || !ip || !range || !gateway) return;
    net::NetNamespace& host = nodeIt->second;
    const std::string key = objectKey(pod);
    const std::string podNs = podNamespaceKey(key);
    net::Interface* bridge = nodeBridge(host);
    const std::string veth = hostVethName(key, pod.meta.uid, bridge != nullptr);

    net::NetNamespace ns;
    ns.name = podNs;
    ns.ipForward = false;
    ns.interfaces.push_back(loopback());
    net::Interface eth0;
    eth0.name = "eth0";
    eth0.kind = "veth";
    eth0.peerNamespace = host.name;
    eth0.peerInterface = veth;
    eth0.addresses.push_back(net::InterfaceAddress{*ip, range->prefix});
    ns.interfaces.push_back(eth0);

    net::Interface hostEnd;
    hostEnd.name = veth;
    hostEnd.kind = "veth";
    hostEnd.peerNamespace = podNs;
    hostEnd.peerInterface = "eth0";
    if (bridge) {
        // docker: eth0 on the bridge's subnet, the bridge as gateway; the node end is a port.
        ns.routes.add(net::Route{*Cidr::parse("0.0.0.0/0"), *gateway, "eth0", std::nullopt, 0, "boot", "global"});
        ns.routes.add(net::Route{net::InterfaceAddress{*ip, range->prefix}.subnet(), std::nullopt, "eth0", *ip, 0, "kernel", "link"});
        hostEnd.master = bridge->name;
        hostEnd.hairpin = host.hairpinNewPorts;
    } else {
        // kindnet's ptp plugin: the subnet route is replaced by routes through the gateway,
        // which the node end of the veth owns as a /32.
        const Cidr subnet = net::InterfaceAddress{*ip, range->prefix}.subnet();
        ns.routes.add(net::Route{*Cidr::parse("0.0.0.0/0"), *gateway, "eth0", std::nullopt, 0, "boot", "global"});
        ns.routes.add(net::Route{subnet, *gateway, "eth0", *ip, 0, "boot", "global"});
        ns.routes.add(net::Route{Cidr{*gateway, 32}, std::nullopt, "eth0", *ip, 0, "boot", "link"});
        hostEnd.addresses.push_back(net::InterfaceAddress{*gateway, 32});
        host.routes.add(net::Route{Cidr{*ip, 32}, std::nullopt, veth, std::nullopt, 0, "boot", "host"});
    }
    host.interfaces.push_back(hostEnd);
    dp.namespaces[podNs] = std::move(ns);
}

void detachPodNetwork(Simulation& sim, const std::string& podKey) {
    DataPlaneState& dp = sim.state().dataPlane;
    auto it = dp.namespaces.find(podNamespaceKey(podKey));
    if (it == dp.namespaces.end()) return;
    for (const net::Interface& i : it->second.interfaces) {
        if (i.peerNamespace.empty()) continue;
        auto peer = dp.namespaces.find(i.peerNamespace);
        if (peer == dp.namespaces.end()) continue;
        auto& ifs = peer->second.interfaces;
        std::erase_if(ifs, [&](const net::Interface& x) { return x.name == i.peerInterface; });
        peer->second.routes.removeDevice(i.peerInterface);
    }
    dp.namespaces.erase(it);
}

} // namespace kns
