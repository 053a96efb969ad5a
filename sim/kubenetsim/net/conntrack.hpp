#pragma once
// Connection tracking of one network namespace, mirroring nf_conntrack: every connection has an
// original and a reply tuple; NAT rewrites the reply tuple when the connection's first packet
// passes the nat table (nf_nat_setup_info), so every later packet in either direction is
// translated by one lookup, and the nat table is never consulted again for that connection.
//
// Simplifications (named): TCP states are tracked coarsely (SYN_SENT, SYN_RECV, ESTABLISHED,
// FIN_WAIT, CLOSE, TIME_WAIT) without window tracking; no helpers/expectations; RELATED only
// for ICMP errors about a tracked connection.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
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
    SimTime expires;
    std::uint64_t packets[2] = {0, 0};
    std::uint64_t bytes[2] = {0, 0};
};

struct Lookup {
    ConnEntry* entry = nullptr;
    Direction direction = Direction::Original;
    bool isNew = false;  // first packet of a connection
};

// Timeouts of nf_conntrack's defaults (seconds), for the states kubenetsim models.
struct ConntrackTimeouts {
    int tcpSynSent = 120;
    int tcpEstablished = 432000;
    int tcpFinWait = 120;
    int tcpTimeWait = 120;
    int tcpClose = 10;
    int udp = 30;
    int udpStream = 120;
    int icmp = 30;
};

class Conntrack {
public:
    // Finds the connection a packet belongs to, or creates an unconfirmed one for a new
    // connection (confirmed when the packet leaves POSTROUTING/INPUT, as the kernel does).
    Lookup track(const Tuple& packet, SimTime now);
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
    // `conntrack -D` style deletion, e.g. kube-proxy clearing UDP entries of a removed endpoint.
    std::size_t removeIf(const std::string& proto, std::optional<Ipv4> origDst, std::optional<Ipv4> replySrc);

    const std::map<std::uint64_t, ConnEntry>& entries() const { return m_entries; }
    ConnEntry* find(std::uint64_t id);
    ConntrackTimeouts& timeouts() { return m_timeouts; }

private:
    void reindex(ConnEntry& e, const Tuple& oldReply);
    std::map<std::uint64_t, ConnEntry> m_entries;
    std::map<Tuple, std::pair<std::uint64_t, Direction>> m_index;
    std::uint64_t m_nextId = 1;
    ConntrackTimeouts m_timeouts;
};

// One line of `conntrack -L` (conntrack-tools' layout), e.g.
// "tcp      6 431999 ESTABLISHED src=10.0.2.15 dst=172.30.228.255 sport=40000 dport=80 src=172.17.0.3 dst=10.0.2.15 sport=9876 dport=40000 [ASSURED] mark=0 use=1"
std::string formatConntrackEntry(const ConnEntry& e, SimTime now);

} // namespace kns::net
