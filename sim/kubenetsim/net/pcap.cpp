#include <kubenetsim/net/pcap.hpp>

namespace kns::net {

namespace {

void put8(std::string& b, unsigned v) { b += static_cast<char>(v & 0xFFu); }
void put16be(std::string& b, unsigned v) {
    put8(b, v >> 8);
    put8(b, v);
}
void put32be(std::string& b, std::uint32_t v) {
    put16be(b, v >> 16);
    put16be(b, v & 0xFFFFu);
}
void put16le(std::string& b, unsigned v) {
    put8(b, v);
    put8(b, v >> 8);
}
void put32le(std::string& b, std::uint32_t v) {
    put16le(b, v & 0xFFFFu);
    put16le(b, v >> 16);
}
void set16be(std::string& b, std::size_t at, unsigned v) {
    b[at] = static_cast<char>((v >> 8) & 0xFFu);
    b[at + 1] = static_cast<char>(v & 0xFFu);
}

constexpr unsigned kProtoIcmp = 1, kProtoTcp = 6, kProtoUdp = 17;

unsigned protoNumber(const std::string& proto) {
    if (proto == "udp") return kProtoUdp;
    if (proto == "icmp") return kProtoIcmp;
    return kProtoTcp;
}

// The 20-byte IPv4 header for a payload of `inner` bytes, checksum filled in.
std::string ipHeader(const Packet& p, Ipv4 src, Ipv4 dst, unsigned proto, std::size_t inner) {
    std::string h;
    put8(h, 0x45);  // version 4, 5 words of header
    put8(h, 0);     // DSCP/ECN
    put16be(h, static_cast<unsigned>(20 + inner));
    put16be(h, static_cast<unsigned>(p.id & 0xFFFFu));
    put16be(h, proto == kProtoTcp ? 0x4000u : 0u);  // Linux sets DF on TCP (path MTU discovery)
    put8(h, static_cast<unsigned>(p.ttl));
    put8(h, proto);
    put16be(h, 0);
    put32be(h, src.value);
    put32be(h, dst.value);
    set16be(h, 10, internetChecksum(h));
    return h;
}

// The partial sum of the TCP/UDP pseudo header (source, destination, protocol, length).
std::uint32_t pseudoHeaderSum(Ipv4 src, Ipv4 dst, unsigned proto, std::size_t length) {
    return (src.value >> 16) + (src.value & 0xFFFFu) + (dst.value >> 16) + (dst.value & 0xFFFFu) + proto + static_cast<std::uint32_t>(length);
}

std::string tcpSegment(const Packet& p) {
    std::string t;
    put16be(t, p.sport);
    put16be(t, p.dport);
    put32be(t, p.seq);
    put32be(t, p.ack ? p.ackNo : 0);
    put8(t, 5 << 4);  // data offset: 5 words, no options
    unsigned flags = 0;
    if (p.fin) flags |= 0x01;
    if (p.syn) flags |= 0x02;
    if (p.rst) flags |= 0x04;
    if (!p.payload.empty()) flags |= 0x08;  // PSH with data, as Linux sends it
    if (p.ack) flags |= 0x10;
    put8(t, flags);
    put16be(t, 64240);  // window
    put16be(t, 0);      // checksum, below
    put16be(t, 0);      // urgent pointer
    t += p.payload;
    set16be(t, 16, internetChecksum(t, pseudoHeaderSum(p.src, p.dst, kProtoTcp, t.size())));
    return t;
}

std::string udpDatagram(const Packet& p) {
    std::string u;
    put16be(u, p.sport);
    put16be(u, p.dport);
    put16be(u, static_cast<unsigned>(8 + p.payload.size()));
    put16be(u, 0);
    u += p.payload;
    std::uint16_t sum = internetChecksum(u, pseudoHeaderSum(p.src, p.dst, kProtoUdp, u.size()));
    set16be(u, 6, sum == 0 ? 0xFFFFu : sum);  // 0 means "no checksum" in UDP
    return u;
}

// ICMP: echo request/reply carry the packet's identifier and sequence; the errors quote the
// offending packet's IP header and first 8 bytes, rebuilt from Packet::inner (the packet as the
// sender of the error saw it), or from this packet reversed when the error names none.
std::string icmpMessage(const Packet& p) {
    unsigned type = 8, code = 0;
    bool error = false;
    if (p.icmpType == "echo-reply") type = 0;
    else if (p.icmpType == "port-unreachable" || p.icmpType == "icmp-port-unreachable") type = 3, code = 3, error = true;
    else if (p.icmpType == "host-unreachable" || p.icmpType == "icmp-host-unreachable") type = 3, code = 1, error = true;
    else if (p.icmpType == "net-unreachable" || p.icmpType == "icmp-net-unreachable") type = 3, code = 0, error = true;
    else if (p.icmpType == "admin-prohibited" || p.icmpType == "icmp-admin-prohibited") type = 3, code = 13, error = true;
    std::string m;
    put8(m, type);
    put8(m, code);
    put16be(m, 0);
    if (error) {
        put32be(m, 0);  // unused
        const Tuple t = p.inner ? *p.inner : Tuple{"udp", p.dst, p.src, p.sport, p.dport};
        Packet original;
        original.id = p.id;
        original.proto = t.proto == "tcp" ? "tcp" : "udp";
        original.src = t.src;
        original.dst = t.dst;
        original.sport = t.sport;
        original.dport = t.dport;
        original.syn = original.proto == "tcp";
        const std::string inner = original.proto == "tcp" ? tcpSegment(original) : udpDatagram(original);
        m += ipHeader(original, original.src, original.dst, protoNumber(original.proto), inner.size()) + inner.substr(0, 8);
    } else {
        put16be(m, p.icmpId);
        put16be(m, p.icmpSeq);
        m += p.payload;
    }
    set16be(m, 2, internetChecksum(m));
    return m;
}

} // namespace

std::uint16_t internetChecksum(const std::string& data, std::uint32_t partial) {
    std::uint64_t sum = partial;
    for (std::size_t i = 0; i + 1 < data.size(); i += 2)
        sum += (static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 8) | static_cast<unsigned char>(data[i + 1]);
    if (data.size() % 2) sum += static_cast<std::uint32_t>(static_cast<unsigned char>(data.back())) << 8;
    while (sum >> 16) sum = (sum & 0xFFFFu) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFFu);
}

std::string ipv4Bytes(const Packet& p) {
    const unsigned proto = protoNumber(p.proto);
    const std::string inner = proto == kProtoTcp ? tcpSegment(p) : proto == kProtoUdp ? udpDatagram(p) : icmpMessage(p);
    return ipHeader(p, p.src, p.dst, proto, inner.size()) + inner;
}

std::string pcapFile(const std::vector<CapturedPacket>& packets, std::int64_t startEpochSeconds) {
    std::string f;
    // Global header, little-endian: readers tell the byte order from the magic.
    put32le(f, kPcapMagic);
    put16le(f, 2);
    put16le(f, 4);
    put32le(f, 0);       // thiszone: timestamps are UTC
    put32le(f, 0);       // sigfigs
    put32le(f, 262144);  // snaplen
    put32le(f, kLinktypeRaw);
    for (const CapturedPacket& c : packets) {
        const std::string bytes = ipv4Bytes(c.packet);
        const std::int64_t ns = c.at.nanos();
        put32le(f, static_cast<std::uint32_t>(startEpochSeconds + ns / 1'000'000'000));
        put32le(f, static_cast<std::uint32_t>(ns % 1'000'000'000 / 1000));
        put32le(f, static_cast<std::uint32_t>(bytes.size()));
        put32le(f, static_cast<std::uint32_t>(bytes.size()));
        f += bytes;
    }
    return f;
}

} // namespace kns::net
