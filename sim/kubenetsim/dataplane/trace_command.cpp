#include <kubenetsim/dataplane/trace_command.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/conntrack_expiry.hpp>
#include <kubenetsim/dataplane/dns_message.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/external_host.hpp>

namespace kns::dataplane {

namespace {

using shell::CommandResult;

const char* kUsage = "Usage: trace [--from NODE|POD|IP] [--via NODE] --to IP:PORT [--proto tcp|udp] [--all] [--json]\n";

CommandResult usage(const std::string& message) { return CommandResult{"", "trace: " + message + "\n" + kUsage, 2}; }

bool isNode(const Simulation& sim, const std::string& name) {
    for (const auto& n : sim.config().nodes)
        if (n.name == name) return true;
    return false;
}

const Pod* findPod(const Simulation& sim, const std::string& word) {
    const auto& pods = sim.objects().pods;
    auto it = pods.find(word.find('/') == std::string::npos ? "default/" + word : word);
    if (it != pods.end()) return &it->second;
    for (const auto& [key, pod] : pods)  // by IP
        if (!pod.status.podIP.empty() && pod.status.podIP == word && !pod.spec.hostNetwork) return &pod;
    return nullptr;
}

// The node whose namespace owns the address, if any.
std::string nodeWithAddress(const Simulation& sim, Ipv4 ip) {
    for (const auto& n : sim.config().nodes) {
        auto it = sim.state().dataPlane.namespaces.find(nodeNamespaceKey(n.name));
        if (it != sim.state().dataPlane.namespaces.end() && it->second.isLocal(ip)) return n.name;
    }
    return {};
}

// The node interface a packet from `src` comes in by: the veth whose peer is the pod's
// namespace (its bridge when it is a bridge port), else where the node routes `src` to.
std::string ingressFor(const net::NetNamespace& node, const std::string& podNs, Ipv4 src) {
    for (const auto& i : node.interfaces)
        if (!podNs.empty() && i.peerNamespace == podNs) return i.master.empty() ? i.name : i.master;
    if (auto d = node.routes.lookup(src, node.interfaces)) return d->route->dev;
    return "eth0";
}

std::string errorText(Exchange::Error e, bool udp) {
    switch (e) {
    case Exchange::Error::None: return udp ? "no answer (a UDP server that ignores the datagram, or a drop on the way)" : "no answer";
    case Exchange::Error::Refused: return udp ? "refused: ICMP port unreachable came back" : "connection refused (RST or ICMP port unreachable came back)";
    case Exchange::Error::ConnectTimeout:
    case Exchange::Error::ConnectDeadline:
    case Exchange::Error::KernelTimeout: return "no answer: the SYN timed out";
    case Exchange::Error::TransferTimeout: return "timed out";
    case Exchange::Error::Reset: return "connection reset";
    case Exchange::Error::NoRoute: return "no route to host";
    }
    return "no answer";
}

// One TCP handshake (or one UDP datagram) over the fabric with hop recording: every namespace
// the first packet and its answer crossed, each hop's stack steps and what the wire did next.
// The fabric captures every frame on its wires for `export pcap`.
void sendOverFabric(Simulation& sim, const std::string& startNs, const net::Packet& packet, TraceReport& report) {
    const bool udp = packet.proto == "udp";
    const ConnectionTrace ct = udp ? traceDatagram(sim, startNs, packet.dst, packet.dport, packet.payload, SimTime::s(1))
                                   : traceConnection(sim, startNs, packet.dst, packet.dport, SimTime::s(1));
    for (const HopRecord& h : ct.hops) {
        TraceHop hop{h.ns, h.result.steps, h.inIface};
        if (!h.note.empty()) hop.steps.push_back(net::StackStep{"wire", h.note});
        report.hops.push_back(std::move(hop));
    }
    if (!ct.hops.empty()) report.packet = ct.hops.front().before;
    if (udp) report.result = ct.connected ? "answered: a datagram came back" : errorText(ct.error, true);
    else report.result = ct.connected ? "connected: the handshake completed (trace then reset the connection)" : errorText(ct.error, false);
}

} // namespace

bool resolveTraceSource(const Simulation& sim, const std::string& host, const std::string& from, const std::string& via, TraceSource& out,
                        std::string& error) {
    const auto& namespaces = sim.state().dataPlane.namespaces;
    if (!via.empty() && !isNode(sim, via)) {
        error = "--via: no node named \"" + via + "\"";
        return false;
    }
    std::string node = from.empty() ? host : from;
    auto ip = Ipv4::parse(from);
    if (ip && !nodeWithAddress(sim, *ip).empty()) {  // a node's own address: sent from that node
        node = nodeWithAddress(sim, *ip);
        out.address = *ip;
    }
    if (isNode(sim, node)) {
        if (!via.empty()) {
            error = "--via is for a source outside the cluster; \"" + node + "\" is a node";
            return false;
        }
        out.origin = "node " + node;
        out.nsKey = nodeNamespaceKey(node);
        out.startNs = out.nsKey;
        out.local = true;
        if (!namespaces.count(out.nsKey)) {
            error = "node \"" + node + "\" has no network namespace yet";
            return false;
        }
        return true;
    }
    if (const Pod* pod = findPod(sim, from)) {
        auto podIp = Ipv4::parse(pod->status.podIP);
        if (!podIp || pod->spec.nodeName.empty()) {
            error = "--from: pod \"" + pod->meta.ns + "/" + pod->meta.name + "\" has no IP address yet";
            return false;
        }
        if (!via.empty()) {
            error = "--via is for a source outside the cluster; \"" + from + "\" is a pod";
            return false;
        }
        auto it = namespaces.find(nodeNamespaceKey(pod->spec.nodeName));
        if (it == namespaces.end()) {
            error = "node \"" + pod->spec.nodeName + "\" of pod \"" + from + "\" has no network namespace";
            return false;
        }
        out.origin = "pod " + pod->meta.ns + "/" + pod->meta.name + " (" + podIp->str() + " on node " + pod->spec.nodeName + ")";
        out.nsKey = it->first;
        const std::string podNs = podNamespaceKey(pod->meta.ns + "/" + pod->meta.name);
        if (namespaces.count(podNs)) out.startNs = podNs;
        out.local = false;
        out.address = *podIp;
        out.inIface = ingressFor(it->second, podNamespaceKey(pod->meta.ns + "/" + pod->meta.name), *podIp);
        return true;
    }
    if (!ip) {
        error = "--from: \"" + from + "\" is neither a node, a pod nor an IPv4 address";
        return false;
    }
    if (via.empty()) {
        error = "--from " + from + " is outside the cluster: name the node it enters through with --via NODE";
        return false;
    }
    const auto& ns = namespaces.at(nodeNamespaceKey(via));
    out.origin = from + " via node " + via;
    out.nsKey = nodeNamespaceKey(via);
    out.local = false;
    out.outside = true;
    out.address = *ip;
    out.inIface = ingressFor(ns, "", *ip);
    return true;
}

TraceReport traceFirstPacket(Simulation& sim, const TraceSource& source, net::Packet packet, bool all) {
    net::NetNamespace& ns = sim.state().dataPlane.namespaces.at(source.nsKey);
    TraceReport report;
    report.origin = source.origin;
    packet.src = source.address;
    // The source address a socket gets, as sendFromHost would choose it, so that the outcomes
    // and the sent packet start alike.
    if (source.local && packet.src.value == 0)
        if (auto d = ns.routes.lookup(packet.dst, ns.interfaces))
            packet.src = ns.isLocal(packet.dst) && (packet.dst.value >> 24) != 127 ? packet.dst : d->source;
    report.packet = packet;
    if (all) {
        report.all = true;
        report.outcomesNs = source.nsKey;
        report.outcomes = source.local ? net::enumerateSendOutcomes(ns, packet, sim.now())
                                       : net::enumerateReceiveOutcomes(ns, packet, source.inIface, sim.now());
    }
    if (!source.startNs.empty()) {
        sendOverFabric(sim, source.startNs, packet, report);
        return report;
    }
    if (source.outside) {
        const std::string host = attachExternalHost(sim, source.nsKey, source.inIface, source.address);
        if (!host.empty()) {
            sendOverFabric(sim, host, packet, report);
            detachExternalHost(sim, host);
            return report;
        }
    }
    netfilter::EvalContext ctx;
    ctx.rng = &sim.rng(source.nsKey + "/netfilter");
    ctx.recent = &ns.recent;
    ctx.now = sim.now();
    ctx.isLocal = [&ns](Ipv4 ip) { return ns.isLocal(ip); };
    // What tcpdump on the interfaces would see: the packet as it arrived, and as it left
    // (after NAT), for `export pcap`.
    if (!source.local) recordCapture(sim.state().dataPlane, net::CapturedPacket{sim.now(), source.nsKey, source.inIface, packet});
    net::StackResult r = source.local ? net::sendFromHost(ns, packet, ctx) : net::receive(ns, packet, source.inIface, ctx);
    armConntrackExpiry(sim, source.nsKey);
    if (r.outcome == net::Outcome::Forward)
        recordCapture(sim.state().dataPlane, net::CapturedPacket{sim.now(), source.nsKey, r.egress, packet});
    report.hops.push_back(TraceHop{source.nsKey, r.steps, source.local ? std::string() : source.inIface});
    report.result = r.steps.empty() ? "nothing happened" : r.steps.back().text;
    return report;
}

CommandResult traceCommand(Simulation& sim, const std::string& host, const std::vector<std::string>& argv) {
    std::string from, via, to, proto = "tcp";
    bool all = false, json = false;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= argv.size()) return false;
            into = argv[++i];
            return true;
        };
        if (a == "--from") {
            if (!value(from)) return usage("flag needs an argument: --from");
        } else if (a == "--via") {
            if (!value(via)) return usage("flag needs an argument: --via");
        } else if (a == "--to") {
            if (!value(to)) return usage("flag needs an argument: --to");
        } else if (a == "--proto") {
            if (!value(proto)) return usage("flag needs an argument: --proto");
        } else if (a == "--all") {
            all = true;
        } else if (a == "--json") {
            json = true;
        } else {
            return usage("unknown argument \"" + a + "\"");
        }
    }
    if (to.empty()) return usage("--to IP:PORT is required");
    if (proto != "tcp" && proto != "udp") return usage("--proto: \"" + proto + "\" is not tcp or udp");
    const auto colon = to.rfind(':');
    auto dst = Ipv4::parse(to.substr(0, colon));
    int port = -1;
    if (colon != std::string::npos && colon + 1 < to.size() && to.size() - colon <= 6 &&
        to.find_first_not_of("0123456789", colon + 1) == std::string::npos)
        port = std::stoi(to.substr(colon + 1));
    if (!dst || port < 1 || port > 65535) return usage("--to: \"" + to + "\" is not IP:PORT (e.g. 172.30.228.255:80)");
    TraceSource source;
    std::string error;
    if (!resolveTraceSource(sim, host, from, via, source, error)) return CommandResult{"", "trace: " + error + "\n", 1};
    net::Packet p;
    p.proto = proto;
    p.dst = *dst;
    p.dport = static_cast<std::uint16_t>(port);
    // An ephemeral port from Linux's default range (net.ipv4.ip_local_port_range 32768 60999).
    p.sport = static_cast<std::uint16_t>(32768 + sim.rng(source.nsKey + "/ports").below(60999 - 32768 + 1));
    p.syn = proto == "tcp";
    if (proto == "udp" && port == 53) {  // a DNS port: ask it something it answers, so the answer's way back shows too
        DnsMessage q;
        q.id = static_cast<std::uint16_t>(sim.rng(source.nsKey + "/dns").below(65536));
        q.name = "kubernetes.default.svc.cluster.local";
        p.payload = encodeDns(q);
    }
    p.seq = static_cast<std::uint32_t>(sim.rng(source.nsKey + "/ports").next32());
    TraceReport report = traceFirstPacket(sim, source, p, all);
    return CommandResult{json ? renderTraceJson(report) : renderTraceText(report), "", 0};
}

} // namespace kns::dataplane
