#include <kubenetsim/dataplane/node_network.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns {

std::string nodeNamespaceKey(const std::string& node) { return "node/" + node; }
std::string podNamespaceKey(const std::string& podKey) { return "pod/" + podKey; }

void buildNodeNamespaces(Simulation& sim) {
    for (const NodeDef& def : sim.config().nodes) {
        net::NetNamespace ns;
        ns.name = nodeNamespaceKey(def.name);
        ns.ipForward = true;
        ns.bridgeNfCallIptables = true;
        for (const InterfaceDef& idef : def.interfaces) {
            net::Interface iface;
            iface.name = idef.name;
            iface.kind = idef.kind;
            auto cidr = Cidr::parse(idef.address);
            if (cidr) iface.addresses.push_back(net::InterfaceAddress{cidr->base, cidr->prefix});
            // Nodes whose ether interfaces share a subnet share its layer-2 segment.
            if (cidr && idef.kind == "ether") iface.segment = net::InterfaceAddress{cidr->base, cidr->prefix}.subnet().str();
            ns.interfaces.push_back(iface);
            if (!cidr || idef.kind == "loopback") continue;
            const auto a = iface.addresses.back();
            // The kernel's connected route for the address.
            ns.routes.add(net::Route{a.subnet(), std::nullopt, idef.name, a.address, 0, "kernel", "link"});
            if (idef.defaultRoute && !idef.gateway.empty())
                if (auto gw = Ipv4::parse(idef.gateway))
                    ns.routes.add(net::Route{*Cidr::parse("0.0.0.0/0"), *gw, idef.name, std::nullopt, 0, "dhcp", "global"});
        }
        // Other nodes' pod ranges through their node addresses (kindnet's routes).
        for (const NodeDef& other : sim.config().nodes) {
            if (other.name == def.name || other.podCIDR.empty() || other.podCIDR == def.podCIDR) continue;
            auto range = Cidr::parse(other.podCIDR);
            auto via = Ipv4::parse(other.internalIP);
            const net::Interface* dev = nullptr;
            for (const auto& i : ns.interfaces)
                for (const auto& a : i.addresses)
                    if (via && a.subnet().contains(*via)) dev = &i;
            if (range && via && dev) ns.routes.add(net::Route{*range, *via, dev->name, std::nullopt, 0, "boot", "global"});
        }
        if (sim.era() == Era::Legacy) proxy::addLegacyKubeletRules(ns.rules);
        sim.state().dataPlane.namespaces[ns.name] = std::move(ns);
    }
}

} // namespace kns
