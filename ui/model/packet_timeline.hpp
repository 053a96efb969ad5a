#pragma once
// Where every recorded packet is at a given view time, from the hop records the fabric keeps
// while hop recording is on (DataPlaneState.transport.hops).
//
// A hop is one namespace's handling of one packet at one instant. A packet's journey is the
// chain of hops it made, from the namespace that sent it (a socket, an ICMP error, a reset) to
// where it ended (delivered, dropped, lost, or still on the wire). Two hops are linked when the
// first forwarded the packet onto a wire that ends in the second's namespace (a veth, a bridge
// port, the nodes' shared segment, found from the namespaces' interfaces) and the second received
// the same packet (addresses, ports, flags, sequence numbers; the TTL differs) later. Of several
// such senders, the latest is taken (a retransmitted SYN, not the one lost before it). Between
// two hops the packet is on a link; its position along it is interpolated linearly between the
// time it left and the time it arrived, so pausing the view freezes it mid-link. A packet still
// in flight (DataPlaneState.transport.inFlight) arrives when its arrival event is due.
//
// The direction of a journey is conntrack's: a packet is a reply when the sending namespace's
// conntrack classified it in its connection's reply direction (a SYN,ACK coming back from a pod).
//
// Contract: update() is cheap when nothing was recorded since the last call (it reads only the
// new hops); when the oldest hops were dropped (transport.hopsDropped, UiSession::trimHops) it
// forgets them and renumbers the rest as the hop list now does (journeys left without a hop go);
// when the hop list shrank or was replaced (a snapshot was restored) it starts over.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/transport_state.hpp>
#include <kubenetsim/time/event_queue.hpp>
#include <ui/model/selection.hpp>
#include <ui/model/wire_index.hpp>

namespace kns::ui {

struct PacketJourney {
    std::vector<int> hops;  // indices into the hop records, in the order the packet crossed them
    bool reply = false;     // conntrack's reply direction at the sending namespace
};

// A packet on a link at one instant.
struct PacketOnLink {
    int journey = -1;
    int fromHop = -1;       // the hop that put it on the wire
    std::string fromNs;     // "node/localhost", "pod/default/rcsise-6nq3k"
    std::string toNs;
    std::string toIface;
    double position = 0.0;  // 0 at fromNs, 1 at toNs
    bool reply = false;
    net::Packet packet;     // its headers on the wire
};

// When each packet still in flight arrives: in-flight packet id -> arrival time (from the
// simulation's pending Network events; see inFlightArrivals()).
using ArrivalTimes = std::unordered_map<std::uint64_t, SimTime>;

class PacketTimeline {
public:
    void update(const Simulation& sim);

    const std::vector<PacketJourney>& journeys() const { return m_journeys; }
    // The journey a hop belongs to (-1 for an index out of range).
    int journeyOf(int hop) const;
    // The journey that carried the answer to journey j's packet back to its sender: a later
    // journey in conntrack's reply direction whose packet, as its last hop delivered it, goes to
    // j's sender's address and port from the address and port j's packet was sent to (conntrack
    // un-NATs it on the way); -1 when none was recorded (yet). Looks at most kReplySearch
    // journeys ahead.
    static constexpr std::size_t kReplySearch = 256;
    int replyJourney(const std::vector<HopRecord>& hops, int j) const;
    // The hop after / before `hop` in its journey, or -1.
    int nextInJourney(int hop) const;
    int previousInJourney(int hop) const;

    // Every packet on a link at time t: sent at or before t and arriving after t. Packets still
    // in flight are included when their arrival time is known.
    std::vector<PacketOnLink> onLinksAt(const Simulation& sim, SimTime t, const ArrivalTimes& arrivals = {}) const;
    // Hops recorded at exactly time t (a packet inside a namespace's stack at that instant).
    static std::vector<int> hopsAt(const std::vector<HopRecord>& hops, SimTime t);

    // The cursor at the first rule the hop's netfilter walked (its first hook step with a trace);
    // a hop that walked no rule gets stackStep and rule -1.
    static Selection::PacketCursor firstRuleOf(const std::vector<HopRecord>& hops, int hop);
    // The next rule the packet's own traversal evaluated: the next trace step of the same hook,
    // then the next hook, then the next hop of the journey. Returns an invalid cursor at the end.
    Selection::PacketCursor nextRule(const std::vector<HopRecord>& hops, Selection::PacketCursor c) const;
    Selection::PacketCursor previousRule(const std::vector<HopRecord>& hops, Selection::PacketCursor c) const;
    // The journey's next hop (at its first rule); invalid at the journey's end.
    Selection::PacketCursor nextHop(const std::vector<HopRecord>& hops, Selection::PacketCursor c) const;

private:
    struct Wire {
        int from = -1;
        int to = -1;
    };
    struct OpenSender {
        int hop = -1;
        std::string toNs;
    };
    void read(const Simulation& sim, std::size_t from);
    void forget(std::size_t n);  // the first n hops were dropped

    std::uint64_t m_dropped = 0;   // transport.hopsDropped as of the last update

    std::size_t m_seen = 0;        // hops already read
    SimTime m_lastAt;              // the last read hop's time and namespace (detect a replaced list)
    std::string m_lastNs;
    SimTime m_longestWire;         // the longest time any packet spent on a link
    std::vector<int> m_journeyOf;  // by hop
    std::vector<int> m_next;       // by hop: the journey's next hop, or -1
    std::vector<int> m_previous;
    std::vector<PacketJourney> m_journeys;
    std::vector<Wire> m_wires;     // linked hops, in the order their packets arrived (time order)
    std::unordered_map<std::string, std::vector<OpenSender>> m_open;  // by packet: forwarded, not yet seen arriving
    WireIndex m_fabric;            // where each forwarded packet's wire ends
};

// The arrival times of the packets in flight, read from the simulation's pending events (a copy of
// the event queue: call it only when transport.inFlight is not empty).
ArrivalTimes inFlightArrivals(const std::vector<EventQueue::Scheduled>& pending);

// The journey's direction as its first hop's conntrack classified it.
bool isReplyHop(const HopRecord& hop);

} // namespace kns::ui
