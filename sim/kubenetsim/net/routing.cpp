#include <kubenetsim/net/routing.hpp>

#include <algorithm>

namespace kns::net {

void RoutingTable::removeDevice(const std::string& dev) {
    m_routes.erase(std::remove_if(m_routes.begin(), m_routes.end(), [&](const Route& r) { return r.dev == dev; }), m_routes.end());
}

std::optional<RouteDecision> RoutingTable::lookup(Ipv4 dst, const std::vector<Interface>& interfaces) const {
    const Route* best = nullptr;
    for (const Route& r : m_routes) {
        if (!r.destination.contains(dst)) continue;
        auto it = std::find_if(interfaces.begin(), interfaces.end(), [&](const Interface& i) { return i.name == r.dev; });
        if (it == interfaces.end() || !it->up) continue;
        if (!best || r.destination.prefix > best->destination.prefix ||
            (r.destination.prefix == best->destination.prefix && r.metric < best->metric))
            best = &r;
    }
    if (!best) return std::nullopt;
    RouteDecision d;
    d.route = best;
    d.nextHop = best->via ? *best->via : dst;
    if (best->src) {
        d.source = *best->src;
    } else {
        auto it = std::find_if(interfaces.begin(), interfaces.end(), [&](const Interface& i) { return i.name == best->dev; });
        if (it != interfaces.end() && !it->addresses.empty()) d.source = it->addresses.front().address;
    }
    return d;
}

// iproute2 6.1's `ip route` line: "DEST [via GW] dev DEV [proto P] [scope S] [src A] [metric M] ".
// Every field is printed as "%s " by iproute2, hence the trailing space real output has.
// The kernel lists the main table in its FIB trie's order: by destination address, a shorter
// prefix first, then by metric.
std::string formatRoutes(const RoutingTable& table) {
    std::vector<const Route*> sorted;
    for (const Route& r : table.routes()) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Route* a, const Route* b) {
        const std::uint32_t ka = a->destination.base.value & a->destination.mask();
        const std::uint32_t kb = b->destination.base.value & b->destination.mask();
        if (ka != kb) return ka < kb;
        if (a->destination.prefix != b->destination.prefix) return a->destination.prefix < b->destination.prefix;
        return a->metric < b->metric;
    });
    std::string out;
    for (const Route* r : sorted) {
        if (r->destination.prefix == 0) out += "default";
        else if (r->destination.prefix == 32) out += r->destination.base.str();  // host routes print without /32
        else out += r->destination.str();
        if (r->via) out += " via " + r->via->str();
        out += " dev " + r->dev;
        if (r->proto != "boot") out += " proto " + r->proto;  // "boot" is what `ip route add` gives; ip hides it
        if (!r->via && r->scope != "global" && r->scope != "universe") out += " scope " + r->scope;
        if (r->src) out += " src " + r->src->str();
        if (r->metric) out += " metric " + std::to_string(r->metric);
        out += " \n";
    }
    return out;
}

} // namespace kns::net
