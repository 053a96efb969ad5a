#pragma once
// The IPv4 path of a packet through one network namespace, in the kernel's order:
//   arriving:  raw PREROUTING -> conntrack -> mangle PREROUTING -> nat PREROUTING (DNAT) -> routing
//              local:   mangle INPUT -> filter INPUT -> nat INPUT (SNAT) -> confirm -> socket
//              forward: mangle FORWARD -> filter FORWARD -> mangle POSTROUTING -> nat POSTROUTING -> confirm -> out
//   leaving:   routing -> raw OUTPUT -> conntrack -> mangle OUTPUT -> nat OUTPUT (DNAT, then re-route)
//              -> filter OUTPUT -> mangle POSTROUTING -> nat POSTROUTING (SNAT/MASQUERADE) -> confirm -> out
// The nat table is consulted only for a connection's first packet, once per manipulation
// (destination at PREROUTING/OUTPUT, source at POSTROUTING/INPUT); every other packet, both
// ways, is translated from the conntrack entry (nf_nat_packet). MASQUERADE takes the primary
// address of the interface routing chose. An ICMP error is RELATED to the connection whose
// packet it quotes and is translated from that entry too, outer and quoted header
// (nf_nat_icmp_reply_translation); an error about no known connection is INVALID.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/net/netns.hpp>

namespace kns::net {

struct Packet {
    std::uint64_t id = 0;
    std::string proto = "tcp";  // tcp | udp | icmp
    Ipv4 src;
    Ipv4 dst;
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    bool syn = false, ack = false, fin = false, rst = false;
    std::uint32_t seq = 0;
    std::uint32_t ackNo = 0;
    std::uint32_t mark = 0;  // skb mark: lives only while the packet crosses one namespace
    std::uint32_t length = 60;
    int ttl = 64;  // decremented by each namespace that forwards the packet
    std::string payload;
    std::string icmpType;  // echo-request | echo-reply | port-unreachable ...
    std::optional<Tuple> inner;  // ICMP errors: the packet the error is about (as the sender of the error saw it)
    // ICMP errors: the namespace that sent it. No header says this; the simulation keeps it because
    // in one host the kernel hands a packet across a veth pair by a function call, so an error the
    // pod's own node sends back can reach the pod's socket inside the very send that caused it
    // (tcp.cpp tcpIcmpError).
    std::string errorOrigin;
    std::uint16_t icmpId = 0;    // echo request/reply identifier and sequence
    std::uint16_t icmpSeq = 0;
    Tuple tuple() const { return Tuple{proto, src, dst, sport, dport}; }
};

// Set when a bridge hands the packet to iptables (br_netfilter): the bridge ports it crosses.
// The output port is known only once routing has chosen the next hop (after DNAT), so the
// bridge's forwarding database is asked then through portFor.
struct BridgePorts {
    std::string bridge;
    std::string physIn;
    std::string physOut;
    std::function<std::string(Ipv4 nextHop)> portFor;
};

struct StackStep {
    std::string kind;  // route | conntrack | hook | nat | deliver | forward | drop | reject | noroute
    std::string text;  // one line for people
    bool hasHook = false;
    netfilter::Hook hook = netfilter::Hook::Prerouting;
    netfilter::TableId table = netfilter::TableId::Filter;
    netfilter::Trace trace;  // the rules walked, for hook steps
    std::optional<Packet> before;  // NAT rewrites: the packet before and after
    std::optional<Packet> after;
};

enum class Outcome : std::uint8_t { Local, Forward, Drop, Reject, NoRoute };

struct StackResult {
    Outcome outcome = Outcome::Drop;
    std::string egress;    // Forward: the interface it leaves by
    Ipv4 nextHop;          // Forward: the neighbour to send it to
    std::string rejectWith;
    std::uint64_t connection = 0;  // the conntrack entry id
    std::vector<StackStep> steps;
};

// A packet this namespace sends (a socket's). Fills in the source address from routing when
// p.src is 0.0.0.0.
StackResult sendFromHost(NetNamespace& ns, Packet& p, netfilter::EvalContext& ctx);

// A packet arriving on `inIface` (with bridge ports when a bridge hands it over).
StackResult receive(NetNamespace& ns, Packet& p, const std::string& inIface, netfilter::EvalContext& ctx,
                    const BridgePorts* bridge = nullptr);

// Whether a packet not for this host goes on, with ip_forward as the namespace has it. Off, only
// a frame a bridge switches between two of its ports does: in by bridge `inBridge` (empty: by
// no bridge), out by the same one, and not DNATed. One for another subnet is routed
// (ip_route_input refuses it), and so is one DNATed, even back onto the bridge
// (br_nf_pre_routing_finish routes it; a 6.x kernel drops it, though its comment says
// bridged-and-DNATed traffic needs no ip_forward). Simplification: a frame to an address of the
// bridge's own subnet counts as switched, as a pod sends such a frame straight to the other pod.
bool mayForward(const NetNamespace& ns, const std::string& inBridge, const std::string& outDev, bool dnatted);

// "10.0.2.15:40000 -> 172.30.228.255:80 tcp [SYN]",
// "172.30.0.9 -> 10.0.2.15 icmp port-unreachable about 10.0.2.15:40000 -> 172.30.0.9:53 udp"
std::string packetSummary(const Packet& p);

} // namespace kns::net
