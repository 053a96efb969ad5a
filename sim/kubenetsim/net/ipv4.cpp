#include <kubenetsim/net/ipv4.hpp>

namespace kns {

std::optional<Ipv4> Ipv4::parse(const std::string& text) {
    std::uint32_t v = 0;
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
        std::uint32_t octet = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            octet = octet * 10 + static_cast<std::uint32_t>(text[i] - '0');
            if (++digits > 3 || octet > 255) return std::nullopt;
            ++i;
        }
        v = (v << 8) | octet;
        if (++parts < 4) {
            if (i >= text.size() || text[i] != '.') return std::nullopt;
            ++i;
        }
    }
    if (i != text.size()) return std::nullopt;
    return Ipv4{v};
}

std::string Ipv4::str() const {
    return std::to_string(value >> 24) + "." + std::to_string((value >> 16) & 255) + "." +
           std::to_string((value >> 8) & 255) + "." + std::to_string(value & 255);
}

std::optional<Cidr> Cidr::parse(const std::string& text) {
    auto slash = text.find('/');
    auto ip = Ipv4::parse(text.substr(0, slash));
    if (!ip) return std::nullopt;
    int prefix = 32;
    if (slash != std::string::npos) {
        std::string p = text.substr(slash + 1);
        if (p.empty() || p.size() > 2) return std::nullopt;
        prefix = 0;
        for (char c : p) {
            if (c < '0' || c > '9') return std::nullopt;
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > 32) return std::nullopt;
    }
    return Cidr{*ip, prefix};
}

std::string Cidr::str() const { return base.str() + "/" + std::to_string(prefix); }

} // namespace kns
