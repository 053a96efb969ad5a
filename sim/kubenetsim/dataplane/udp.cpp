#include <kubenetsim/dataplane/udp.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/dns_server.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

namespace kns::dataplane {

namespace {

TransportState& transport(Simulation& sim) { return sim.state().dataPlane.transport; }

UdpSocket* socketById(Simulation& sim, std::uint64_t id) {
    auto& all = transport(sim).udpSockets;
    auto it = all.find(id);
    return it == all.end() ? nullptr : &it->second;
}

// The socket bound to local ip:port in `ns` (connected sockets: the datagram must come from the
// address it is connected to, or it is not for this socket).
UdpSocket* socketAt(Simulation& sim, const std::string& ns, Ipv4 localIp, std::uint16_t localPort) {
    for (auto& [id, s] : transport(sim).udpSockets)
        if (s.ns == ns && s.localIp == localIp && s.localPort == localPort) return &s;
    return nullptr;
}

std::uint16_t ephemeralPort(Simulation& sim, const std::string& ns, Ipv4 local) {
    // ip_local_port_range 32768-60999, at random as udp_lib_get_port picks it.
    Rng& rng = sim.rng(ns + "/udp-ports");
    for (int attempt = 0; attempt < 64; ++attempt) {
        const auto port = static_cast<std::uint16_t>(32768 + rng.below(60999 - 32768 + 1));
        if (!socketAt(sim, ns, local, port)) return port;
    }
    return 0;
}

} // namespace

std::uint64_t udpConnect(Simulation& sim, const std::string& nsKey, Ipv4 dst, std::uint16_t port) {
    net::NetNamespace* ns = findNamespace(sim, nsKey);
    if (!ns) return 0;
    auto route = ns->routes.lookup(dst, ns->interfaces);
    if (!route) return 0;
    UdpSocket s;
    s.ns = nsKey;
    s.localIp = ns->isLocal(dst) ? dst : route->source;
    s.remoteIp = dst;
    s.remotePort = port;
    s.localPort = ephemeralPort(sim, nsKey, s.localIp);
    if (!s.localPort) return 0;
    TransportState& t = transport(sim);
    s.id = t.nextSocketId++;
    const std::uint64_t id = s.id;
    t.udpSockets[id] = std::move(s);
    return id;
}

void udpSend(Simulation& sim, std::uint64_t id, const std::string& payload) {
    UdpSocket* s = socketById(sim, id);
    if (!s) return;
    net::Packet p;
    p.proto = "udp";
    p.src = s->localIp;
    p.sport = s->localPort;
    p.dst = s->remoteIp;
    p.dport = s->remotePort;
    p.payload = payload;
    p.length = static_cast<std::uint32_t>(28 + payload.size());
    sendPacket(sim, s->ns, p);
}

std::optional<std::string> udpReceive(Simulation& sim, std::uint64_t id) {
    UdpSocket* s = socketById(sim, id);
    if (!s || s->received.empty()) return std::nullopt;
    std::string d = std::move(s->received.front());
    s->received.erase(s->received.begin());
    return d;
}

bool udpRefused(const Simulation& sim, std::uint64_t id) {
    const auto& all = sim.state().dataPlane.transport.udpSockets;
    auto it = all.find(id);
    return it != all.end() && it->second.refused;
}

void udpClose(Simulation& sim, std::uint64_t id) { transport(sim).udpSockets.erase(id); }

void udpPortUnreachable(Simulation& sim, const std::string& ns, const net::Packet& p) {
    net::Packet r;
    r.proto = "icmp";
    r.icmpType = "port-unreachable";
    r.src = p.dst;  // icmp_send answers from the address the datagram was sent to
    r.dst = p.src;
    r.inner = p.tuple();
    r.length = static_cast<std::uint32_t>(56 + std::min<std::size_t>(p.payload.size(), 8));
    sendPacket(sim, ns, r);
}

void udpInput(Simulation& sim, const std::string& ns, const net::Packet& p) {
    if (UdpSocket* s = socketAt(sim, ns, p.dst, p.dport)) {
        if (s->remoteIp == p.src && s->remotePort == p.sport) s->received.push_back(p.payload);
        return;  // a connected socket drops datagrams from anyone else
    }
    if (servesDns(sim, ns, p.dport)) {
        net::Packet reply;
        reply.proto = "udp";
        reply.src = p.dst;
        reply.sport = p.dport;
        reply.dst = p.src;
        reply.dport = p.sport;
        reply.payload = answerDnsQuery(sim, p.payload);
        reply.length = static_cast<std::uint32_t>(28 + reply.payload.size());
        if (!reply.payload.empty()) sendPacket(sim, ns, reply);
        return;
    }
    if (sim.tracing()) sim.emit(TraceKind::PacketHop, "net", ns, "no socket for " + net::packetSummary(p) + ": port unreachable");
    udpPortUnreachable(sim, ns, p);
}

void udpIcmpError(Simulation& sim, const std::string& ns, const net::Packet& icmp) {
    const net::Tuple& t = *icmp.inner;
    // Matched by our own end: a NAT on the way may have rewritten the far side.
    if (UdpSocket* s = socketAt(sim, ns, t.src, t.sport)) s->refused = true;
}

void udpLocalRefusal(Simulation& sim, const std::string& ns, const net::Packet& sent) {
    for (auto& [id, s] : transport(sim).udpSockets)
        if (s.ns == ns && s.localPort == sent.sport) s.refused = true;
}

} // namespace kns::dataplane
