#pragma once
// kube-proxy's per-service and per-endpoint chain names: the first 16 characters of
// base32(sha256(servicePortName + protocol [+ endpoint])) after a prefix (pkg/proxy/iptables).
//
// servicePortName is "namespace/name" plus the port-name suffix. The suffix is what changed
// between eras: legacy kube-proxy (v1.1 .. v1.18) always appends ":" + portName, so an unnamed
// port gives a trailing colon ("default/simpleservice:"); modern kube-proxy appends ":" + name
// only for named ports ("default/simpleservice").
#include <string>

#include <kubenetsim/core/config.hpp>

namespace kns::proxy {

std::string servicePortName(Era era, const std::string& ns, const std::string& service, const std::string& portName);
// "tcp", "udp", "sctp" from the Service's protocol.
std::string lowerProtocol(const std::string& protocol);
// The 16-character suffix shared by KUBE-SVC-, KUBE-EXT-, KUBE-FW-, KUBE-SVL-, KUBE-XLB- chains.
std::string portProtoHash(const std::string& servicePortName, const std::string& protocol);
std::string serviceChain(const std::string& servicePortName, const std::string& protocol);  // KUBE-SVC-...
// endpoint is "IP:port" (net.JoinHostPort form).
std::string endpointChain(const std::string& servicePortName, const std::string& protocol, const std::string& endpoint);  // KUBE-SEP-...

} // namespace kns::proxy
