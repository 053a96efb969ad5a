#include <kubenetsim/net/conntrack.hpp>

#include <algorithm>

namespace kns::net {

Lookup Conntrack::track(const Tuple& t, SimTime now, bool tcpSyn) {
    auto it = m_index.find(t);
    if (it != m_index.end()) {
        auto e = m_entries.find(it->second.first);
        const bool reopened = tcpSyn && it->second.second == Direction::Original &&
                              (e->second.tcpState == "TIME_WAIT" || e->second.tcpState == "CLOSE");
        if (e->second.expires > now && !reopened) return Lookup{&e->second, it->second.second, false};
        erase(e);  // timed out (or reopened): this packet starts a new connection
    }
    ConnEntry e;
    e.id = m_nextId++;
    e.original = t;
    e.reply = t.inverted();
    e.tcpState = t.proto == "tcp" ? "SYN_SENT" : "";
    e.streamAt = now + SimTime::s(2);
    auto [pos, inserted] = m_entries.emplace(e.id, e);
    m_index[pos->second.original] = {e.id, Direction::Original};
    m_index[pos->second.reply] = {e.id, Direction::Reply};
    setExpiry(pos->second, now + SimTime::s(t.proto == "tcp" ? m_timeouts.tcpSynSent : t.proto == "udp" ? m_timeouts.udp : m_timeouts.icmp));
    return Lookup{&pos->second, Direction::Original, true};
}

Lookup Conntrack::related(const Tuple& embedded, SimTime now) {
    auto it = m_index.find(embedded.inverted());
    if (it == m_index.end()) return Lookup{};
    auto e = m_entries.find(it->second.first);
    if (e->second.expires <= now) return Lookup{};
    return Lookup{&e->second, it->second.second, false, true};
}

void Conntrack::setExpiry(ConnEntry& e, SimTime when) {
    m_expiries.erase({e.expires, e.id});
    e.expires = when;
    m_expiries.insert({e.expires, e.id});
}

void Conntrack::erase(std::map<std::uint64_t, ConnEntry>::iterator it) {
    m_index.erase(it->second.original);
    m_index.erase(it->second.reply);
    m_expiries.erase({it->second.expires, it->first});
    m_entries.erase(it);
}

ConnEntry* Conntrack::find(std::uint64_t id) {
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

void Conntrack::abandon(std::uint64_t id) {
    auto it = m_entries.find(id);
    if (it != m_entries.end() && !it->second.confirmed) erase(it);
}

void Conntrack::confirm(std::uint64_t id) {
    if (ConnEntry* e = find(id)) e->confirmed = true;
}

void Conntrack::reindex(ConnEntry& e, const Tuple& oldReply) {
    auto it = m_index.find(oldReply);
    if (it != m_index.end() && it->second.first == e.id) m_index.erase(it);
    m_index[e.reply] = {e.id, Direction::Reply};
}

void Conntrack::bindDestination(std::uint64_t id, Ipv4 addr, std::uint16_t port) {
    ConnEntry* e = find(id);
    if (!e) return;
    Tuple old = e->reply;
    e->reply.src = addr;  // the endpoint answers from its own address
    e->reply.sport = port;
    e->dnat = true;
    reindex(*e, old);
}

void Conntrack::bindSource(std::uint64_t id, Ipv4 addr, std::uint16_t port) {
    ConnEntry* e = find(id);
    if (!e) return;
    Tuple old = e->reply;
    e->reply.dst = addr;  // replies are addressed to the masqueraded source
    e->reply.dport = port;
    e->snat = true;
    reindex(*e, old);
}

void Conntrack::markNatDone(std::uint64_t id, bool destination) {
    if (ConnEntry* e = find(id)) (destination ? e->dstNatDone : e->srcNatDone) = true;
}

namespace {

// The TCP states kubenetsim models, in the order of the kernel's tcp_conntracks table.
constexpr const char* kTcpStates[] = {"SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE"};
enum TcpCt : std::int8_t { SS, SR, ES, FW, CW, LA, TW, CL, Keep = -1 };

// nf_conntrack_proto_tcp.c's tcp_conntracks[direction][flags][state], for these states; the
// table's "invalid" and "ignore" entries leave the state as it is (Keep). A SYN reopening a
// TIME_WAIT or CLOSE connection is handled by Conntrack::track.
constexpr TcpCt kTcpTransitions[2][5][8] = {
    {
        // original:  SS    SR    ES    FW    CW    LA    TW    CL
        /* syn    */ {SS, Keep, Keep, Keep, Keep, Keep, Keep, Keep},
        /* synack */ {Keep, SR, Keep, Keep, Keep, Keep, Keep, Keep},
        /* fin    */ {Keep, FW, FW, LA, LA, LA, TW, CL},
        /* ack    */ {Keep, ES, ES, CW, CW, TW, TW, CL},
        /* rst    */ {CL, CL, CL, CL, CL, CL, CL, CL},
    },
    {
        // reply:     SS    SR    ES    FW    CW    LA    TW    CL
        /* syn    */ {Keep, Keep, Keep, Keep, Keep, Keep, Keep, Keep},
        /* synack */ {SR, Keep, Keep, Keep, Keep, Keep, Keep, Keep},
        /* fin    */ {Keep, FW, FW, LA, LA, LA, TW, CL},
        /* ack    */ {Keep, SR, ES, CW, CW, TW, TW, CL},
        /* rst    */ {CL, CL, CL, CL, CL, CL, CL, CL},
    },
};

int tcpStateIndex(const std::string& s) {
    for (int i = 0; i < 8; ++i)
        if (s == kTcpStates[i]) return i;
    return SS;
}

} // namespace

int Conntrack::tcpTimeout(const std::string& s) const {
    const ConntrackTimeouts& t = m_timeouts;
    const int byState[] = {t.tcpSynSent, t.tcpSynRecv, t.tcpEstablished, t.tcpFinWait, t.tcpCloseWait, t.tcpLastAck, t.tcpTimeWait, t.tcpClose};
    return byState[tcpStateIndex(s)];
}

void Conntrack::update(std::uint64_t id, Direction dir, bool syn, bool ack, bool fin, bool rst, std::uint32_t length, SimTime now) {
    ConnEntry* e = find(id);
    if (!e) return;
    const int d = dir == Direction::Original ? 0 : 1;
    e->packets[d]++;
    e->bytes[d] += length;
    int timeout = 0;
    if (e->original.proto == "tcp") {
        // get_conntrack_index: RST wins, then SYN (with or without ACK), then FIN, then ACK.
        const int flags = rst ? 4 : syn ? (ack ? 1 : 0) : fin ? 2 : ack ? 3 : -1;
        const int old = tcpStateIndex(e->tcpState);
        const TcpCt next = flags < 0 ? Keep : kTcpTransitions[d][flags][old];
        if (next != Keep) e->tcpState = kTcpStates[next];
        if (next == ES && (old == SR || old == ES)) e->assured = true;
        timeout = tcpTimeout(e->tcpState);
    } else if (e->original.proto == "udp") {
        // udp_packet: replied traffic still going 2 s after the first packet is a stream.
        if (e->seenReply && now > e->streamAt) {
            timeout = m_timeouts.udpStream;
            e->assured = true;
        } else {
            timeout = m_timeouts.udp;
        }
    } else {
        timeout = m_timeouts.icmp;
    }
    // The protocol handler runs before nf_conntrack_in marks the connection as replied.
    if (dir == Direction::Reply) e->seenReply = true;
    setExpiry(*e, now + SimTime::s(timeout));
}

std::size_t Conntrack::expire(SimTime now) {
    std::size_t n = 0;
    while (!m_expiries.empty() && m_expiries.begin()->first <= now) {
        erase(m_entries.find(m_expiries.begin()->second));
        ++n;
    }
    return n;
}

std::optional<SimTime> Conntrack::nextExpiry() const {
    if (m_expiries.empty()) return std::nullopt;
    return m_expiries.begin()->first;
}

std::size_t Conntrack::removeIf(const std::string& proto, std::optional<Ipv4> origDst, std::optional<Ipv4> replySrc) {
    std::size_t n = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const ConnEntry& e = it->second;
        bool hit = e.original.proto == proto && (!origDst || e.original.dst == *origDst) && (!replySrc || e.reply.src == *replySrc);
        if (hit) {
            erase(it++);
            ++n;
        } else {
            ++it;
        }
    }
    return n;
}

std::string formatConntrackEntry(const ConnEntry& e, SimTime now) {
    auto protoNum = [](const std::string& p) { return p == "tcp" ? 6 : p == "udp" ? 17 : 1; };
    // "%-8s %u %lu " as conntrack-tools prints the protocol, its number and the seconds left.
    std::string s = e.original.proto;
    s.resize(8, ' ');
    const std::int64_t left = std::max<std::int64_t>(0, (e.expires - now).wholeSeconds());
    s += " " + std::to_string(protoNum(e.original.proto)) + " " + std::to_string(left) + " ";
    if (!e.tcpState.empty()) s += e.tcpState + " ";
    // ICMP connections are echo exchanges: the request (type 8) and its reply (type 0) share an
    // identifier, which the tuples carry in both port fields.
    auto tuple = [](const Tuple& t, int icmpType) {
        std::string s = "src=" + t.src.str() + " dst=" + t.dst.str() + " ";
        if (t.proto == "icmp") return s + "type=" + std::to_string(icmpType) + " code=0 id=" + std::to_string(t.sport) + " ";
        return s + "sport=" + std::to_string(t.sport) + " dport=" + std::to_string(t.dport) + " ";
    };
    s += tuple(e.original, 8);
    if (!e.seenReply) s += "[UNREPLIED] ";
    s += tuple(e.reply, 0);
    if (e.assured) s += "[ASSURED] ";
    s += "mark=" + std::to_string(e.mark) + " use=1";
    return s;
}

} // namespace kns::net
