#include <kubenetsim/dataplane/external_host.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

namespace kns::dataplane {

namespace {

bool ownedBySomeone(const Simulation& sim, Ipv4 ip) {
    for (const auto& [key, ns] : sim.state().dataPlane.namespaces)
        if (ns.isLocal(ip)) return true;
    return false;
}

} // namespace

std::string attachExternalHost(Simulation& sim, const std::string& nodeKey, const std::string& nodeIface, Ipv4 address) {
    net::NetNamespace* node = findNamespace(sim, nodeKey);
    const net::Interface* iface = node ? node->findInterface(nodeIface) : nullptr;
    if (!iface || iface->segment.empty() || iface->addresses.empty()) return "";
    const Ipv4 nodeAddress = iface->addresses.front().address;
    net::NetNamespace host;
    host.name = "ext/" + address.str();
    net::Interface lo;
    lo.name = "lo";
    lo.kind = "loopback";
    lo.addresses.push_back(net::InterfaceAddress{*Ipv4::parse("127.0.0.1"), 8});
    host.interfaces.push_back(lo);
    net::Interface eth0;
    eth0.name = "eth0";
    eth0.kind = "ether";
    eth0.segment = iface->segment;
    eth0.addresses.push_back(net::InterfaceAddress{address, 32});
    // The node's way back: straight over the segment, or through a gateway this host stands in for.
    if (auto back = node->routes.lookup(address, node->interfaces); back && back->route->dev == nodeIface && back->nextHop != address &&
                                                                    !ownedBySomeone(sim, back->nextHop))
        eth0.addresses.push_back(net::InterfaceAddress{back->nextHop, iface->addresses.front().prefix});
    host.interfaces.push_back(eth0);
    host.routes.add(net::Route{Cidr{nodeAddress, 32}, std::nullopt, "eth0", address, 0, "boot", "link"});
    host.routes.add(net::Route{*Cidr::parse("0.0.0.0/0"), nodeAddress, "eth0", address, 0, "boot", "global"});
    const std::string key = host.name;
    sim.state().dataPlane.namespaces[key] = std::move(host);
    return key;
}

void detachExternalHost(Simulation& sim, const std::string& key) {
    TransportState& t = sim.state().dataPlane.transport;
    for (auto it = t.sockets.begin(); it != t.sockets.end();) {
        if (it->second.ns == key) {
            sim.cancel(it->second.timer);
            t.socketIndex.erase(SocketKey{it->second.ns, it->second.localIp.value, it->second.localPort, it->second.remoteIp.value, it->second.remotePort});
            it = t.sockets.erase(it);
        } else {
            ++it;
        }
    }
    std::erase_if(t.udpSockets, [&](const auto& s) { return s.second.ns == key; });
    sim.state().dataPlane.namespaces.erase(key);
}

} // namespace kns::dataplane
