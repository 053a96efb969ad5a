#pragma once
// Connection tracking of one network namespace, mirroring nf_conntrack: every connection has an
// original and a reply tuple; NAT rewrites the reply tuple when the connection's first packet
// passes the nat table (nf_nat_setup_info), so every later packet in either direction is
// translated by one lookup, and the nat table is never consulted again for that connection.
//
// An entry lives until its timeout, which every packet of the connection sets anew from the
// protocol's state (nf_ct_refresh); a lookup never finds an entry whose timeout passed
// (nf_ct_is_expired), so the next packet with its tuple starts a new connection. The data plane
// removes entries at their expiry time with a scheduled event (dataplane/conntrack_expiry.hpp).
//
// Simplifications (named): TCP follows the kernel's state table (tcp_conntracks) on flags alone,
// without window tracking, so the shorter timeouts for unacknowledged data and retransmissions
// (nf_conntrack_tcp_timeout_unacknowledged, _max_retrans) never apply; no helpers or
// expectations; RELATED only for ICMP errors about a tracked connection.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <kubenetsim/net/ipv4.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns::net {

struct Tuple {
    std::string proto = "tcp";
    Ipv4 src;
    Ipv4 dst;
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    Tuple inverted() const { return Tuple{proto, dst, src, dport, sport}; }
    friend auto operator<=>(const Tuple&, const Tuple&) = default;
};

enum class Direction : std::uint8_t { Original, Reply };

struct ConnEntry {
    std::uint64_t id = 0;
    Tuple original;
    Tuple reply;  // what a reply looks like on the wire (after NAT it differs from original.inverted())
    bool confirmed = false;
    bool seenReply = false;
    bool assured = false;
    bool dstNatDone = false;  // the nat table has decided at PREROUTING/OUTPUT (a null binding counts)
    bool srcNatDone = false;  // ... and at POSTROUTING/INPUT
    bool dnat = false;
    bool snat = false;
    std::string tcpState = "SYN_SENT";
    std::uint32_t mark = 0;
    SimTime expires;   // set through Conntrack only: its expiry index follows it
    SimTime streamAt;  // UDP: replied traffic after this time makes a stream (udp_packet's stream_ts)
    std::uint64_t packets[2] = {0, 0};
    std::uint64_t bytes[2] = {0, 0};
};

struct Lookup {
    ConnEntry* entry = nullptr;
    Direction direction = Direction::Original;
    bool isNew = false;    // first packet of a connection
    bool related = false;  // an ICMP error about the connection (ctstate RELATED); it has no entry of its own
};

// Timeouts of nf_conntrack's defaults (seconds; the sysctls net.netfilter.nf_conntrack_*_timeout*
// of Linux 6.x), for the states kubenetsim models.
struct ConntrackTimeouts {
    int tcpSynSent = 120;
    int tcpSynRecv = 60;
    int tcpEstablished = 432000;
    int tcpFinWait = 120;
    int tcpCloseWait = 60;
    int tcpLastAck = 30;
    int tcpTimeWait = 120;
    int tcpClose = 10;
    int udp = 30;        // unreplied, or replied within 2 s of the first packet
    int udpStream = 120;
    int icmp = 30;
};

class Conntrack {
public:
    // Finds the connection a packet belongs to, or creates an unconfirmed one for a new
    // connection (confirmed when the packet leaves POSTROUTING/INPUT, as the kernel does).
    // An expired entry is removed instead of found, and so is a TCP entry in TIME_WAIT or CLOSE
    // that a new SYN (`tcpSyn`: SYN without ACK) reopens (tcp_packet's reopen).
    Lookup track(const Tuple& packet, SimTime now, bool tcpSyn = false);
    // The connection an ICMP error is about: `embedded` is the packet the error quotes, which
    // travelled the other way, so its inverse is looked up (nf_conntrack_inet_error). Returns
    // a Lookup with no entry when the error is about no live connection.
    Lookup related(const Tuple& embedded, SimTime now);
    // Drops an unconfirmed entry (the packet that created it was dropped).
    void abandon(std::uint64_t id);
    void confirm(std::uint64_t id);

    // NAT bindings, set while the first packet crosses the nat hooks.
    void bindDestination(std::uint64_t id, Ipv4 addr, std::uint16_t port);  // DNAT: replies come from here
    void bindSource(std::uint64_t id, Ipv4 addr, std::uint16_t port);       // SNAT/MASQUERADE: replies go here
    void markNatDone(std::uint64_t id, bool destination);

    // Updates TCP state and timers from a packet's flags; `dir` as track() said.
    void update(std::uint64_t id, Direction dir, bool syn, bool ack, bool fin, bool rst, std::uint32_t length, SimTime now);

    // Removes entries whose timeout passed. Returns how many.
    std::size_t expire(SimTime now);
    // The earliest expiry among the entries (when the next expire() has work).
    std::optional<SimTime> nextExpiry() const;
    // `conntrack -D` style deletion, e.g. kube-proxy clearing UDP entries of a removed endpoint.
    std::size_t removeIf(const std::string& proto, std::optional<Ipv4> origDst, std::optional<Ipv4> replySrc);

    const std::map<std::uint64_t, ConnEntry>& entries() const { return m_entries; }
    ConnEntry* find(std::uint64_t id);
    ConntrackTimeouts& timeouts() { return m_timeouts; }

private:
    void reindex(ConnEntry& e, const Tuple& oldReply);
    void setExpiry(ConnEntry& e, SimTime when);
    void erase(std::map<std::uint64_t, ConnEntry>::iterator it);
    int tcpTimeout(const std::string& state) const;
    std::map<std::uint64_t, ConnEntry> m_entries;
    std::map<Tuple, std::pair<std::uint64_t, Direction>> m_index;
    std::set<std::pair<SimTime, std::uint64_t>> m_expiries;  // (expires, id) of every entry
    std::uint64_t m_nextId = 1;
    ConntrackTimeouts m_timeouts;
};

// One line of `conntrack -L` (conntrack-tools' layout), e.g.
// "tcp      6 431999 ESTABLISHED src=10.0.2.15 dst=172.30.228.255 sport=40000 dport=80 src=172.17.0.3 dst=10.0.2.15 sport=9876 dport=40000 [ASSURED] mark=0 use=1"
// "icmp     1 29 src=10.0.2.15 dst=10.0.2.2 type=8 code=0 id=2 src=10.0.2.2 dst=10.0.2.15 type=0 code=0 id=2 mark=0 use=1"
std::string formatConntrackEntry(const ConnEntry& e, SimTime now);

} // namespace kns::net
