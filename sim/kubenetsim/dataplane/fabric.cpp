#include <kubenetsim/dataplane/fabric.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/conntrack_expiry.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/servers.hpp>
#include <kubenetsim/dataplane/tcp.hpp>
#include <kubenetsim/dataplane/udp.hpp>

namespace kns::dataplane {

namespace {

// One way across a veth (the nodes' shared segment takes LinkSettings::latency). Short, so that a request and its response take a few milliseconds
// with the applications' own time included.
constexpr SimTime kVethDelay = SimTime::us(20);

net::Interface* findInterface(net::NetNamespace& ns, const std::string& name) { return ns.findInterface(name); }

void note(Simulation& sim, const std::string& text);

void emitHop(Simulation& sim, const std::string& ns, const std::string& what, const net::Packet& p) {
    note(sim, what);
    if (sim.tracing()) sim.emit(TraceKind::PacketHop, "net", ns, what + ": " + net::packetSummary(p));
}

// The node a namespace lives on: "node/NAME" is NAME; a pod's is its node's.
std::string nodeOf(Simulation& sim, const std::string& ns) {
    if (ns.rfind("node/", 0) == 0) return ns.substr(5);
    if (ns.rfind("pod/", 0) == 0)
        if (const Pod* pod = sim.api().getByKey<Pod>(ns.substr(4))) return pod->spec.nodeName;
    return "";
}

// Every frame on a wire passes here: it is captured (export pcap), may be lost as the sending
// node's link settings say (`sim link NODE loss P`), and arrives after the link's delay plus
// its serialisation at the link's bandwidth.
void scheduleArrival(Simulation& sim, InFlightPacket f, SimTime delay) {
    DataPlaneState& dp = sim.state().dataPlane;
    TransportState& t = dp.transport;
    if (!f.loopback) {
        recordCapture(dp, net::CapturedPacket{sim.now(), f.fromNs, f.fromIface, f.packet});
        const LinkSettings link = linkSettings(dp, nodeOf(sim, f.fromNs));
        if (link.loss > 0 && static_cast<double>(sim.rng("net/loss").below(1'000'000)) < link.loss * 1'000'000.0) {
            if (sim.tracing()) sim.emit(TraceKind::PacketHop, "net", f.fromNs, "lost on the link: " + net::packetSummary(f.packet));
            return;
        }
        if (link.bandwidthBitsPerSecond > 0)
            delay += SimTime::ns(static_cast<std::int64_t>(f.packet.length) * 8 * 1'000'000'000 / static_cast<std::int64_t>(link.bandwidthBitsPerSecond));
    }
    const std::uint64_t id = t.nextPacketId++;
    f.sentAt = sim.now();
    t.inFlight[id] = std::move(f);
    sim.schedule(delay, Event{Component::Network, kPacketArrives, "", "", static_cast<std::int64_t>(id), 0});
}

// The bridge port (in namespace `host`) whose far end owns `ip`: the bridge's forwarding
// database, learnt instantly.
std::string bridgePortFor(Simulation& sim, const net::NetNamespace& host, const std::string& bridge, Ipv4 ip) {
    for (const net::Interface& port : host.interfaces) {
        if (port.master != bridge || port.peerNamespace.empty()) continue;
        const net::NetNamespace* far = findNamespace(sim, port.peerNamespace);
        if (!far) continue;
        const net::Interface* end = far->findInterface(port.peerInterface);
        if (!end) continue;
        for (const auto& a : end->addresses)
            if (a.address == ip) return port.name;
    }
    return "";
}

// Puts a frame on the wire of interface `ifname` of namespace `from`, addressed to `nextHop`.
void transmit(Simulation& sim, const std::string& from, const std::string& ifname, Ipv4 nextHop, const net::Packet& p) {
    net::NetNamespace* ns = findNamespace(sim, from);
    net::Interface* iface = ns ? findInterface(*ns, ifname) : nullptr;
    if (!iface || !iface->up) return;
    if (iface->kind == "veth") {
        scheduleArrival(sim, InFlightPacket{p, from, ifname, iface->peerNamespace, iface->peerInterface, nextHop, {}}, kVethDelay);
        return;
    }
    if (iface->kind == "bridge") {
        const std::string port = bridgePortFor(sim, *ns, iface->name, nextHop);
        net::Interface* out = port.empty() ? nullptr : findInterface(*ns, port);
        if (!out) {
            emitHop(sim, from, "no bridge port leads to " + nextHop.str(), p);
            return;
        }
        scheduleArrival(sim, InFlightPacket{p, from, port, out->peerNamespace, out->peerInterface, nextHop, {}}, kVethDelay);
        return;
    }
    if (!iface->segment.empty()) {
        for (auto& [key, other] : sim.state().dataPlane.namespaces) {
            if (key == from) continue;
            for (const net::Interface& i : other.interfaces) {
                if (i.segment != iface->segment || !i.up) continue;
                for (const auto& a : i.addresses)
                    if (a.address == nextHop) {
                        scheduleArrival(sim, InFlightPacket{p, from, ifname, key, i.name, nextHop, {}},
                                        linkSettings(sim.state().dataPlane, nodeOf(sim, from)).latency);
                        return;
                    }
            }
        }
    }
    emitHop(sim, from, "left the simulated network by " + ifname, p);
}

void deliverLocal(Simulation& sim, const std::string& ns, const net::Packet& p) {
    if (p.proto == "tcp") {
        tcpInput(sim, ns, p);
    } else if (p.proto == "udp") {
        udpInput(sim, ns, p);
    } else if (p.proto == "icmp" && p.inner) {
        if (p.inner->proto == "udp") udpIcmpError(sim, ns, p);
        else tcpIcmpError(sim, ns, p);
    } else if (p.proto == "icmp" && p.icmpType == "echo-request") {
        net::Packet reply = p;
        reply.src = p.dst;
        reply.dst = p.src;
        reply.icmpType = "echo-reply";
        reply.ttl = 64;
        sendPacket(sim, ns, reply);
    } else if (p.proto == "icmp" && p.icmpType == "echo-reply") {
        sim.state().dataPlane.transport.echoReplies[{ns, p.icmpId, p.icmpSeq}] = {sim.now(), p.ttl};
    }
}

// An ICMP error or TCP reset answering a packet a REJECT rule refused in `ns`.
void reject(Simulation& sim, const std::string& ns, const net::Packet& refused, const std::string& with, bool local) {
    if (local) {  // the kernel's error reaches the sending socket at once (connect: ECONNREFUSED)
        if (refused.proto == "udp") udpLocalRefusal(sim, ns, refused);
        else tcpLocalRefusal(sim, ns, refused);
        return;
    }
    if (with == "tcp-reset" && refused.proto == "tcp") {  // the same RST a closed port answers with
        tcpResetReply(sim, ns, refused);
        return;
    }
    net::Packet r;
    r.dst = refused.src;  // the source address is routing's choice
    r.proto = "icmp";
    r.icmpType = with.empty() || with == "icmp-port-unreachable" ? "port-unreachable" : with.substr(with.rfind("icmp-") == 0 ? 5 : 0);
    r.inner = refused.tuple();
    r.errorOrigin = ns;
    r.length = 56;
    sendPacket(sim, ns, r);
}

// After every walk through a namespace's stack: the hop for the packet timeline, and the
// conntrack expiry event for the entries the walk created or refreshed.
void record(Simulation& sim, const std::string& ns, const std::string& in, const net::Packet& before, const net::Packet& after,
            const net::StackResult& r) {
    armConntrackExpiry(sim, ns);
    TransportState& t = sim.state().dataPlane.transport;
    if (t.recordHops) t.hops.push_back(HopRecord{sim.now(), ns, in, before, after, r, ""});
}

void note(Simulation& sim, const std::string& text) {
    TransportState& t = sim.state().dataPlane.transport;
    if (t.recordHops && !t.hops.empty()) t.hops.back().note = text;
}

void follow(Simulation& sim, const std::string& ns, const net::Packet& p, const net::StackResult& r, bool local) {
    switch (r.outcome) {
    case net::Outcome::Local:
        if (local) {  // through lo: delivered as its own event, so a socket never answers inside its own send
            InFlightPacket f{p, ns, "lo", ns, "lo", p.dst, {}};
            f.loopback = true;
            scheduleArrival(sim, std::move(f), SimTime::us(5));
        } else {
            deliverLocal(sim, ns, p);
        }
        break;
    case net::Outcome::Forward: {
        net::Packet out = p;
        if (!local && --out.ttl <= 0) {
            emitHop(sim, ns, "TTL exceeded", p);
            break;
        }
        transmit(sim, ns, r.egress, r.nextHop, out);
        break;
    }
    case net::Outcome::Reject:
        emitHop(sim, ns, "rejected", p);
        reject(sim, ns, p, r.rejectWith, local);
        break;
    case net::Outcome::NoRoute:
        emitHop(sim, ns, "no route", p);
        if (local && p.proto == "udp") udpLocalRefusal(sim, ns, p);
        else if (local) tcpLocalRefusal(sim, ns, p);
        break;
    case net::Outcome::Drop:
        emitHop(sim, ns, "dropped", p);
        break;
    }
}

// A frame arriving on bridge port `port` of the node namespace `nodeKey`.
void bridgeInput(Simulation& sim, const std::string& nodeKey, const std::string& port, Ipv4 nextHop, net::Packet p) {
    net::NetNamespace* node = findNamespace(sim, nodeKey);
    net::Interface* in = node ? findInterface(*node, port) : nullptr;
    if (!in) return;
    const std::string bridge = in->master;
    const net::Interface* br = node->findInterface(bridge);
    bool toHost = false;
    if (br)
        for (const auto& a : br->addresses) toHost = toHost || a.address == nextHop;
    auto out = [&](const std::string& dstPort, const net::Packet& frame) {
        net::Interface* o = dstPort.empty() ? nullptr : findInterface(*node, dstPort);
        if (!o) {
            emitHop(sim, nodeKey, "no bridge port leads to the destination", frame);
            return;
        }
        if (dstPort == port && !o->hairpin) {
            emitHop(sim, nodeKey, "dropped by " + bridge + ": port " + port + " is not in hairpin mode", frame);
            return;
        }
        scheduleArrival(sim, InFlightPacket{frame, nodeKey, dstPort, o->peerNamespace, o->peerInterface, frame.dst, {}}, kVethDelay);
    };
    netfilter::EvalContext ctx = evalContext(sim, *node);
    if (!node->bridgeNfCallIptables) {
        if (!toHost) {  // switched between two ports: iptables and conntrack never see it
            net::StackResult switched;
            switched.outcome = net::Outcome::Forward;
            switched.egress = bridge;
            switched.steps.push_back(net::StackStep{"bridge", "switched by " + bridge + " without iptables (bridge-nf-call-iptables=0)"});
            record(sim, nodeKey, port, p, p, switched);
            out(bridgePortFor(sim, *node, bridge, nextHop), p);
            return;
        }
        const net::Packet before = p;
        net::StackResult r = net::receive(*node, p, bridge, ctx);
        record(sim, nodeKey, port, before, p, r);
        follow(sim, nodeKey, p, r, false);
        return;
    }
    net::BridgePorts ports{bridge, port, "", [&](Ipv4 ip) { return bridgePortFor(sim, *node, bridge, ip); }};
    const net::Packet before = p;
    net::StackResult r = net::receive(*node, p, bridge, ctx, &ports);
    record(sim, nodeKey, port, before, p, r);
    if (r.outcome == net::Outcome::Forward && r.egress == bridge) {
        out(bridgePortFor(sim, *node, bridge, r.nextHop), p);
        return;
    }
    follow(sim, nodeKey, p, r, false);
}

void arrive(Simulation& sim, std::uint64_t id) {
    TransportState& t = sim.state().dataPlane.transport;
    auto it = t.inFlight.find(id);
    if (it == t.inFlight.end()) return;
    InFlightPacket f = std::move(it->second);
    t.inFlight.erase(it);
    if (f.loopback) {
        deliverLocal(sim, f.toNs, f.packet);
        return;
    }
    net::NetNamespace* ns = findNamespace(sim, f.toNs);
    net::Interface* in = ns ? findInterface(*ns, f.toIface) : nullptr;
    if (!in || !in->up) return;
    if (!in->master.empty()) {
        bridgeInput(sim, f.toNs, f.toIface, f.nextHop, std::move(f.packet));
        return;
    }
    netfilter::EvalContext ctx = evalContext(sim, *ns);
    const net::Packet before = f.packet;
    net::StackResult r = net::receive(*ns, f.packet, f.toIface, ctx);
    record(sim, f.toNs, f.toIface, before, f.packet, r);
    follow(sim, f.toNs, f.packet, r, false);
}

void handle(Simulation& sim, const Event& e) {
    switch (e.kind) {
    case kPacketArrives: arrive(sim, static_cast<std::uint64_t>(e.arg)); break;
    case kTcpTimer: tcpTimer(sim, static_cast<std::uint64_t>(e.arg), e.arg2); break;
    case kServerReply: serverReply(sim, static_cast<std::uint64_t>(e.arg)); break;
    case kExchangeTimer: exchangeTimer(sim, static_cast<std::uint64_t>(e.arg)); break;
    case kConntrackExpiry: conntrackExpiryDue(sim, e.key); break;
    default: break;
    }
}

} // namespace

net::NetNamespace* findNamespace(Simulation& sim, const std::string& key) {
    auto& all = sim.state().dataPlane.namespaces;
    auto it = all.find(key);
    return it == all.end() ? nullptr : &it->second;
}

net::NetNamespace* findNodeNamespace(Simulation& sim, const std::string& node) { return findNamespace(sim, nodeNamespaceKey(node)); }

netfilter::EvalContext evalContext(Simulation& sim, net::NetNamespace& ns) {
    return netfilter::EvalContext{&sim.rng(ns.name + "/netfilter"), &ns.recent, sim.now(), [&ns](Ipv4 a) { return ns.isLocal(a); }};
}

void registerNetworkHandler(Simulation& sim) { sim.setHandler(Component::Network, handle); }

void sendPacket(Simulation& sim, const std::string& nsKey, net::Packet p) {
    net::NetNamespace* ns = findNamespace(sim, nsKey);
    if (!ns) return;
    netfilter::EvalContext ctx = evalContext(sim, *ns);
    const net::Packet before = p;
    net::StackResult r = net::sendFromHost(*ns, p, ctx);
    record(sim, nsKey, "", before, p, r);
    follow(sim, nsKey, p, r, true);
}

} // namespace kns::dataplane
