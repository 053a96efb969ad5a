#pragma once
// A network namespace's addresses and main routing table, with Linux's choices: the most
// specific route wins (then the lowest metric), and the source address of a locally generated
// packet is the route's `src` hint, else the primary address of the outgoing interface.
// That choice is why a curl from the tutorial's node to a Service VIP (172.30.0.0/16, taken
// by the default route on eth0) says "from": "10.0.2.15", while a curl straight to a pod
// (172.17.0.0/16 dev docker0) says "from": "172.17.0.1".
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/net/ipv4.hpp>

namespace kns::net {

struct InterfaceAddress {
    Ipv4 address;
    int prefix = 32;
    Cidr subnet() const { return Cidr{Ipv4{address.value & Cidr{address, prefix}.mask()}, prefix}; }
};

struct Interface {
    std::string name;
    std::string kind = "ether";  // loopback | ether | veth | bridge
    std::vector<InterfaceAddress> addresses;  // the first is the primary
    bool up = true;
    std::string master;  // the bridge this port is enslaved to ("" if none)
    bool hairpin = false;  // bridge port hairpin mode (reflect frames back out of the same port)
    std::string peerNamespace;  // veth: the other end
    std::string peerInterface;
    // The layer-2 segment an ether interface is plugged into: interfaces of different namespaces
    // on the same segment reach each other directly (the nodes of one docker network, say).
    std::string segment;
    int mtu = 1500;
};

struct Route {
    Cidr destination;           // 0.0.0.0/0 for the default route
    std::optional<Ipv4> via;    // gateway; none for on-link routes
    std::string dev;
    std::optional<Ipv4> src;    // preferred source hint
    int metric = 0;
    std::string proto = "kernel";  // kernel | static | boot, for display
    std::string scope = "link";    // link | global, for display
};

struct RouteDecision {
    const Route* route = nullptr;
    Ipv4 nextHop;   // the gateway, or the destination itself for on-link routes
    Ipv4 source;    // the address a locally generated packet takes
};

class RoutingTable {
public:
    void add(Route r) { m_routes.push_back(std::move(r)); }
    const std::vector<Route>& routes() const { return m_routes; }
    // Removes every route through `dev`.
    void removeDevice(const std::string& dev);
    // Longest prefix, then lowest metric. Routes through a down interface are skipped.
    std::optional<RouteDecision> lookup(Ipv4 dst, const std::vector<Interface>& interfaces) const;

private:
    std::vector<Route> m_routes;
};

// `ip route` text for the table ("default via 10.0.2.2 dev eth0", "172.17.0.0/16 dev docker0
// proto kernel scope link src 172.17.0.1").
std::string formatRoutes(const RoutingTable& table);

} // namespace kns::net
