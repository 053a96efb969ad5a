#include <kubenetsim/net/netns.hpp>

namespace kns::net {

Interface* NetNamespace::findInterface(const std::string& ifname) {
    for (auto& i : interfaces)
        if (i.name == ifname) return &i;
    return nullptr;
}

const Interface* NetNamespace::findInterface(const std::string& ifname) const {
    return const_cast<NetNamespace*>(this)->findInterface(ifname);
}

const Interface* NetNamespace::interfaceWithAddress(Ipv4 ip) const {
    for (const auto& i : interfaces)
        for (const auto& a : i.addresses)
            if (a.address == ip) return &i;
    return nullptr;
}

bool NetNamespace::isLocal(Ipv4 ip) const {
    if ((ip.value >> 24) == 127) return true;  // the whole loopback range is local
    return interfaceWithAddress(ip) != nullptr;
}

} // namespace kns::net
