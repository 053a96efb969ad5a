#include <kubenetsim/net/conntrack.hpp>

#include <algorithm>

namespace kns::net {

Lookup Conntrack::track(const Tuple& t, SimTime now) {
    auto it = m_index.find(t);
    if (it != m_index.end()) {
        auto e = m_entries.find(it->second.first);
        if (e != m_entries.end()) return Lookup{&e->second, it->second.second, false};
    }
    ConnEntry e;
    e.id = m_nextId++;
    e.original = t;
    e.reply = t.inverted();
    e.tcpState = t.proto == "tcp" ? "SYN_SENT" : "";
    e.expires = now + SimTime::s(t.proto == "tcp" ? m_timeouts.tcpSynSent : t.proto == "udp" ? m_timeouts.udp : m_timeouts.icmp);
    auto [pos, inserted] = m_entries.emplace(e.id, e);
    m_index[pos->second.original] = {e.id, Direction::Original};
    m_index[pos->second.reply] = {e.id, Direction::Reply};
    return Lookup{&pos->second, Direction::Original, true};
}

ConnEntry* Conntrack::find(std::uint64_t id) {
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

void Conntrack::abandon(std::uint64_t id) {
    ConnEntry* e = find(id);
    if (!e || e->confirmed) return;
    m_index.erase(e->original);
    m_index.erase(e->reply);
    m_entries.erase(id);
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

void Conntrack::update(std::uint64_t id, Direction dir, bool syn, bool ack, bool fin, bool rst, std::uint32_t length, SimTime now) {
    ConnEntry* e = find(id);
    if (!e) return;
    const int d = dir == Direction::Original ? 0 : 1;
    e->packets[d]++;
    e->bytes[d] += length;
    if (dir == Direction::Reply) e->seenReply = true;
    int timeout = 0;
    if (e->original.proto == "tcp") {
        std::string& s = e->tcpState;
        if (rst) s = "CLOSE";
        else if (syn && ack && dir == Direction::Reply && s == "SYN_SENT") s = "SYN_RECV";
        else if (ack && !syn && !fin && dir == Direction::Original && s == "SYN_RECV") { s = "ESTABLISHED"; e->assured = true; }
        else if (fin && (s == "ESTABLISHED" || s == "SYN_RECV")) s = "FIN_WAIT";
        else if (fin && s == "FIN_WAIT") s = "TIME_WAIT";
        timeout = s == "SYN_SENT" ? m_timeouts.tcpSynSent : s == "SYN_RECV" ? 60 : s == "ESTABLISHED" ? m_timeouts.tcpEstablished
                : s == "FIN_WAIT" ? m_timeouts.tcpFinWait : s == "TIME_WAIT" ? m_timeouts.tcpTimeWait : m_timeouts.tcpClose;
    } else if (e->original.proto == "udp") {
        if (e->seenReply && e->packets[0] > 1) e->assured = true;
        timeout = e->seenReply ? m_timeouts.udpStream : m_timeouts.udp;
    } else {
        timeout = m_timeouts.icmp;
    }
    e->expires = now + SimTime::s(timeout);
}

std::size_t Conntrack::expire(SimTime now) {
    std::size_t n = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.expires <= now) {
            m_index.erase(it->second.original);
            m_index.erase(it->second.reply);
            it = m_entries.erase(it);
            ++n;
        } else {
            ++it;
        }
    }
    return n;
}

std::size_t Conntrack::removeIf(const std::string& proto, std::optional<Ipv4> origDst, std::optional<Ipv4> replySrc) {
    std::size_t n = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const ConnEntry& e = it->second;
        bool hit = e.original.proto == proto && (!origDst || e.original.dst == *origDst) && (!replySrc || e.reply.src == *replySrc);
        if (hit) {
            m_index.erase(e.original);
            m_index.erase(e.reply);
            it = m_entries.erase(it);
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
    auto tuple = [](const Tuple& t) {
        return "src=" + t.src.str() + " dst=" + t.dst.str() + " sport=" + std::to_string(t.sport) + " dport=" + std::to_string(t.dport) + " ";
    };
    s += tuple(e.original);
    if (!e.seenReply) s += "[UNREPLIED] ";
    s += tuple(e.reply);
    if (e.assured) s += "[ASSURED] ";
    s += "mark=" + std::to_string(e.mark) + " use=1";
    return s;
}

} // namespace kns::net
