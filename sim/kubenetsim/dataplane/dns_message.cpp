#include <kubenetsim/dataplane/dns_message.hpp>

namespace kns::dataplane {

namespace {

void put16(std::string& s, unsigned v) {
    s += static_cast<char>((v >> 8) & 0xFF);
    s += static_cast<char>(v & 0xFF);
}

void put32(std::string& s, std::uint32_t v) {
    put16(s, v >> 16);
    put16(s, v & 0xFFFF);
}

unsigned get16(const std::string& s, std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(s[at])) << 8) | static_cast<unsigned char>(s[at + 1]);
}

// "a.b" as length-prefixed labels ending with the root's empty label.
void putName(std::string& s, const std::string& name) {
    std::size_t pos = 0;
    while (pos < name.size()) {
        std::size_t dot = name.find('.', pos);
        if (dot == std::string::npos) dot = name.size();
        const std::size_t len = std::min<std::size_t>(dot - pos, 63);
        s += static_cast<char>(len);
        s += name.substr(pos, len);
        pos = dot + 1;
    }
    s += '\0';
}

// Reads an uncompressed name at `at`; advances `at` past it.
std::optional<std::string> getName(const std::string& s, std::size_t& at) {
    std::string name;
    while (at < s.size()) {
        const auto len = static_cast<unsigned char>(s[at++]);
        if (len == 0) return name;
        if (len > 63 || at + len > s.size()) return std::nullopt;  // a pointer: never in a question here
        if (!name.empty()) name += '.';
        name += s.substr(at, len);
        at += len;
    }
    return std::nullopt;
}

} // namespace

std::string encodeDns(const DnsMessage& m) {
    std::string s;
    put16(s, m.id);
    unsigned flags = 0;
    if (m.response) flags |= 0x8000u | 0x0080u;  // QR, and RA: the cluster DNS recurses
    if (m.authoritative) flags |= 0x0400u;
    if (m.recursionDesired) flags |= 0x0100u;
    flags |= static_cast<unsigned>(m.rcode) & 0xFu;
    put16(s, flags);
    put16(s, 1);  // one question
    put16(s, m.response ? static_cast<unsigned>(m.answers.size()) : 0u);
    put16(s, 0);
    put16(s, 0);
    putName(s, m.name);
    put16(s, m.qtype);
    put16(s, 1);  // class IN
    if (!m.response) return s;
    for (const Ipv4& a : m.answers) {
        put16(s, 0xC00C);  // a pointer to the question's name, right after the 12-byte header
        put16(s, 1);
        put16(s, 1);
        put32(s, m.ttl);
        put16(s, 4);
        put32(s, a.value);
    }
    return s;
}

std::optional<DnsMessage> decodeDns(const std::string& s) {
    if (s.size() < 12) return std::nullopt;
    DnsMessage m;
    m.id = static_cast<std::uint16_t>(get16(s, 0));
    const unsigned flags = get16(s, 2);
    m.response = (flags & 0x8000u) != 0;
    m.authoritative = (flags & 0x0400u) != 0;
    m.recursionDesired = (flags & 0x0100u) != 0;
    m.rcode = static_cast<int>(flags & 0xFu);
    if (get16(s, 4) != 1) return std::nullopt;
    const unsigned answers = get16(s, 6);
    std::size_t at = 12;
    auto name = getName(s, at);
    if (!name || at + 4 > s.size()) return std::nullopt;
    m.name = *name;
    m.qtype = static_cast<std::uint16_t>(get16(s, at));
    at += 4;
    for (unsigned i = 0; i < answers; ++i) {
        if (at + 12 > s.size()) return std::nullopt;
        const unsigned type = get16(s, at + 2);
        m.ttl = (static_cast<std::uint32_t>(get16(s, at + 6)) << 16) | get16(s, at + 8);
        const unsigned length = get16(s, at + 10);
        at += 12;
        if (at + length > s.size()) return std::nullopt;
        if (type == 1 && length == 4) m.answers.push_back(Ipv4{(static_cast<std::uint32_t>(get16(s, at)) << 16) | get16(s, at + 2)});
        at += length;
    }
    return m;
}

} // namespace kns::dataplane
