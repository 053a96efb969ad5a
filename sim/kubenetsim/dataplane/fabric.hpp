#pragma once
// The wires between network namespaces: veth pairs, the legacy docker0 bridge with its ports,
// and the layer-2 segment the nodes share. A packet crosses one namespace's stack at once
// (net/stack.hpp), then travels the link as a Network event with the link's latency, and the
// next namespace takes it on arrival. Bridged frames go through iptables only when the node's
// bridge netfilter is on (br_netfilter), and a frame leaves a bridge port it came in by only
// when that port is in hairpin mode.
#include <cstdint>
#include <string>

#include <kubenetsim/net/stack.hpp>
#include <kubenetsim/time/event.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Network event kinds (Event::kind for Component::Network).
enum NetworkEventKind : std::uint16_t {
    kPacketArrives = 1,  // arg: in-flight packet id
    kTcpTimer = 2,       // arg: socket id, arg2: the socket's timer generation
    kServerReply = 3,    // arg: socket id
    kExchangeTimer = 4,  // arg: exchange id
    kConntrackExpiry = 5,  // key: the namespace whose conntrack table has entries due (conntrack_expiry.hpp)
};

// Registers the Network component's event handler (snapshots need it re-registered too).
void registerNetworkHandler(Simulation& sim);

// A packet a socket of namespace `ns` sends: the namespace's stack, then the wire.
void sendPacket(Simulation& sim, const std::string& ns, net::Packet p);

// The evaluation context of one namespace: its rng stream, recent lists and local addresses.
netfilter::EvalContext evalContext(Simulation& sim, net::NetNamespace& ns);

// The namespace a command runs in: a node's ("node/NAME") or a pod's ("pod/NS/NAME").
net::NetNamespace* findNamespace(Simulation& sim, const std::string& key);
// A node's namespace ("node/NAME"), or null.
net::NetNamespace* findNodeNamespace(Simulation& sim, const std::string& node);

} // namespace kns::dataplane
