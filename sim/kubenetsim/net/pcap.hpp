#pragma once
// Captured packets and the classic pcap file format (libpcap 2.4, magic a1b2c3d4, microsecond
// timestamps), so that tcpdump and tshark read the simulated traffic. Packets are written with
// LINKTYPE_RAW (101): each record is an IPv4 packet with its real header, a TCP/UDP/ICMP header
// and the payload, checksums computed as the kernel would. Simplifications, named: no Ethernet
// layer (the bridge and veths are not shown as frames), IPv4 options and TCP options absent,
// the IP identification taken from the packet id.
#include <cstdint>
#include <string>
#include <vector>

#include <kubenetsim/net/stack.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns::net {

// One packet seen on one interface of one namespace (what the fabric appends to
// DataPlaneState::capture as packets cross interfaces).
struct CapturedPacket {
    SimTime at;         // simulated time of the observation
    std::string ns;     // "node/localhost", "pod/default/web-1"
    std::string iface;  // "eth0", "docker0", "veth1a2b3c4"
    Packet packet;
};

constexpr std::uint32_t kPcapMagic = 0xa1b2c3d4u;
constexpr std::uint32_t kLinktypeRaw = 101;

// The bytes of the IPv4 packet as it would travel: 20-byte IPv4 header, then a 20-byte TCP
// header (flags, sequence numbers, window 64240), an 8-byte UDP header or an 8-byte ICMP header
// (echo request/reply with icmpId/icmpSeq, destination unreachable quoting Packet::inner's IP
// header and first 8 bytes), then the payload.
std::string ipv4Bytes(const Packet& p);

// The Internet checksum (RFC 1071) of `data`, continuing from a partial sum (for pseudo headers).
std::uint16_t internetChecksum(const std::string& data, std::uint32_t partial = 0);

// A whole pcap file: global header and one record per packet. Timestamps are the simulated wall
// clock: startEpochSeconds plus each packet's simulated time.
std::string pcapFile(const std::vector<CapturedPacket>& packets, std::int64_t startEpochSeconds);

} // namespace kns::net
