#include <doctest/doctest.h>

#include <ui/model/packet_headers.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

net::Packet packet(const char* src, const char* dst) {
    net::Packet p;
    p.src = *Ipv4::parse(src);
    p.dst = *Ipv4::parse(dst);
    return p;
}

} // namespace

TEST_CASE("a TCP packet shows its IPv4 and TCP headers, the skb mark when set, and the payload's first line") {
    net::Packet p = packet("10.0.2.15", "172.30.228.255");
    p.sport = 51223;
    p.dport = 80;
    p.syn = true;
    p.seq = 1000;
    auto lines = headerLines(p);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "IPv4  10.0.2.15 -> 172.30.228.255  ttl 64  length 60  protocol tcp");
    CHECK(lines[1] == "TCP   51223 -> 80  [SYN]  seq 1000  ack 0");
    p.syn = false;
    p.ack = true;
    p.ackNo = 5001;
    p.mark = 0x4000;
    p.payload = "GET /info HTTP/1.1\r\nHost: 172.30.228.255\r\n\r\n";
    lines = headerLines(p);
    REQUIRE(lines.size() == 4);
    CHECK(lines[1] == "TCP   51223 -> 80  [ACK]  seq 1000  ack 5001");
    CHECK(lines[2] == "mark  0x4000");
    CHECK(lines[3] == "payload  GET /info HTTP/1.1");
    p.payload = std::string(100, 'x');
    CHECK(headerLines(p).back() == "payload  " + std::string(60, 'x') + "...");
}

TEST_CASE("UDP and ICMP packets show their own headers") {
    net::Packet dns = packet("172.17.0.5", "172.30.0.1");
    dns.proto = "udp";
    dns.sport = 40000;
    dns.dport = 53;
    CHECK(headerLines(dns).at(1) == "UDP   40000 -> 53");
    net::Packet ping = packet("10.0.2.15", "172.17.0.3");
    ping.proto = "icmp";
    ping.icmpType = "echo-request";
    ping.icmpId = 7;
    ping.icmpSeq = 2;
    CHECK(headerLines(ping).at(1) == "ICMP  echo-request  id 7  seq 2");
    net::Packet refused = packet("10.0.2.15", "10.0.2.15");
    refused.proto = "icmp";
    refused.icmpType = "port-unreachable";
    refused.inner = net::Tuple{"tcp", *Ipv4::parse("10.0.2.15"), *Ipv4::parse("172.30.0.9"), 40001, 80};
    CHECK(headerLines(refused).at(1) == "ICMP  port-unreachable  about 10.0.2.15:40001 -> 172.30.0.9:80 tcp");
}
