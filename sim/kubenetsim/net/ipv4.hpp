#pragma once
// IPv4 addresses and prefixes as host-order integers, with parsing that reports failure instead of
// guessing. Shared by address management (cluster/) and the data plane (net/, netfilter/).
#include <cstdint>
#include <optional>
#include <string>

namespace kns {

struct Ipv4 {
    std::uint32_t value = 0;
    static std::optional<Ipv4> parse(const std::string& text);
    std::string str() const;
    friend auto operator<=>(const Ipv4&, const Ipv4&) = default;
};

struct Cidr {
    Ipv4 base;
    int prefix = 32;
    // "10.244.0.0/16", or a bare address meaning /32.
    static std::optional<Cidr> parse(const std::string& text);
    std::uint32_t mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
    bool contains(Ipv4 ip) const { return (ip.value & mask()) == (base.value & mask()); }
    std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
    Ipv4 at(std::uint64_t offset) const { return Ipv4{(base.value & mask()) + static_cast<std::uint32_t>(offset)}; }
    std::string str() const;
    friend bool operator==(const Cidr&, const Cidr&) = default;
};

} // namespace kns
