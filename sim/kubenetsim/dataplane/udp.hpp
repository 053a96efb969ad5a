#pragma once
// UDP as the namespaces' sockets speak it: a client's connected socket (what glibc's resolver
// opens for each query: connect() picks the source address by routing and an ephemeral port,
// and makes an ICMP port-unreachable come back as ECONNREFUSED), and the servers that answer
// datagrams (the cluster DNS, dataplane/dns_server.hpp). A datagram to a port nobody listens on
// is answered with ICMP port unreachable, as the kernel's udp_rcv does.
#include <cstdint>
#include <optional>
#include <string>

#include <kubenetsim/net/stack.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Opens a connected UDP socket in namespace `ns` towards dst:port. Returns its id, or 0 when no
// route leads to `dst`.
std::uint64_t udpConnect(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port);
void udpSend(Simulation& sim, std::uint64_t socket, const std::string& payload);
// The oldest datagram received and not yet read.
std::optional<std::string> udpReceive(Simulation& sim, std::uint64_t socket);
// Whether an ICMP error refused the socket's traffic (the next recv() fails with ECONNREFUSED).
bool udpRefused(const Simulation& sim, std::uint64_t socket);
void udpClose(Simulation& sim, std::uint64_t socket);

// Packets delivered to namespace `ns` by its stack.
void udpInput(Simulation& sim, const std::string& ns, const net::Packet& p);
void udpIcmpError(Simulation& sim, const std::string& ns, const net::Packet& icmp);
// A datagram this namespace sent was refused before leaving (REJECT in OUTPUT, no route).
void udpLocalRefusal(Simulation& sim, const std::string& ns, const net::Packet& sent);

// The ICMP port unreachable (quoting `p`) that answers a datagram nobody takes.
void udpPortUnreachable(Simulation& sim, const std::string& ns, const net::Packet& p);

} // namespace kns::dataplane
