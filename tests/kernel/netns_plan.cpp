#include "netns_plan.hpp"

#include <set>

namespace kns::kerneltest {

namespace {

using Argv = std::vector<std::string>;

bool isPeerless(const net::Interface& i) { return i.kind != "loopback" && i.kind != "bridge" && i.peerNamespace.empty(); }

// Segment of a peerless interface: its declared one, else its primary subnet.
std::string segmentKey(const net::Interface& i) {
    if (!i.segment.empty()) return "segment " + i.segment;
    if (!i.addresses.empty()) return "subnet " + i.addresses.front().subnet().str();
    return {};
}

class Planner {
public:
    Planner(const DataPlaneState& state, const std::string& prefix) : m_state(state), m_prefix(prefix) {}

    NetnsPlan run() {
        nameNamespaces();
        findSegments();
        for (const auto& k : m_plan.namespaces) add({"ip", "netns", "add", k});
        for (const auto& [key, ns] : m_state.namespaces) setSysctls(ns);
        if (!m_switchPorts.empty())
            add({"ip", "netns", "exec", switchName(), "sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0",
                 "net.ipv4.igmp_link_local_mcast_reports=0"});
        for (const auto& [key, ns] : m_state.namespaces) createLinks(ns);
        buildSwitch();
        for (const auto& [key, ns] : m_state.namespaces) configureLinks(ns);
        for (bool gateways : {false, true})
            for (const auto& [key, ns] : m_state.namespaces) addRoutes(ns, gateways);
        return std::move(m_plan);
    }

private:
    void add(Argv argv) { m_plan.commands.push_back(std::move(argv)); }
    std::string switchName() const { return m_prefix + "-sw"; }
    const std::string& kernel(const std::string& key) const { return m_plan.kernelNames.at(key); }

    void nameNamespaces() {
        int nodes = 0, pods = 0, other = 0;
        for (const auto& [key, ns] : m_state.namespaces) {
            std::string k;
            if (key.rfind("node/", 0) == 0) k = m_prefix + "-n" + std::to_string(nodes++);
            else if (key.rfind("pod/", 0) == 0) k = m_prefix + "-p" + std::to_string(pods++);
            else k = m_prefix + "-x" + std::to_string(other++);
            m_plan.kernelNames[key] = k;
            m_plan.namespaces.push_back(k);
        }
    }

    // Every peerless interface gets a port in the switch namespace; the ports of interfaces that
    // share a segment with another namespace join one bridge there.
    void findSegments() {
        std::map<std::string, std::vector<std::pair<std::string, std::string>>> members;
        for (const auto& [key, ns] : m_state.namespaces)
            for (const auto& i : ns.interfaces)
                if (isPeerless(i)) {
                    m_switchPorts[{key, i.name}] = {"s" + std::to_string(m_switchPorts.size()), ""};
                    if (std::string s = segmentKey(i); !s.empty()) members[s].push_back({key, i.name});
                }
        int bridge = 0;
        for (const auto& [segment, list] : members) {
            std::set<std::string> owners;
            for (const auto& m : list) owners.insert(m.first);
            if (owners.size() < 2) continue;
            const std::string br = "sw" + std::to_string(bridge++);
            m_switchBridges.push_back(br);
            for (const auto& m : list) m_switchPorts[m].second = br;
        }
        if (!m_switchPorts.empty()) m_plan.namespaces.push_back(switchName());
    }

    void setSysctls(const net::NetNamespace& ns) {
        auto flag = [](bool on) { return on ? "1" : "0"; };
        add({"ip", "netns", "exec", kernel(ns.name), "sysctl", "-q", "-w",
             "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0", "net.ipv4.igmp_link_local_mcast_reports=0",
             std::string("net.ipv4.ip_forward=") + flag(ns.ipForward),
             std::string("net.ipv4.conf.all.route_localnet=") + flag(ns.routeLocalnet),
             std::string("net.bridge.bridge-nf-call-iptables=") + flag(ns.bridgeNfCallIptables)});
    }

    void createLinks(const net::NetNamespace& ns) {
        const std::string& k = kernel(ns.name);
        for (const auto& i : ns.interfaces) {
            if (i.kind == "loopback") continue;
            if (i.kind == "bridge") {
                add({"ip", "-n", k, "link", "add", i.name, "type", "bridge"});
            } else if (!i.peerNamespace.empty()) {
                auto peer = m_plan.kernelNames.find(i.peerNamespace);
                if (peer == m_plan.kernelNames.end()) {
                    m_plan.errors.push_back(ns.name + " " + i.name + ": peer namespace " + i.peerNamespace + " is not in the state");
                    continue;
                }
                const auto self = std::make_pair(ns.name, i.name);
                if (m_madePairs.count(self)) continue;
                m_madePairs.insert(self);
                m_madePairs.insert({i.peerNamespace, i.peerInterface});
                add({"ip", "-n", k, "link", "add", i.name, "type", "veth", "peer", "name", i.peerInterface, "netns", peer->second});
            } else {
                const auto& port = m_switchPorts.at({ns.name, i.name});
                add({"ip", "-n", k, "link", "add", i.name, "type", "veth", "peer", "name", port.first, "netns", switchName()});
            }
        }
    }

    void buildSwitch() {
        for (const auto& br : m_switchBridges) {
            add({"ip", "-n", switchName(), "link", "add", br, "type", "bridge"});
            add({"ip", "-n", switchName(), "link", "set", br, "up"});
        }
        for (const auto& [member, port] : m_switchPorts) {
            if (!port.second.empty()) add({"ip", "-n", switchName(), "link", "set", port.first, "master", port.second});
            add({"ip", "-n", switchName(), "link", "set", port.first, "up"});
        }
        addAbsentGateways();
    }

    // The gateways the state's routes lead to that no simulated namespace owns (the VM's NAT
    // router 10.0.2.2, the docker network's 172.18.0.1): the simulation sends to them as to
    // neighbours that exist, and what it sends them leaves the simulated network. The switch
    // answers for them on the segment (its bridge, or the lone port), so the kernel's neighbour
    // resolution succeeds too; with forwarding off in the switch namespace, what is sent to them
    // ends there. Without them, a forwarded packet to the outside would make the node's kernel
    // give up on ARP after 3 s and answer with ICMP host unreachable (curl: exit 7), where the
    // simulation's packet is simply gone (curl: exit 28).
    void addAbsentGateways() {
        std::set<std::pair<std::string, std::string>> given;
        for (const auto& [key, ns] : m_state.namespaces)
            for (const auto& r : ns.routes.routes()) {
                const net::Interface* iface = r.via ? ns.findInterface(r.dev) : nullptr;
                if (!iface || !isPeerless(*iface) || owned(*r.via)) continue;
                const auto& port = m_switchPorts.at({key, r.dev});
                const std::string dev = port.second.empty() ? port.first : port.second;
                int prefix = 32;
                for (const auto& a : iface->addresses)
                    if (a.subnet().contains(*r.via)) prefix = a.prefix;
                if (given.insert({dev, r.via->str()}).second)
                    add({"ip", "-n", switchName(), "addr", "add", r.via->str() + "/" + std::to_string(prefix), "dev", dev, "noprefixroute"});
            }
    }

    bool owned(Ipv4 ip) const {
        for (const auto& [key, ns] : m_state.namespaces)
            if (ns.isLocal(ip)) return true;
        return false;
    }

    void configureLinks(const net::NetNamespace& ns) {
        const std::string& k = kernel(ns.name);
        for (const auto& i : ns.interfaces) {
            const bool loopback = i.kind == "loopback";
            if (!loopback && i.mtu != 1500) add({"ip", "-n", k, "link", "set", i.name, "mtu", std::to_string(i.mtu)});
            if (!i.master.empty()) {
                add({"ip", "-n", k, "link", "set", i.name, "master", i.master});
                add({"ip", "-n", k, "link", "set", i.name, "type", "bridge_slave", "hairpin", i.hairpin ? "on" : "off"});
            }
            for (const auto& a : i.addresses) {
                const std::string text = a.address.str() + "/" + std::to_string(a.prefix);
                if (loopback && text == "127.0.0.1/8") continue;  // the kernel gives lo this one itself
                add({"ip", "-n", k, "addr", "add", text, "dev", i.name, "noprefixroute"});
            }
            if (i.up) add({"ip", "-n", k, "link", "set", i.name, "up"});
        }
    }

    void addRoutes(const net::NetNamespace& ns, bool gateways) {
        for (const auto& r : ns.routes.routes()) {
            if (r.via.has_value() != gateways) continue;
            Argv a{"ip", "-n", kernel(ns.name), "route", "add", r.destination.str()};
            if (r.via) a.insert(a.end(), {"via", r.via->str()});
            a.insert(a.end(), {"dev", r.dev});
            if (r.src) a.insert(a.end(), {"src", r.src->str()});
            if (r.metric) a.insert(a.end(), {"metric", std::to_string(r.metric)});
            if (!r.proto.empty()) a.insert(a.end(), {"proto", r.proto});
            if (!r.scope.empty()) a.insert(a.end(), {"scope", r.scope});
            add(std::move(a));
        }
    }

    const DataPlaneState& m_state;
    std::string m_prefix;
    NetnsPlan m_plan;
    std::set<std::pair<std::string, std::string>> m_madePairs;
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> m_switchPorts;  // (ns, if) -> (port, bridge)
    std::vector<std::string> m_switchBridges;
};

} // namespace

NetnsPlan planNetwork(const DataPlaneState& state, const std::string& prefix) { return Planner(state, prefix).run(); }

} // namespace kns::kerneltest
