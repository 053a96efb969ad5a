#include <kubenetsim/proxy/chain_names.hpp>

#include <kubenetsim/util/sha256.hpp>

namespace kns::proxy {

namespace {
std::string hash16(const std::string& input) {
    // The first 16 base32 characters encode exactly the digest's first 10 bytes (5 bytes to 8
    // characters, group by group), so only those are encoded.
    auto digest = sha256(input);
    return base32(digest.data(), 10);
}
} // namespace

std::string servicePortName(Era era, const std::string& ns, const std::string& service, const std::string& portName) {
    std::string s = ns + "/" + service;
    if (era == Era::Legacy || !portName.empty()) s += ":" + portName;
    return s;
}

std::string lowerProtocol(const std::string& protocol) {
    std::string out = protocol;
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string portProtoHash(const std::string& servicePortName, const std::string& protocol) {
    return hash16(servicePortName + lowerProtocol(protocol));
}

std::string serviceChain(const std::string& servicePortName, const std::string& protocol) {
    return "KUBE-SVC-" + portProtoHash(servicePortName, protocol);
}

std::string endpointChain(const std::string& servicePortName, const std::string& protocol, const std::string& endpoint) {
    return "KUBE-SEP-" + hash16(servicePortName + lowerProtocol(protocol) + endpoint);
}

} // namespace kns::proxy
