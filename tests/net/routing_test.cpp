#include <doctest/doctest.h>

#include <kubenetsim/net/routing.hpp>

using namespace kns;
using namespace kns::net;

namespace {
Ipv4 ip(const char* s) { return *Ipv4::parse(s); }

// The tutorial's node: eth0 (NAT, default route), eth1 (host-only), docker0 (pods).
std::vector<Interface> legacyNode() {
    return {
        Interface{"lo", "loopback", {{ip("127.0.0.1"), 8}}},
        Interface{"eth0", "ether", {{ip("10.0.2.15"), 24}}},
        Interface{"eth1", "ether", {{ip("192.168.99.100"), 24}}},
        Interface{"docker0", "bridge", {{ip("172.17.0.1"), 16}}},
    };
}
RoutingTable legacyRoutes() {
    RoutingTable t;
    t.add(Route{*Cidr::parse("0.0.0.0/0"), ip("10.0.2.2"), "eth0", std::nullopt, 0, "dhcp", "global"});
    t.add(Route{*Cidr::parse("10.0.2.0/24"), std::nullopt, "eth0", ip("10.0.2.15"), 0, "kernel", "link"});
    t.add(Route{*Cidr::parse("172.17.0.0/16"), std::nullopt, "docker0", ip("172.17.0.1"), 0, "kernel", "link"});
    t.add(Route{*Cidr::parse("192.168.99.0/24"), std::nullopt, "eth1", ip("192.168.99.100"), 0, "kernel", "link"});
    return t;
}
} // namespace

TEST_CASE("traffic from the node to a Service VIP leaves by the default route with eth0's address") {
    const RoutingTable table = legacyRoutes();  // the decision points into the table
    auto d = table.lookup(ip("172.30.228.255"), legacyNode());
    REQUIRE(d);
    CHECK(d->route->dev == "eth0");
    CHECK(d->source == ip("10.0.2.15"));
    CHECK(d->nextHop == ip("10.0.2.2"));
}

TEST_CASE("traffic from the node straight to a pod leaves by docker0 with the bridge's address") {
    const RoutingTable table = legacyRoutes();
    auto d = table.lookup(ip("172.17.0.3"), legacyNode());
    REQUIRE(d);
    CHECK(d->route->dev == "docker0");
    CHECK(d->source == ip("172.17.0.1"));
    CHECK(d->nextHop == ip("172.17.0.3"));
}

TEST_CASE("a route through a down interface is skipped") {
    auto ifaces = legacyNode();
    ifaces[3].up = false;
    const RoutingTable table = legacyRoutes();
    auto d = table.lookup(ip("172.17.0.3"), ifaces);
    REQUIRE(d);
    CHECK(d->route->dev == "eth0");
}

TEST_CASE("ip route prints the table as iproute2 6.1 does, each line ending in its field separator") {
    CHECK(formatRoutes(legacyRoutes()) ==
          "default via 10.0.2.2 dev eth0 proto dhcp \n"
          "10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 \n"
          "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n"
          "192.168.99.0/24 dev eth1 proto kernel scope link src 192.168.99.100 \n");
}

TEST_CASE("ip route lists routes in the kernel's order: by destination, shorter prefix first, then metric; host routes without /32") {
    RoutingTable t;
    t.add(Route{*Cidr::parse("10.244.0.3/32"), std::nullopt, "veth1", std::nullopt, 0, "boot", "host"});
    t.add(Route{*Cidr::parse("10.0.2.0/24"), ip("10.0.2.6"), "eth0", std::nullopt, 5, "boot", "global"});
    t.add(Route{*Cidr::parse("10.244.1.0/24"), ip("172.18.0.3"), "eth0", std::nullopt, 0, "boot", "global"});
    t.add(Route{*Cidr::parse("10.0.2.0/24"), std::nullopt, "eth0", ip("10.0.2.15"), 0, "kernel", "link"});
    t.add(Route{*Cidr::parse("0.0.0.0/0"), ip("10.0.2.2"), "eth0", std::nullopt, 100, "dhcp", "global"});
    t.add(Route{*Cidr::parse("10.0.0.0/8"), ip("10.0.2.5"), "eth0", std::nullopt, 0, "boot", "global"});
    CHECK(formatRoutes(t) ==
          "default via 10.0.2.2 dev eth0 proto dhcp metric 100 \n"
          "10.0.0.0/8 via 10.0.2.5 dev eth0 \n"
          "10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 \n"
          "10.0.2.0/24 via 10.0.2.6 dev eth0 metric 5 \n"
          "10.244.0.3 dev veth1 scope host \n"
          "10.244.1.0/24 via 172.18.0.3 dev eth0 \n");
}
