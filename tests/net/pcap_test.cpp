#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <kubenetsim/net/pcap.hpp>

using namespace kns;
using namespace kns::net;

namespace {

unsigned u8(const std::string& b, std::size_t i) { return static_cast<unsigned char>(b[i]); }
unsigned be16(const std::string& b, std::size_t i) { return (u8(b, i) << 8) | u8(b, i + 1); }
std::uint32_t be32(const std::string& b, std::size_t i) { return (std::uint32_t{be16(b, i)} << 16) | be16(b, i + 2); }
std::uint32_t le32(const std::string& b, std::size_t i) {
    return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) | (std::uint32_t{u8(b, i + 3)} << 24);
}

Packet syn() {
    Packet p;
    p.id = 0x1c46;
    p.proto = "tcp";
    p.src = *Ipv4::parse("10.0.2.15");
    p.dst = *Ipv4::parse("172.17.0.3");
    p.sport = 40000;
    p.dport = 9876;
    p.syn = true;
    p.seq = 0x01020304;
    return p;
}

// Sums the 16-bit words of a header including its checksum field: all ones when it is right.
std::uint16_t verify(const std::string& data, std::uint32_t partial = 0) { return internetChecksum(data, partial); }

} // namespace

TEST_CASE("the internet checksum is RFC 1071's: the worked example of RFC 1071 and an odd length") {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d.
    CHECK(internetChecksum(std::string("\x00\x01\xf2\x03\xf4\xf5\xf6\xf7", 8)) == 0x220d);
    CHECK(internetChecksum(std::string("\x01", 1)) == static_cast<std::uint16_t>(~0x0100));
}

TEST_CASE("a TCP SYN becomes an IPv4 header and a TCP header with correct fields and checksums") {
    const std::string b = ipv4Bytes(syn());
    REQUIRE(b.size() == 40);
    CHECK(u8(b, 0) == 0x45);
    CHECK(be16(b, 2) == 40);        // total length
    CHECK(be16(b, 4) == 0x1c46);    // identification
    CHECK(be16(b, 6) == 0x4000);    // DF
    CHECK(u8(b, 8) == 64);          // TTL
    CHECK(u8(b, 9) == 6);           // TCP
    CHECK(be32(b, 12) == 0x0a00020f);
    CHECK(be32(b, 16) == 0xac110003);
    CHECK(verify(b.substr(0, 20)) == 0);  // a header with its checksum sums to 0xffff
    CHECK(be16(b, 20) == 40000);
    CHECK(be16(b, 22) == 9876);
    CHECK(be32(b, 24) == 0x01020304);
    CHECK(u8(b, 32) == 0x50);       // data offset 5
    CHECK(u8(b, 33) == 0x02);       // SYN
    const std::string tcp = b.substr(20);
    const std::uint32_t pseudo = 0x0a00 + 0x020f + 0xac11 + 0x0003 + 6 + 20;
    CHECK(verify(tcp, pseudo) == 0);
}

TEST_CASE("UDP, an HTTP payload with PSH and ACK, and an ICMP port unreachable carry valid checksums") {
    Packet u = syn();
    u.proto = "udp";
    u.syn = false;
    u.payload = "abc";
    const std::string ub = ipv4Bytes(u);
    REQUIRE(ub.size() == 20 + 8 + 3);
    CHECK(u8(ub, 9) == 17);
    CHECK(be16(ub, 24) == 11);
    CHECK(verify(ub.substr(20), 0x0a00 + 0x020f + 0xac11 + 0x0003 + 17 + 11) == 0);

    Packet h = syn();
    h.syn = false;
    h.ack = true;
    h.ackNo = 77;
    h.payload = "GET /info HTTP/1.1\r\n\r\n";
    const std::string hb = ipv4Bytes(h);
    CHECK(u8(hb, 33) == 0x18);  // PSH|ACK
    CHECK(be32(hb, 28) == 77);
    CHECK(hb.substr(40) == h.payload);

    Packet i;
    i.proto = "icmp";
    i.icmpType = "port-unreachable";
    i.src = *Ipv4::parse("172.17.0.3");
    i.dst = *Ipv4::parse("10.0.2.15");
    i.inner = Tuple{"udp", *Ipv4::parse("10.0.2.15"), *Ipv4::parse("172.17.0.3"), 40000, 53};
    const std::string ib = ipv4Bytes(i);
    CHECK(u8(ib, 9) == 1);
    CHECK(u8(ib, 20) == 3);
    CHECK(u8(ib, 21) == 3);
    CHECK(verify(ib.substr(20)) == 0);
    REQUIRE(ib.size() == 20 + 8 + 20 + 8);  // the quoted header and 8 bytes of the original
    CHECK(be32(ib, 28 + 12) == 0x0a00020f);  // the quoted packet: from the client ...
    CHECK(u8(ib, 28 + 9) == 17);
    CHECK(be16(ib, 28 + 20) == 40000);
    CHECK(be16(ib, 28 + 22) == 53);          // ... to the closed port
    CHECK(verify(ib.substr(28, 20)) == 0);

    Packet echo;
    echo.proto = "icmp";
    echo.icmpType = "echo-request";
    echo.src = i.dst;
    echo.dst = i.src;
    echo.icmpId = 0x1234;
    echo.icmpSeq = 7;
    echo.payload = "0123456789abcdef";
    const std::string eb = ipv4Bytes(echo);
    CHECK(u8(eb, 20) == 8);
    CHECK(be16(eb, 24) == 0x1234);
    CHECK(be16(eb, 26) == 7);
    CHECK(verify(eb.substr(20)) == 0);
}

TEST_CASE("a pcap file has the classic global header, LINKTYPE_RAW and timestamps from the simulated wall clock") {
    std::vector<CapturedPacket> packets{{SimTime::ms(1500), "node/localhost", "eth0", syn()}};
    const std::string f = pcapFile(packets, 1493128020);
    REQUIRE(f.size() == 24 + 16 + 40);
    CHECK(le32(f, 0) == kPcapMagic);
    CHECK(le32(f, 20) == kLinktypeRaw);
    CHECK(le32(f, 24) == 1493128021u);  // seconds
    CHECK(le32(f, 28) == 500000u);      // microseconds
    CHECK(le32(f, 32) == 40u);
    CHECK(le32(f, 36) == 40u);
}

TEST_CASE("tcpdump decodes the written pcap file when it is installed") {
    if (std::system("command -v tcpdump >/dev/null 2>&1") != 0) {
        MESSAGE("tcpdump is not installed: the decoding check is skipped");
        return;
    }
    Packet ack = syn();
    ack.syn = false;
    ack.ack = true;
    ack.payload = "GET /info HTTP/1.1\r\nHost: 172.30.228.255\r\n\r\n";
    std::vector<CapturedPacket> packets{{SimTime::ms(1), "node/localhost", "eth0", syn()}, {SimTime::ms(2), "node/localhost", "eth0", ack}};
    const std::string path = "kubenetsim-pcap-test.pcap";
    {
        std::ofstream out(path, std::ios::binary);
        const std::string f = pcapFile(packets, 1493128020);
        out.write(f.data(), static_cast<std::streamsize>(f.size()));
    }
    const std::string cmd = "tcpdump -nn -v -r " + path + " 2>&1";
    std::string text;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[512];
        while (std::fgets(buf, sizeof buf, p)) text += buf;
        pclose(p);
    }
    std::remove(path.c_str());
    INFO(text);
    CHECK(text.find("10.0.2.15.40000 > 172.17.0.3.9876: Flags [S]") != std::string::npos);
    CHECK(text.find("Flags [P.]") != std::string::npos);
    CHECK(text.find("bad cksum") == std::string::npos);
    CHECK(text.find("incorrect") == std::string::npos);
}
