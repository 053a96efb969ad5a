#include <doctest/doctest.h>

#include <kubenetsim/util/sha256.hpp>

#include <cstdio>

namespace {
std::string hex(const std::array<std::uint8_t, 32>& d) {
    std::string s;
    char b[3];
    for (auto v : d) {
        std::snprintf(b, sizeof b, "%02x", v);
        s += b;
    }
    return s;
}
std::string b32(const std::string& s) { return kns::base32(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
} // namespace

TEST_CASE("sha256 gives the FIPS 180-4 digests of the standard test messages") {
    CHECK(hex(kns::sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex(kns::sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(kns::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(hex(kns::sha256(std::string(1000, 'a'))) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("base32 follows RFC 4648 with padding") {
    CHECK(b32("") == "");
    CHECK(b32("f") == "MY======");
    CHECK(b32("fo") == "MZXQ====");
    CHECK(b32("foo") == "MZXW6===");
    CHECK(b32("foob") == "MZXW6YQ=");
    CHECK(b32("fooba") == "MZXW6YTB");
    CHECK(b32("foobar") == "MZXW6YTBOI======");
}
