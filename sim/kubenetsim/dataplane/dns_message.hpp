#pragma once
// DNS messages in their wire format (RFC 1035), as much of it as a resolver's A query and a
// server's answer need: so that the UDP payloads a capture holds decode in tcpdump and tshark.
// One question per message; answers are A records; names are written without compression
// except the answers' pointer to the question name (as servers write them).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/net/ipv4.hpp>

namespace kns::dataplane {

struct DnsMessage {
    std::uint16_t id = 0;
    bool response = false;
    bool recursionDesired = true;
    bool authoritative = false;
    int rcode = 0;  // 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN
    std::string name;   // the question, without the trailing dot
    std::uint16_t qtype = 1;  // A
    std::vector<Ipv4> answers;  // A records for `name`
    std::uint32_t ttl = 30;     // of every answer (CoreDNS's kubernetes plugin answers with 30 s ...)
};

constexpr int kDnsNoError = 0;
constexpr int kDnsServFail = 2;
constexpr int kDnsNxDomain = 3;

std::string encodeDns(const DnsMessage& m);
// nullopt when the bytes are not a well-formed message with one question.
std::optional<DnsMessage> decodeDns(const std::string& bytes);

} // namespace kns::dataplane
