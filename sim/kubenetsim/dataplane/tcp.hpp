#pragma once
// TCP as the namespaces' sockets speak it, at the level the lessons need: the three-way
// handshake, data, FIN close, RST for a port nobody listens on, and ECONNREFUSED from a REJECT.
// Retransmission with Linux's timing: the SYN first after 1 s (TCP_TIMEOUT_INIT), doubling, given
// up after tcp_syn_retries = 6 (127 s); data and FIN after the RTO that tcp_rtt_estimator derives
// from the handshake's RTT sample m (m + max(2m, 200 ms): TCP_RTO_MIN dominates at the fabric's
// sub-millisecond RTTs), doubling up to 120 s, given up after tcp_retries2 = 15. The side that
// closes first stays in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN): its 4-tuple is not reused until
// then. Named simplifications: no windows or congestion control, no out-of-order queue (a
// segment beyond a gap is dropped and acknowledged with what came in order), no delayed ACKs.
#include <cstdint>
#include <string>

#include <kubenetsim/net/stack.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Opens a client connection from namespace `ns` (source address by routing, an ephemeral port)
// and sends its SYN. Returns the socket id, or 0 when no route leads to `dst` (the exchange is
// told at once).
std::uint64_t tcpConnect(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port, std::uint64_t exchange);

// Sends data on an established socket (one PSH,ACK segment).
void tcpSend(Simulation& sim, std::uint64_t socket, const std::string& data);
// Closes the sending side (FIN,ACK).
void tcpClose(Simulation& sim, std::uint64_t socket);
// Drops a socket: a connected one tells its peer with a RST, a connecting one goes silently.
void tcpAbort(Simulation& sim, std::uint64_t socket);

// Packets delivered to namespace `ns` by its stack.
void tcpInput(Simulation& sim, const std::string& ns, const net::Packet& p);
void tcpIcmpError(Simulation& sim, const std::string& ns, const net::Packet& icmp);
// A packet this namespace sent was refused before leaving (REJECT in OUTPUT, no route).
void tcpLocalRefusal(Simulation& sim, const std::string& ns, const net::Packet& sent);

// The RST (with ACK when the segment had none) that answers a segment nobody takes.
void tcpResetReply(Simulation& sim, const std::string& ns, const net::Packet& p);

void tcpTimer(Simulation& sim, std::uint64_t socket, std::int64_t generation);

} // namespace kns::dataplane
