#pragma once
// A pod's network as the container runtime and CNI plugin build it, in the node's era:
//  - legacy (docker): the pod's eth0 is one end of a veth pair whose other end, vethXXXXXXX on
//    the node, is a port of the docker0 bridge (hairpin mode on, as the kubelet sets it); the
//    pod has the bridge's range as a connected route and the bridge address as its gateway.
//  - modern (kindnet's ptp plugin): no bridge; the node end of the veth carries the gateway
//    address as a /32 and a host route to the pod; the pod routes everything via the gateway.
// Pods on the host network get no namespace of their own.
#include <string>

namespace kns {

class Simulation;
struct Pod;

// Called by the kubelet once the sandbox has its IP.
void attachPodNetwork(Simulation& sim, const std::string& node, const Pod& pod);
// Called when the sandbox is torn down: removes the pod's namespace and the node's veth end.
void detachPodNetwork(Simulation& sim, const std::string& podKey);

// The node-side name of a pod's veth: "veth" and 7 (legacy, docker) or 8 (modern, CNI) hex digits
// from a hash of the pod's key and uid, so names are stable for a seed.
std::string hostVethName(const std::string& podKey, const std::string& uid, bool legacy);

} // namespace kns
