#include <kubenetsim/dataplane/ip_command.hpp>

#include <algorithm>
#include <cstdio>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/util/sha256.hpp>

namespace kns::dataplane {

namespace {

using shell::CommandResult;

std::string hex2(unsigned v) {
    char b[4];
    std::snprintf(b, sizeof b, "%02x", v & 0xFFu);
    return b;
}

std::string macText(const std::uint8_t* b) {
    std::string s;
    for (int i = 0; i < 6; ++i) s += (i ? ":" : "") + hex2(b[i]);
    return s;
}

bool isPodNamespace(const std::string& nsKey) { return nsKey.rfind("pod/", 0) == 0; }

// A bridge without ports has no carrier (docker0 before any container starts).
bool hasCarrier(const net::NetNamespace& ns, const net::Interface& iface) {
    if (iface.kind != "bridge") return true;
    return std::any_of(ns.interfaces.begin(), ns.interfaces.end(), [&](const net::Interface& i) { return i.master == iface.name; });
}

const net::NetNamespace* findNamespace(const Simulation& sim, const std::string& key) {
    const auto& all = sim.state().dataPlane.namespaces;
    auto it = all.find(key);
    return it == all.end() ? nullptr : &it->second;
}

// Interface indexes are positions in the namespace's list, from 1 (lo first, as the kernel numbers them).
int ifindexOf(const net::NetNamespace& ns, const std::string& name) {
    for (std::size_t i = 0; i < ns.interfaces.size(); ++i)
        if (ns.interfaces[i].name == name) return static_cast<int>(i + 1);
    return 0;
}

// The netnsid a namespace gives a peer namespace: numbered in the order the peers appear.
int netnsidOf(const net::NetNamespace& ns, const std::string& peerNamespace) {
    std::vector<std::string> seen;
    for (const auto& i : ns.interfaces) {
        if (i.peerNamespace.empty() || i.peerNamespace == ns.name) continue;
        if (std::find(seen.begin(), seen.end(), i.peerNamespace) == seen.end()) seen.push_back(i.peerNamespace);
        if (i.peerNamespace == peerNamespace) break;
    }
    auto it = std::find(seen.begin(), seen.end(), peerNamespace);
    return it == seen.end() ? 0 : static_cast<int>(it - seen.begin());
}

// "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000" and
// its link/ line.
std::string linkLines(const Simulation& sim, const net::NetNamespace& ns, const net::Interface& iface, std::size_t index) {
    std::string name = iface.name;
    std::string linkNetns;
    if (iface.kind == "veth" && !iface.peerInterface.empty()) {
        if (iface.peerNamespace.empty() || iface.peerNamespace == ns.name) {
            name += "@" + iface.peerInterface;
        } else if (const net::NetNamespace* peer = findNamespace(sim, iface.peerNamespace)) {
            name += "@if" + std::to_string(ifindexOf(*peer, iface.peerInterface));
            linkNetns = " link-netnsid " + std::to_string(isPodNamespace(ns.name) ? 0 : netnsidOf(ns, iface.peerNamespace));
        }
    }
    const bool loopback = iface.kind == "loopback";
    const bool carrier = hasCarrier(ns, iface);
    std::string flags, qdisc, state;
    if (loopback) flags = "LOOPBACK";
    else flags = std::string(iface.up && !carrier ? "NO-CARRIER," : "") + "BROADCAST,MULTICAST";
    if (iface.up) flags += carrier ? ",UP,LOWER_UP" : ",UP";
    if (!iface.up) qdisc = "noop";
    else if (iface.kind == "ether" && sim.era() == Era::Legacy && !isPodNamespace(ns.name)) qdisc = "pfifo_fast";  // a VM's NIC
    else qdisc = "noqueue";  // loopback, bridges, veths (a kind node's eth0 is a veth too)
    if (!iface.up) state = "DOWN";
    else if (loopback) state = "UNKNOWN";
    else state = carrier ? "UP" : "DOWN";
    std::string out = std::to_string(index) + ": " + name + ": <" + flags + "> mtu " + std::to_string(loopback ? 65536 : iface.mtu) +
                      " qdisc " + qdisc + (iface.master.empty() ? "" : " master " + iface.master) + " state " + state +
                      " group default qlen 1000\n";
    if (loopback) out += "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
    else out += "    link/ether " + macAddress(sim, ns.name, iface) + " brd ff:ff:ff:ff:ff:ff" + linkNetns + "\n";
    return out;
}

std::string addressLines(const Simulation& sim, const net::NetNamespace& ns, const net::Interface& iface, bool ipv4Only) {
    std::string out;
    for (std::size_t k = 0; k < iface.addresses.size(); ++k) {
        const auto& a = iface.addresses[k];
        const Cidr subnet = a.subnet();
        out += "    inet " + a.address.str() + "/" + std::to_string(a.prefix);
        if (iface.kind != "loopback" && a.prefix < 31) out += " brd " + Ipv4{subnet.base.value | ~subnet.mask()}.str();
        const bool host = (a.address.value >> 24) == 127;
        out += host ? " scope host" : " scope global";
        // A second address in a subnet the interface already has is "secondary" to the first.
        for (std::size_t j = 0; j < k; ++j)
            if (iface.addresses[j].subnet() == subnet) {
                out += " secondary";
                break;
            }
        out += " " + iface.name + "\n       valid_lft forever preferred_lft forever\n";
    }
    // IPv6 is not modelled. A legacy VM node shows the lines its kernel would have (::1 and the
    // EUI-64 link-local of each interface that is up); containers (pods, kind's nodes) run with
    // IPv6 disabled, as docker starts them, so show none.
    if (ipv4Only || sim.era() != Era::Legacy || isPodNamespace(ns.name) || !iface.up) return out;
    if (iface.kind == "loopback") out += "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
    else out += "    inet6 " + linkLocalFor(macAddress(sim, ns.name, iface)) + " scope link \n       valid_lft forever preferred_lft forever\n";
    return out;
}

CommandResult failure(std::string err, int status) { return CommandResult{"", std::move(err), status}; }

// iproute2 matches an abbreviation against the full word (`ip a`, `ip r s`).
bool abbreviates(const std::string& typed, const std::string& word) { return !typed.empty() && word.compare(0, typed.size(), typed) == 0; }

CommandResult showLinks(const Simulation& sim, const net::NetNamespace& ns, const std::vector<std::string>& args, bool addresses, bool ipv4Only) {
    std::string dev;
    std::size_t i = 0;
    if (i < args.size() && (abbreviates(args[i], "show") || abbreviates(args[i], "list"))) ++i;
    if (i < args.size() && args[i] == "dev") ++i;
    if (i < args.size()) dev = args[i++];
    if (i < args.size()) return failure("Error: either \"dev\" is duplicate, or \"" + args[i] + "\" is a garbage.\n", 1);
    std::string out;
    bool found = dev.empty();
    for (std::size_t k = 0; k < ns.interfaces.size(); ++k) {
        const net::Interface& iface = ns.interfaces[k];
        if (!dev.empty() && iface.name != dev) continue;
        found = true;
        out += linkLines(sim, ns, iface, k + 1);
        if (addresses) out += addressLines(sim, ns, iface, ipv4Only);
    }
    if (!found) return failure("Device \"" + dev + "\" does not exist.\n", 1);
    return CommandResult{out, "", 0};
}

CommandResult routeGet(const net::NetNamespace& ns, const std::vector<std::string>& args) {
    if (args.size() < 2) return failure("need at least a destination address\n", 1);
    auto dst = Ipv4::parse(args[1]);
    if (!dst) return failure("Error: any valid prefix is expected rather than \"" + args[1] + "\".\n", 1);
    if (ns.isLocal(*dst)) return CommandResult{"local " + dst->str() + " dev lo src " + dst->str() + " uid 0 \n    cache <local> \n", "", 0};
    auto d = ns.routes.lookup(*dst, ns.interfaces);
    if (!d) return failure("RTNETLINK answers: Network is unreachable\n", 2);
    std::string out = dst->str();
    if (d->route->via) out += " via " + d->route->via->str();
    out += " dev " + d->route->dev + " src " + d->source.str() + " uid 0 \n    cache \n";
    return CommandResult{out, "", 0};
}

CommandResult routes(const net::NetNamespace& ns, const std::vector<std::string>& args) {
    if (args.empty() || abbreviates(args[0], "show") || abbreviates(args[0], "list")) {
        if (args.size() > 1) return failure("Error: kubenetsim's ip route show takes no selectors.\n", 1);
        return CommandResult{net::formatRoutes(ns.routes), "", 0};
    }
    if (abbreviates(args[0], "get")) return routeGet(ns, args);
    return failure("Command \"" + args[0] + "\" is unknown, try \"ip route help\".\n", 255);
}

const char* kUsage =
    "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
    "where  OBJECT := { address | link | route }\n"
    "       OPTIONS := { -4 }\n";

} // namespace

std::string linkLocalFor(const std::string& mac) {
    unsigned b[6] = {};
    std::sscanf(mac.c_str(), "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]);
    const unsigned groups[4] = {((b[0] ^ 0x02u) << 8) | b[1], (b[2] << 8) | 0xFFu, 0xFE00u | b[3], (b[4] << 8) | b[5]};
    // inet_ntop compresses the longest run of zero groups; fe80:0:0:0 always is that run, and
    // it swallows a leading zero group of the interface identifier.
    std::string out = "fe80:";
    bool leading = true;
    for (unsigned g : groups) {
        if (leading && g == 0) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, ":%x", g);
        out += buf;
        leading = false;
    }
    return out + "/64";
}

std::string macAddress(const Simulation& sim, const std::string& nsKey, const net::Interface& iface) {
    std::uint8_t b[6] = {};
    if (iface.kind == "loopback") return macText(b);
    const bool legacy = sim.era() == Era::Legacy;
    const bool pod = isPodNamespace(nsKey);
    const bool containerEth0 = iface.name == "eth0" && iface.kind != "bridge" && !iface.addresses.empty() && (pod ? legacy : !legacy);
    if (containerEth0) {  // docker: 02:42 and the container's IPv4 address
        const std::uint32_t ip = iface.addresses.front().address.value;
        const std::uint8_t d[6] = {0x02, 0x42, static_cast<std::uint8_t>(ip >> 24), static_cast<std::uint8_t>(ip >> 16),
                                   static_cast<std::uint8_t>(ip >> 8), static_cast<std::uint8_t>(ip)};
        return macText(d);
    }
    const auto h = sha256(nsKey + "/" + iface.name);
    std::copy(h.begin(), h.begin() + 6, b);
    if (legacy && !pod && iface.kind == "ether") {  // VirtualBox's OUI
        b[0] = 0x08, b[1] = 0x00, b[2] = 0x27;
    } else if (iface.kind == "bridge" && iface.name == "docker0") {  // docker gives its bridge 02:42:...
        b[0] = 0x02, b[1] = 0x42;
    } else {
        b[0] = static_cast<std::uint8_t>((b[0] & 0xFEu) | 0x02u);  // unicast, locally administered
    }
    return macText(b);
}

CommandResult ipCommand(const Simulation& sim, const std::string& nsKey, const std::vector<std::string>& argv) {
    const net::NetNamespace* ns = findNamespace(sim, nsKey);
    if (!ns) return failure("ip: no network namespace \"" + nsKey + "\" (the data plane has not built it)\n", 1);
    std::vector<std::string> args(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    bool ipv4Only = false;
    while (!args.empty() && args.front().size() > 1 && args.front()[0] == '-') {
        if (args.front() == "-4") ipv4Only = true;
        else return failure("Option \"" + args.front() + "\" is unknown, try \"ip -help\".\n", 255);
        args.erase(args.begin());
    }
    if (args.empty()) return failure(kUsage, 255);
    const std::string object = args.front();
    args.erase(args.begin());
    // iproute2 tries its objects in a fixed order, so `a` is address, `r` route, `l` link.
    if (abbreviates(object, "address")) return showLinks(sim, *ns, args, true, ipv4Only);
    if (abbreviates(object, "route")) return routes(*ns, args);
    if (abbreviates(object, "link")) return showLinks(sim, *ns, args, false, ipv4Only);
    if (object == "help") return failure(kUsage, 255);
    return failure("Object \"" + object + "\" is unknown, try \"ip help\".\n", 1);
}

} // namespace kns::dataplane
