#pragma once
// A host outside the cluster on a node's layer-2 segment: where `trace --from IP --via NODE`
// starts. It owns the outside address and sends everything through the node (a host route to
// the node's address on the segment and a default route via it), as if the network beyond routed
// that traffic to this node. When the node reaches the outside address through a gateway on the
// segment that no namespace owns (its default route), the host answers for that gateway too, so
// the node's replies come back to it over the same wire.
#include <string>

#include <kubenetsim/net/ipv4.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Adds the host's namespace ("ext/ADDRESS") next to interface `nodeIface` of node namespace
// `nodeKey`. Returns its key, or "" when that interface is on no segment (a bridge, a veth).
std::string attachExternalHost(Simulation& sim, const std::string& nodeKey, const std::string& nodeIface, Ipv4 address);
// Removes it again (with the sockets it still holds).
void detachExternalHost(Simulation& sim, const std::string& key);

} // namespace kns::dataplane
