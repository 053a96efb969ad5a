#pragma once
// The data plane's moving parts, by value inside DataPlaneState so snapshots capture them:
// packets on their way across a link, TCP sockets, and the client exchanges (a curl, a load
// generator's request) they serve.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <kubenetsim/net/stack.hpp>
#include <kubenetsim/time/event.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns {

// A packet between two namespaces: it arrives at `toNs` on `toIface` when its event fires.
struct InFlightPacket {
    net::Packet packet;
    std::string fromNs;
    std::string fromIface;
    std::string toNs;
    std::string toIface;
    Ipv4 nextHop;  // the neighbour the sender addressed (which MAC the frame carries)
    SimTime sentAt;
    bool loopback = false;  // already through the stack (a namespace talking to itself): hand to the socket
};

enum class TcpState : std::uint8_t { SynSent, SynReceived, Established, FinWait, CloseWait, LastAck, TimeWait, Closed };
const char* tcpStateName(TcpState s);

// One end of a TCP connection. `local`/`remote` as this end sees the addresses.
struct TcpSocket {
    std::uint64_t id = 0;
    std::string ns;
    Ipv4 localIp;
    std::uint16_t localPort = 0;
    Ipv4 remoteIp;
    std::uint16_t remotePort = 0;
    bool server = false;
    TcpState state = TcpState::Closed;
    std::uint32_t sndNxt = 0;  // next sequence number to send
    std::uint32_t rcvNxt = 0;  // next sequence number expected
    int retries = 0;           // retransmissions of what is outstanding now (the SYN, or data and FIN)
    bool softError = false;    // an ICMP error came while connect() held the socket (sk_err_soft)
    EventId timer;             // the pending retransmission, or the end of TIME_WAIT
    std::int64_t timerGeneration = 0;  // a timer event of an older generation is stale
    std::uint32_t sndUna = 0;  // the oldest sequence number not yet acknowledged
    std::string unacked;       // the data sent from sndUna on and not yet acknowledged
    bool finUnacked = false;   // our FIN (right after `unacked`) awaits its ACK
    SimTime rto = SimTime::s(1);  // the retransmission timeout (Linux's initial 1 s until an RTT sample)
    SimTime synSentAt;         // when our SYN (or SYN,ACK) left: the first RTT sample
    std::uint64_t exchange = 0;  // client: the exchange it carries
    std::string app;             // server: the application answering ("simpleservice", ...)
    std::string pod;             // server: the pod key whose container answers ("" on a node)
    std::string inbox;           // bytes received and not yet consumed
};

// A UDP socket (a resolver's, connected to its nameserver). `local`/`remote` as for TcpSocket.
struct UdpSocket {
    std::uint64_t id = 0;
    std::string ns;
    Ipv4 localIp;
    std::uint16_t localPort = 0;
    Ipv4 remoteIp;
    std::uint16_t remotePort = 0;
    std::vector<std::string> received;  // datagrams not yet read, oldest first
    bool refused = false;               // an ICMP error came back (the next recv fails: ECONNREFUSED)
};

// A client's request/response over one connection: what curl and `load` run.
struct Exchange {
    enum class Phase : std::uint8_t { Connecting, Waiting, Done };
    // ConnectTimeout: -m ran out while connecting; ConnectDeadline: --connect-timeout did;
    // KernelTimeout: the kernel gave up retransmitting the SYN.
    enum class Error : std::uint8_t { None, Refused, ConnectTimeout, ConnectDeadline, KernelTimeout, TransferTimeout, Reset, NoRoute };
    std::uint64_t id = 0;
    std::string ns;       // where the client runs
    Ipv4 dst;
    std::uint16_t port = 0;
    std::string request;  // bytes sent once connected
    Phase phase = Phase::Connecting;
    Error error = Error::None;
    std::string response;  // bytes received
    std::uint64_t socket = 0;
    SimTime started;
    SimTime connected;
    SimTime finished;
    SimTime deadline;      // -m: the whole operation; zero: none
    SimTime connectDeadline;  // --connect-timeout; zero: none
    EventId timer;
};

// One namespace's handling of one packet, kept while hop recording is on (trace, the GUI).
struct HopRecord {
    SimTime at;
    std::string ns;
    std::string inIface;  // "" for a packet the namespace sent itself
    net::Packet before;   // as it arrived (or was sent)
    net::Packet after;    // as it left or was delivered
    net::StackResult result;
    std::string note;     // what the wire did next: "bridged to vethX", "hairpin off: dropped" ...
};

using SocketKey = std::tuple<std::string, std::uint32_t, std::uint16_t, std::uint32_t, std::uint16_t>;

struct TransportState {
    std::map<std::uint64_t, InFlightPacket> inFlight;
    std::map<std::uint64_t, TcpSocket> sockets;
    std::map<SocketKey, std::uint64_t> socketIndex;  // (ns, local ip, local port, remote ip, remote port)
    std::map<std::uint64_t, UdpSocket> udpSockets;   // ids shared with the TCP sockets' (nextSocketId)
    std::map<std::uint64_t, Exchange> exchanges;
    std::map<std::string, std::uint16_t> nextEphemeralPort;  // by namespace
    // Requests each server answered, by "POD-KEY IP:PORT" (what `load` reports as hits).
    std::map<std::string, std::uint64_t> served;
    // Echo replies received, by (namespace, identifier, sequence): when they arrived, and their TTL.
    std::map<std::tuple<std::string, std::uint16_t, std::uint16_t>, std::pair<SimTime, int>> echoReplies;
    std::uint16_t nextEchoId = 1;
    // kubectl port-forward: (node namespace, local port) -> (pod key, the pod's port).
    std::map<std::pair<std::string, std::uint16_t>, std::pair<std::string, std::uint16_t>> portForwards;
    bool recordHops = false;
    std::vector<HopRecord> hops;  // in time order
    // Hop records removed from the front by whoever keeps them bounded (the window drops those its
    // view has passed): hops[0] is the hopsDropped-th hop ever recorded.
    std::uint64_t hopsDropped = 0;
    std::uint64_t nextPacketId = 1;
    std::uint64_t nextSocketId = 1;
    std::uint64_t nextExchangeId = 1;
};

} // namespace kns
