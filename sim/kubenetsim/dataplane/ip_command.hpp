#pragma once
// `ip` over one simulated network namespace, in iproute2 6.1's layouts (what kind's node image and
// this era's distributions ship):
//   ip [-4] addr|a [show [dev] DEV]     interfaces with flags, MAC, addresses
//   ip link|l [show [dev] DEV]          interfaces without addresses
//   ip route|r [show|list]              the main routing table
//   ip route get ADDRESS                the route the kernel would choose, with its source address
// Interfaces get deterministic MAC addresses (see macAddress). IPv6 is not modelled; the link-local
// inet6 lines a legacy VM node shows are derived from the MAC as the kernel derives them (EUI-64).
#include <string>
#include <vector>

#include <kubenetsim/net/netns.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Runs `ip ARGS...` in the namespace `nsKey` ("node/NAME", "pod/NS/NAME").
shell::CommandResult ipCommand(const Simulation& sim, const std::string& nsKey, const std::vector<std::string>& argv);

// A stable MAC for an interface: 00:00:00:00:00:00 for loopback; docker's 02:42 followed by the
// IPv4 address for containers' eth0 (legacy pods, kind's node containers); VirtualBox's 08:00:27
// prefix for a legacy VM node's NICs; otherwise a locally administered address hashed from the
// namespace and interface names.
std::string macAddress(const Simulation& sim, const std::string& nsKey, const net::Interface& iface);

// "fe80::42:acff:fe11:3/64": the kernel's EUI-64 link-local address for a MAC.
std::string linkLocalFor(const std::string& mac);

} // namespace kns::dataplane
