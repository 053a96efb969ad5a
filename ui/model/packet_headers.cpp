#include <ui/model/packet_headers.hpp>

#include <cstdio>

namespace kns::ui {

namespace {

constexpr std::size_t kPayloadShown = 60;  // characters of the payload's first line

std::string tcpFlags(const net::Packet& p) {
    std::string flags;
    for (const auto& [on, name] : {std::pair{p.syn, "SYN"}, {p.ack, "ACK"}, {p.fin, "FIN"}, {p.rst, "RST"}})
        if (on) flags += std::string(flags.empty() ? "" : ",") + name;
    return flags.empty() ? std::string() : "  [" + flags + "]";
}

} // namespace

std::vector<std::string> headerLines(const net::Packet& p) {
    std::vector<std::string> lines;
    lines.push_back("IPv4  " + p.src.str() + " -> " + p.dst.str() + "  ttl " + std::to_string(p.ttl) + "  length " +
                    std::to_string(p.length) + "  protocol " + p.proto);
    if (p.proto == "tcp") {
        lines.push_back("TCP   " + std::to_string(p.sport) + " -> " + std::to_string(p.dport) + tcpFlags(p) + "  seq " +
                        std::to_string(p.seq) + "  ack " + std::to_string(p.ackNo));
    } else if (p.proto == "udp") {
        lines.push_back("UDP   " + std::to_string(p.sport) + " -> " + std::to_string(p.dport));
    } else if (p.proto == "icmp") {
        std::string icmp = "ICMP  " + p.icmpType;
        if (p.icmpType == "echo-request" || p.icmpType == "echo-reply")
            icmp += "  id " + std::to_string(p.icmpId) + "  seq " + std::to_string(p.icmpSeq);
        if (p.inner) icmp += "  about " + p.inner->src.str() + ":" + std::to_string(p.inner->sport) + " -> " + p.inner->dst.str() + ":" +
                             std::to_string(p.inner->dport) + " " + p.inner->proto;
        lines.push_back(icmp);
    }
    if (p.mark != 0) {
        char mark[16];
        std::snprintf(mark, sizeof mark, "0x%x", p.mark);
        lines.push_back(std::string("mark  ") + mark);
    }
    if (!p.payload.empty()) {
        std::string first = p.payload.substr(0, p.payload.find_first_of("\r\n"));
        if (first.size() > kPayloadShown) first = first.substr(0, kPayloadShown) + "...";
        lines.push_back("payload  " + first);
    }
    return lines;
}

} // namespace kns::ui
