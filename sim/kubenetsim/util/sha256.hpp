#pragma once
// SHA-256 (FIPS 180-4) and RFC 4648 base32, as kube-proxy uses them to name its chains.
#include <array>
#include <cstdint>
#include <string>

namespace kns {

std::array<std::uint8_t, 32> sha256(const std::string& data);
// Standard alphabet A-Z2-7 with '=' padding.
std::string base32(const std::uint8_t* data, std::size_t size);

} // namespace kns
