#include <kubenetsim/dataplane/tcp.hpp>

#include <algorithm>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/servers.hpp>

namespace kns::dataplane {

const char* tcpStateName(TcpState s) {
    switch (s) {
    case TcpState::SynSent: return "SYN_SENT";
    case TcpState::SynReceived: return "SYN_RECV";
    case TcpState::Established: return "ESTABLISHED";
    case TcpState::FinWait: return "FIN_WAIT";
    case TcpState::CloseWait: return "CLOSE_WAIT";
    case TcpState::LastAck: return "LAST_ACK";
    case TcpState::TimeWait: return "TIME_WAIT";
    case TcpState::Closed: return "CLOSE";
    }
    return "?";
}

namespace {

// Whether `origin` is the namespace at the other end of one of `ns`'s veth pairs: a pod's node.
bool fromOwnHost(Simulation& sim, const std::string& ns, const std::string& origin) {
    if (origin.empty() || origin == ns) return false;
    const net::NetNamespace* self = findNamespace(sim, ns);
    if (!self) return false;
    for (const net::Interface& i : self->interfaces)
        if (i.kind == "veth" && i.peerNamespace == origin) return true;
    return false;
}

constexpr int kSynRetries = 6;    // net.ipv4.tcp_syn_retries
constexpr int kDataRetries = 15;  // net.ipv4.tcp_retries2
constexpr SimTime kRtoMin = SimTime::ms(200);   // TCP_RTO_MIN
constexpr SimTime kRtoMax = SimTime::s(120);    // TCP_RTO_MAX
constexpr SimTime kTimeWait = SimTime::s(60);   // TCP_TIMEWAIT_LEN

TransportState& transport(Simulation& sim) { return sim.state().dataPlane.transport; }

SocketKey keyOf(const TcpSocket& s) { return SocketKey{s.ns, s.localIp.value, s.localPort, s.remoteIp.value, s.remotePort}; }

TcpSocket* socketById(Simulation& sim, std::uint64_t id) {
    auto& all = transport(sim).sockets;
    auto it = all.find(id);
    return it == all.end() ? nullptr : &it->second;
}

TcpSocket* socketFor(Simulation& sim, const std::string& ns, Ipv4 localIp, std::uint16_t localPort, Ipv4 remoteIp, std::uint16_t remotePort) {
    auto& idx = transport(sim).socketIndex;
    auto it = idx.find(SocketKey{ns, localIp.value, localPort, remoteIp.value, remotePort});
    return it == idx.end() ? nullptr : socketById(sim, it->second);
}

std::uint64_t addSocket(Simulation& sim, TcpSocket s) {
    TransportState& t = transport(sim);
    s.id = t.nextSocketId++;
    t.socketIndex[keyOf(s)] = s.id;
    const std::uint64_t id = s.id;
    t.sockets[id] = std::move(s);
    return id;
}

void removeSocket(Simulation& sim, std::uint64_t id) {
    TransportState& t = transport(sim);
    auto it = t.sockets.find(id);
    if (it == t.sockets.end()) return;
    sim.cancel(it->second.timer);
    t.socketIndex.erase(keyOf(it->second));
    t.sockets.erase(it);
}

net::Packet segment(const TcpSocket& s, bool syn, bool ack, bool fin, const std::string& data = {}) {
    net::Packet p;
    p.proto = "tcp";
    p.src = s.localIp;
    p.sport = s.localPort;
    p.dst = s.remoteIp;
    p.dport = s.remotePort;
    p.syn = syn;
    p.ack = ack;
    p.fin = fin;
    p.seq = s.sndNxt;
    p.ackNo = ack ? s.rcvNxt : 0;
    p.payload = data;
    p.length = static_cast<std::uint32_t>(40 + (syn ? 20 : 12) + data.size());  // with options
    return p;
}

// The socket's one timer (SYN or data retransmission, TIME_WAIT): a new generation makes any
// earlier timer event stale.
void armTimer(Simulation& sim, TcpSocket& s, SimTime delay) {
    sim.cancel(s.timer);
    ++s.timerGeneration;
    s.timer = sim.schedule(delay, Event{Component::Network, kTcpTimer, "", "", static_cast<std::int64_t>(s.id), s.timerGeneration});
}

void armSynTimer(Simulation& sim, TcpSocket& s) { armTimer(sim, s, SimTime::s(std::int64_t{1} << s.retries)); }  // 1, 2, 4 ... 64 s

// tcp_rtt_estimator's first sample m: srtt = m, rttvar = m/2, so RTO = m + max(2m, TCP_RTO_MIN).
// Karn's rule: a handshake whose SYN was retransmitted gives no sample (RTO stays 1 s).
void sampleRtt(TcpSocket& s, SimTime now) {
    if (s.retries > 0) return;
    const SimTime m = now - s.synSentAt;
    s.rto = m + std::max(m + m, kRtoMin);
}

bool outstanding(const TcpSocket& s) { return !s.unacked.empty() || s.finUnacked; }

// Arms the retransmission timer when data or a FIN is outstanding and no timer runs.
void armRetransmission(Simulation& sim, TcpSocket& s) {
    if (outstanding(s) && !sim.kernel().isPending(s.timer)) armTimer(sim, s, s.rto);
}

std::uint16_t ephemeralPort(Simulation& sim, const std::string& ns, Ipv4 local, Ipv4 remote, std::uint16_t remotePort) {
    // ip_local_port_range 32768-60999, chosen at random like the kernel's hashed choice; a
    // 4-tuple still in TIME_WAIT is not reused.
    Rng& rng = sim.rng(ns + "/ports");
    for (int attempt = 0; attempt < 64; ++attempt) {
        const auto port = static_cast<std::uint16_t>(32768 + rng.below(60999 - 32768 + 1));
        if (!socketFor(sim, ns, local, port, remote, remotePort)) return port;
    }
    return 0;
}

void send(Simulation& sim, const TcpSocket& s, const net::Packet& p) { sendPacket(sim, s.ns, p); }

} // namespace

void tcpResetReply(Simulation& sim, const std::string& ns, const net::Packet& p) {
    if (p.rst) return;
    net::Packet r;
    r.proto = "tcp";
    r.src = p.dst;
    r.sport = p.dport;
    r.dst = p.src;
    r.dport = p.sport;
    r.rst = true;
    if (p.ack) {
        r.seq = p.ackNo;
    } else {
        r.ack = true;
        r.ackNo = p.seq + static_cast<std::uint32_t>(p.payload.size()) + (p.syn ? 1 : 0) + (p.fin ? 1 : 0);
    }
    r.length = 40;
    sendPacket(sim, ns, r);
}

namespace {

void clientFailed(Simulation& sim, TcpSocket& s, Exchange::Error e) {
    const std::uint64_t exchange = s.exchange;
    removeSocket(sim, s.id);
    if (exchange) exchangeFailed(sim, exchange, e);
}

// An acknowledgement: what it covers of our data (and FIN) is no longer kept for retransmission.
void onAck(Simulation& sim, TcpSocket& s, std::uint32_t ackNo) {
    const std::uint32_t acked = ackNo - s.sndUna;  // modulo 2^32, as sequence numbers compare
    const std::uint32_t pending = static_cast<std::uint32_t>(s.unacked.size()) + (s.finUnacked ? 1 : 0);
    if (acked == 0 || acked > pending) return;
    const std::size_t data = std::min<std::size_t>(acked, s.unacked.size());
    s.unacked.erase(0, data);
    if (acked > data) s.finUnacked = false;
    s.sndUna = ackNo;
    s.retries = 0;
    if (outstanding(s)) armTimer(sim, s, s.rto);  // restarted for what is left
    else sim.cancel(s.timer);
}

void enterTimeWait(Simulation& sim, TcpSocket& s) {
    s.state = TcpState::TimeWait;
    armTimer(sim, s, kTimeWait);
}

// A segment for an existing socket.
void onSegment(Simulation& sim, TcpSocket& s, const net::Packet& p) {
    if (p.rst) {
        if (!s.server) clientFailed(sim, s, s.state == TcpState::SynSent ? Exchange::Error::Refused : Exchange::Error::Reset);
        else removeSocket(sim, s.id);
        return;
    }
    const std::uint64_t id = s.id;
    switch (s.state) {
    case TcpState::SynSent:
        if (!(p.syn && p.ack)) return;
        sim.cancel(s.timer);
        sampleRtt(s, sim.now());
        s.retries = 0;
        s.rcvNxt = p.seq + 1;
        s.sndUna = s.sndNxt;
        s.state = TcpState::Established;
        send(sim, s, segment(s, false, true, false));
        if (s.exchange) exchangeConnected(sim, s.exchange);
        return;
    case TcpState::SynReceived:
        if (p.syn && !p.ack) {  // our SYN,ACK was lost: the client tries again
            TcpSocket copy = s;
            copy.sndNxt -= 1;
            send(sim, s, segment(copy, true, true, false));
            return;
        }
        if (!p.ack) return;
        sampleRtt(s, sim.now());
        s.sndUna = s.sndNxt;
        s.state = TcpState::Established;
        break;
    default:
        break;
    }
    TcpSocket* live = socketById(sim, id);
    if (!live) return;
    if (p.syn) {  // a retransmitted SYN,ACK: our ACK of it was lost
        send(sim, *live, segment(*live, false, true, false));
        return;
    }
    if (p.ack) onAck(sim, *live, p.ackNo);
    // Data: what continues the stream is taken (a retransmission may overlap what came before);
    // a duplicate or a segment beyond a gap is answered with an ACK of what we have (no
    // out-of-order queue: the sender retransmits from its oldest unacknowledged byte).
    const auto len = static_cast<std::uint32_t>(p.payload.size());
    const std::uint32_t skip = live->rcvNxt - p.seq;  // bytes of it we already have (modulo 2^32)
    const bool reaches = skip <= len;                  // starts at or before rcvNxt: no gap before it
    if (reaches && len > skip) {
        live->rcvNxt += len - skip;
        live->inbox += p.payload.substr(skip);
        if (!p.fin) send(sim, *live, segment(*live, false, true, false));
        if (live->server) serverData(sim, id);
        else if (live->exchange) exchangeData(sim, live->exchange, id);
        live = socketById(sim, id);
        if (!live) return;
    } else if (len > 0) {
        send(sim, *live, segment(*live, false, true, false));  // a duplicate, or beyond a gap
    }
    if (p.fin) {
        const std::uint32_t finSeq = p.seq + len;
        if (finSeq != live->rcvNxt) {  // a FIN we already have (our ACK of it was lost), or beyond a gap
            if (len == 0) send(sim, *live, segment(*live, false, true, false));
            if (live->state == TcpState::TimeWait) enterTimeWait(sim, *live);  // the TIME_WAIT timer restarts
            return;
        }
        live->rcvNxt += 1;
        if (live->state == TcpState::FinWait) {  // we closed first: acknowledge, then TIME_WAIT
            send(sim, *live, segment(*live, false, true, false));
            sim.cancel(live->timer);
            enterTimeWait(sim, *live);
            return;
        }
        // The peer closes first: acknowledge and close our side too (FIN,ACK), then wait for its ACK.
        net::Packet fin = segment(*live, false, true, true);
        live->sndNxt += 1;
        live->finUnacked = true;
        live->state = TcpState::LastAck;
        send(sim, *live, fin);
        armRetransmission(sim, *live);
        return;
    }
    if (live->state == TcpState::LastAck && !outstanding(*live)) removeSocket(sim, id);
}

} // namespace

std::uint64_t tcpConnect(Simulation& sim, const std::string& nsKey, Ipv4 dst, std::uint16_t port, std::uint64_t exchange) {
    net::NetNamespace* ns = findNamespace(sim, nsKey);
    if (!ns) return 0;
    auto route = ns->routes.lookup(dst, ns->interfaces);
    if (!route) return 0;
    TcpSocket s;
    s.ns = nsKey;
    s.localIp = ns->isLocal(dst) ? dst : route->source;
    s.remoteIp = dst;
    s.remotePort = port;
    s.localPort = ephemeralPort(sim, nsKey, s.localIp, dst, port);
    if (!s.localPort) return 0;
    s.state = TcpState::SynSent;
    s.exchange = exchange;
    s.sndNxt = sim.rng(nsKey + "/isn").next32();
    s.synSentAt = sim.now();
    const std::uint64_t id = addSocket(sim, s);
    TcpSocket& live = *socketById(sim, id);
    net::Packet syn = segment(live, true, false, false);
    live.sndNxt += 1;
    armSynTimer(sim, live);
    send(sim, live, syn);
    return id;
}

void tcpSend(Simulation& sim, std::uint64_t id, const std::string& data) {
    TcpSocket* s = socketById(sim, id);
    if (!s || data.empty()) return;
    net::Packet p = segment(*s, false, true, false, data);
    s->sndNxt += static_cast<std::uint32_t>(data.size());
    s->unacked += data;
    armRetransmission(sim, *s);
    send(sim, *s, p);
}

void tcpClose(Simulation& sim, std::uint64_t id) {
    TcpSocket* s = socketById(sim, id);
    if (!s || s->state != TcpState::Established) return;
    net::Packet fin = segment(*s, false, true, true);
    s->sndNxt += 1;
    s->finUnacked = true;
    s->state = TcpState::FinWait;
    armRetransmission(sim, *s);
    send(sim, *s, fin);
}

void tcpAbort(Simulation& sim, std::uint64_t id) {
    TcpSocket* s = socketById(sim, id);
    if (!s) return;
    if (s->state == TcpState::Established || s->state == TcpState::SynReceived) {  // the peer learns of it
        net::Packet rst = segment(*s, false, false, false);
        rst.rst = true;
        const TcpSocket copy = *s;
        removeSocket(sim, id);
        send(sim, copy, rst);
        return;
    }
    removeSocket(sim, id);
}

void tcpInput(Simulation& sim, const std::string& ns, const net::Packet& p) {
    if (TcpSocket* s = socketFor(sim, ns, p.dst, p.dport, p.src, p.sport)) {
        onSegment(sim, *s, p);
        return;
    }
    if (p.syn && !p.ack) {
        auto listener = findListener(sim, ns, p.dport);
        if (!listener) {
            tcpResetReply(sim, ns, p);  // nobody listens: RST,ACK, the client's ECONNREFUSED
            return;
        }
        TcpSocket s;
        s.ns = ns;
        s.server = true;
        s.localIp = p.dst;
        s.localPort = p.dport;
        s.remoteIp = p.src;
        s.remotePort = p.sport;
        s.state = TcpState::SynReceived;
        s.app = listener->app;
        s.pod = listener->pod;
        s.rcvNxt = p.seq + 1;
        s.sndNxt = sim.rng(ns + "/isn").next32();
        s.synSentAt = sim.now();
        const std::uint64_t id = addSocket(sim, s);
        TcpSocket& live = *socketById(sim, id);
        net::Packet synAck = segment(live, true, true, false);
        live.sndNxt += 1;
        send(sim, live, synAck);
        return;
    }
    // A segment for no connection of ours (a reply that was never un-NATed, say): RST.
    if (sim.tracing()) sim.emit(TraceKind::PacketHop, "net", ns, "no socket for " + net::packetSummary(p) + ": reset");
    tcpResetReply(sim, ns, p);
}

void tcpIcmpError(Simulation& sim, const std::string& ns, const net::Packet& icmp) {
    const net::Tuple& t = *icmp.inner;
    if (t.proto != "tcp") return;
    // Match by our own address and port: a NAT on the way may have rewritten the far side.
    for (auto& [id, s] : transport(sim).sockets) {
        if (s.ns != ns || s.localIp != t.src || s.localPort != t.sport || s.state != TcpState::SynSent) continue;
        // The SYN connect() sent, refused by the pod's own node (a REJECT in its FORWARD chain):
        // across veth pairs the SYN, the REJECT and the ICMP error all run inside connect(),
        // which holds the socket, so tcp_v4_err keeps the error as soft (sk_err_soft) and the SYN
        // is sent again after the initial RTO. That one is refused from the retransmission timer,
        // with the socket free: a hard error, ECONNREFUSED. A real kernel counts two REJECTs and
        // curl fails after about a second.
        if (s.retries == 0 && fromOwnHost(sim, ns, icmp.errorOrigin)) {
            s.softError = true;
            return;
        }
        clientFailed(sim, s, Exchange::Error::Refused);
        return;
    }
}

void tcpLocalRefusal(Simulation& sim, const std::string& ns, const net::Packet& sent) {
    if (sent.proto != "tcp") return;
    // After DNAT the packet's destination is no longer the socket's: match our end.
    for (auto& [id, s] : transport(sim).sockets) {
        if (s.ns != ns || s.localPort != sent.sport || s.server) continue;
        if (s.state == TcpState::SynSent) clientFailed(sim, s, Exchange::Error::Refused);
        return;
    }
}

void tcpTimer(Simulation& sim, std::uint64_t id, std::int64_t generation) {
    TcpSocket* s = socketById(sim, id);
    if (!s || s->timerGeneration != generation) return;
    if (s->state == TcpState::TimeWait) {
        removeSocket(sim, id);
        return;
    }
    if (s->state == TcpState::SynSent) {
        if (s->retries >= kSynRetries) {  // tcp_write_err: the soft error if one came, else ETIMEDOUT
            clientFailed(sim, *s, s->softError ? Exchange::Error::Refused : Exchange::Error::KernelTimeout);
            return;
        }
        ++s->retries;
        TcpSocket copy = *s;
        copy.sndNxt -= 1;
        armSynTimer(sim, *s);
        send(sim, *s, segment(copy, true, false, false));
        return;
    }
    if (!outstanding(*s)) return;
    if (s->retries >= kDataRetries) {  // the kernel gives up on the connection (ETIMEDOUT)
        if (!s->server) clientFailed(sim, *s, Exchange::Error::TransferTimeout);
        else removeSocket(sim, id);
        return;
    }
    // Retransmit everything from the oldest unacknowledged byte, the FIN too when it is part of
    // it, and back off (RTO doubles, up to TCP_RTO_MAX).
    ++s->retries;
    s->rto = std::min(s->rto + s->rto, kRtoMax);
    TcpSocket copy = *s;
    copy.sndNxt = s->sndUna;
    armTimer(sim, *s, s->rto);
    send(sim, *s, segment(copy, false, true, s->finUnacked, s->unacked));
}

} // namespace kns::dataplane
