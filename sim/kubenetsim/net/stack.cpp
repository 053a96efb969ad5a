#include <kubenetsim/net/stack.hpp>

namespace kns::net {

using netfilter::Hook;
using netfilter::TableId;
using netfilter::TargetKind;
using netfilter::Verdict;

std::string packetSummary(const Packet& p) {
    std::string s = p.src.str();
    if (p.proto != "icmp") s += ":" + std::to_string(p.sport);
    s += " -> " + p.dst.str();
    if (p.proto != "icmp") s += ":" + std::to_string(p.dport);
    s += " " + p.proto;
    std::string flags;
    if (p.syn) flags += "SYN,";
    if (p.ack) flags += "ACK,";
    if (p.fin) flags += "FIN,";
    if (p.rst) flags += "RST,";
    if (!flags.empty()) s += " [" + flags.substr(0, flags.size() - 1) + "]";
    if (!p.icmpType.empty()) s += " " + p.icmpType;
    if (p.inner) {  // an ICMP error quotes the packet it is about
        const Tuple& t = *p.inner;
        s += " about " + t.src.str() + ":" + std::to_string(t.sport) + " -> " + t.dst.str() + ":" + std::to_string(t.dport) + " " + t.proto;
    }
    return s;
}

namespace {

struct Walk {
    NetNamespace& ns;
    Packet& p;
    netfilter::EvalContext& ctx;
    StackResult& result;
    Lookup conn;
    std::string in;
    std::string out;
    const BridgePorts* bridge = nullptr;
    bool invalid = false;  // conntrack refused to track the packet (ctstate INVALID)

    netfilter::PacketFields fields() const {
        netfilter::PacketFields f;
        f.src = p.src;
        f.dst = p.dst;
        f.proto = p.proto;
        f.sport = p.sport;
        f.dport = p.dport;
        f.in = in;
        f.out = out;
        f.mark = p.mark;
        f.length = p.length;
        std::uint32_t st = 0;
        if (conn.entry) {
            const bool established = conn.direction == Direction::Reply || conn.entry->seenReply;
            st = conn.related ? netfilter::kCtRelated : established ? netfilter::kCtEstablished : netfilter::kCtNew;
            if (conn.entry->dnat) st |= netfilter::kCtDnat;
            if (conn.entry->snat) st |= netfilter::kCtSnat;
        } else {
            st = invalid ? netfilter::kCtInvalid : netfilter::kCtUntracked;
        }
        f.ctState = st;
        if (bridge) {
            f.bridged = true;
            f.physIn = bridge->physIn;
            f.physOut = bridge->physOut;
        }
        return f;
    }

    // Runs one table at one hook. Returns false when the packet is dropped or rejected there.
    bool table(Hook hook, TableId id) {
        netfilter::Table* t = ns.rules.table(id);
        if (!t) return true;
        netfilter::PacketFields f = fields();
        StackStep step;
        step.kind = "hook";
        step.hasHook = true;
        step.hook = hook;
        step.table = id;
        netfilter::TableResult r = netfilter::evaluateHook(*t, hook, f, ctx, &step.trace);
        p.mark = f.mark;
        step.text = std::string(netfilter::tableName(id)) + " " + netfilter::hookName(hook);
        result.steps.push_back(std::move(step));
        if (r.verdict == Verdict::Drop) return fail(Outcome::Drop, std::string("dropped in ") + netfilter::tableName(id) + " " + netfilter::hookName(hook), "");
        if (r.verdict == Verdict::Reject) return fail(Outcome::Reject, std::string("rejected in ") + netfilter::tableName(id) + " " + netfilter::hookName(hook), r.rejectWith);
        if (id == TableId::Nat && r.nat) decideNat(hook, *r.nat);
        return true;
    }

    bool fail(Outcome o, const std::string& why, const std::string& rejectWith) {
        result.outcome = o;
        result.rejectWith = rejectWith;
        result.steps.push_back(StackStep{o == Outcome::Reject ? "reject" : "drop", why});
        if (conn.entry && !conn.entry->confirmed) ns.conntrack.abandon(conn.entry->id);
        conn.entry = nullptr;
        return false;
    }

    // The first packet's NAT decision: store the binding in conntrack (the packet itself is
    // rewritten by applyBinding, like every later packet).
    void decideNat(Hook hook, const netfilter::Target& t) {
        if (!conn.entry) return;
        const bool dstManip = hook == Hook::Prerouting || hook == Hook::Output;
        if (dstManip && t.kind == TargetKind::Dnat) {
            const std::uint16_t port = t.range.hasPorts ? t.range.portLo : p.dport;
            ns.conntrack.bindDestination(conn.entry->id, t.range.hasAddress ? t.range.addrLo : p.dst, port);
        } else if (!dstManip && (t.kind == TargetKind::Masquerade || t.kind == TargetKind::Snat)) {
            Ipv4 addr = p.src;
            if (t.kind == TargetKind::Snat && t.range.hasAddress) addr = t.range.addrLo;
            if (t.kind == TargetKind::Masquerade) {
                const Interface* iface = ns.findInterface(out);
                if (iface && !iface->addresses.empty()) addr = iface->addresses.front().address;
            }
            std::uint16_t port = p.sport;
            if (t.range.hasPorts) port = t.range.portLo;
            if (t.randomFully && ctx.rng) port = static_cast<std::uint16_t>(1024 + ctx.rng->below(65536 - 1024));
            ns.conntrack.bindSource(conn.entry->id, addr, port);
        }
    }

    // nf_nat_packet: translate from the connection's bindings. Replies get the inverse.
    void applyBinding(bool dstManip) {
        if (!conn.entry) return;
        const ConnEntry& e = *conn.entry;
        Packet before = p;
        if (conn.related) {
            translateIcmpError(dstManip);
        } else if (dstManip) {
            if (conn.direction == Direction::Original && e.dnat) { p.dst = e.reply.src; p.dport = e.reply.sport; }
            if (conn.direction == Direction::Reply && e.snat) { p.dst = e.original.src; p.dport = e.original.sport; }
        } else {
            if (conn.direction == Direction::Original && e.snat) { p.src = e.reply.dst; p.sport = e.reply.dport; }
            if (conn.direction == Direction::Reply && e.dnat) { p.src = e.original.dst; p.sport = e.original.dport; }
        }
        if (before.src != p.src || before.dst != p.dst || before.sport != p.sport || before.dport != p.dport || before.inner != p.inner) {
            StackStep s{"nat", std::string(dstManip ? "destination" : "source") + " rewritten: " + packetSummary(before) + "  =>  " + packetSummary(p)};
            s.before = before;
            s.after = p;
            result.steps.push_back(std::move(s));
        }
    }

    // nf_nat_icmp_reply_translation: an ICMP error about a NATed connection is translated at the
    // hooks where a packet of its direction would be, its outer header like such a packet's
    // (addresses only) and the header it quotes the opposite way, since the quoted packet
    // travelled the other way. The client thus sees the error come from the address it sent
    // to, about the packet it sent.
    void translateIcmpError(bool dstManip) {
        const ConnEntry& e = *conn.entry;
        const bool original = conn.direction == Direction::Original;
        // nf_nat_inet_fn's statusbit: which binding this hook undoes or applies for that direction.
        const bool applies = dstManip ? (original ? e.dnat : e.snat) : (original ? e.snat : e.dnat);
        if (!applies || !p.inner) return;
        const Tuple& other = original ? e.reply : e.original;  // the tuple of the other direction
        if (dstManip) {
            p.dst = other.src;
            p.inner->src = other.src;
            p.inner->sport = other.sport;
        } else {
            p.src = other.dst;
            p.inner->dst = other.dst;
            p.inner->dport = other.dport;
        }
    }

    // The nat table at one hook: consulted for the first decision only, then the binding applies.
    bool natHook(Hook hook) {
        const bool dstManip = hook == Hook::Prerouting || hook == Hook::Output;
        if (conn.entry && !conn.related && !(dstManip ? conn.entry->dstNatDone : conn.entry->srcNatDone) &&
            conn.direction == Direction::Original) {
            if (!table(hook, TableId::Nat)) return false;
            ns.conntrack.markNatDone(conn.entry->id, dstManip);
        }
        applyBinding(dstManip);
        return true;
    }

    void track() {
        if (p.proto == "icmp" && p.inner) {  // an ICMP error: RELATED to the connection it quotes, or INVALID
            conn = ns.conntrack.related(*p.inner, ctx.now);
            if (!conn.entry) return untracked("an ICMP error about no tracked connection");
            result.connection = conn.entry->id;
            result.steps.push_back(StackStep{"conntrack", "related to connection #" + std::to_string(conn.entry->id)});
            return;
        }
        conn = ns.conntrack.track(p.tuple(), ctx.now, p.proto == "tcp" && p.syn && !p.ack);
        if (conn.isNew && p.proto == "icmp" && p.icmpType != "echo-request") {  // icmp_new: only a request opens one
            ns.conntrack.abandon(conn.entry->id);
            conn = Lookup{};
            return untracked("an ICMP " + p.icmpType + " that belongs to no connection");
        }
        ns.conntrack.update(conn.entry->id, conn.direction, p.syn, p.ack, p.fin, p.rst, p.length, ctx.now);
        result.connection = conn.entry->id;
        std::string what = conn.isNew ? "new connection" : conn.direction == Direction::Reply ? "reply of connection" : "connection";
        result.steps.push_back(StackStep{"conntrack", what + " #" + std::to_string(conn.entry->id)});
    }

    void untracked(const std::string& why) {
        invalid = true;
        result.steps.push_back(StackStep{"conntrack", "not tracked: " + why + " (ctstate INVALID)"});
    }

    std::optional<RouteDecision> route() {
        auto d = ns.routes.lookup(p.dst, ns.interfaces);
        if (d) result.steps.push_back(StackStep{"route", p.dst.str() + " via " + d->route->dev + (d->route->via ? " gw " + d->route->via->str() : std::string())});
        return d;
    }

    void confirm() {
        if (conn.entry) ns.conntrack.confirm(conn.entry->id);
    }

    StackResult& deliver() {
        confirm();
        result.outcome = Outcome::Local;
        result.steps.push_back(StackStep{"deliver", "delivered to a local socket: " + packetSummary(p)});
        return result;
    }

    StackResult& postrouting(const RouteDecision& d) {
        out = d.route->dev;
        if (!table(Hook::Postrouting, TableId::Mangle)) return result;
        if (!natHook(Hook::Postrouting)) return result;
        confirm();
        result.outcome = Outcome::Forward;
        result.egress = d.route->dev;
        result.nextHop = d.nextHop;
        result.steps.push_back(StackStep{"forward", "leaves by " + d.route->dev + " to " + d.nextHop.str() + ": " + packetSummary(p)});
        return result;
    }
};

bool isLoopbackNet(Ipv4 ip) { return (ip.value >> 24) == 127; }

} // namespace

StackResult sendFromHost(NetNamespace& ns, Packet& p, netfilter::EvalContext& ctx) {
    StackResult result;
    Walk w{ns, p, ctx, result, {}, "", ""};
    auto d = w.route();
    if (!d) {
        result.outcome = Outcome::NoRoute;
        result.steps.push_back(StackStep{"noroute", "no route to " + p.dst.str()});
        return result;
    }
    if (p.src.value == 0) p.src = ns.isLocal(p.dst) && !isLoopbackNet(p.dst) ? p.dst : d->source;
    w.out = d->route->dev;
    if (!w.table(Hook::Output, TableId::Raw)) return result;
    w.track();
    if (!w.table(Hook::Output, TableId::Mangle)) return result;
    const Ipv4 before = p.dst;
    if (!w.natHook(Hook::Output)) return result;
    if (p.dst != before) {  // ip_route_me_harder: DNAT changed the destination
        d = w.route();
        if (!d) {
            w.fail(Outcome::NoRoute, "no route to " + p.dst.str() + " after DNAT", "");
            return result;
        }
        w.out = d->route->dev;
    }
    if (!w.table(Hook::Output, TableId::Filter)) return result;
    if (ns.isLocal(p.dst)) {
        // Local traffic loops back through lo: POSTROUTING, then PREROUTING and INPUT.
        w.out = "lo";
        if (!w.table(Hook::Postrouting, TableId::Mangle) || !w.natHook(Hook::Postrouting)) return result;
        w.in = "lo";
        w.out = "";
        if (!w.table(Hook::Input, TableId::Mangle) || !w.table(Hook::Input, TableId::Filter) || !w.natHook(Hook::Input)) return result;
        return w.deliver();
    }
    return w.postrouting(*d);
}

bool mayForward(const NetNamespace& ns, const std::string& inBridge, const std::string& outDev, bool dnatted) {
    return ns.ipForward || (!inBridge.empty() && outDev == inBridge && !dnatted);
}

StackResult receive(NetNamespace& ns, Packet& p, const std::string& inIface, netfilter::EvalContext& ctx, const BridgePorts* bridge) {
    StackResult result;
    Walk w{ns, p, ctx, result, {}, inIface, "", bridge};
    const Ipv4 original = p.dst;
    if (!w.table(Hook::Prerouting, TableId::Raw)) return result;
    w.track();
    if (!w.table(Hook::Prerouting, TableId::Mangle)) return result;
    if (!w.natHook(Hook::Prerouting)) return result;
    if (ns.isLocal(p.dst)) {
        if (!w.table(Hook::Input, TableId::Mangle) || !w.table(Hook::Input, TableId::Filter) || !w.natHook(Hook::Input)) return result;
        return w.deliver();
    }
    if (!ns.ipForward && !bridge) {
        w.fail(Outcome::Drop, "not for this host and ip_forward is off", "");
        return result;
    }
    auto d = w.route();
    if (!d) {
        w.fail(Outcome::NoRoute, "no route to " + p.dst.str(), "");
        return result;
    }
    if (!mayForward(ns, bridge ? bridge->bridge : std::string(), d->route->dev, p.dst != original)) {
        w.fail(Outcome::Drop, "not for this host and ip_forward is off", "");
        return result;
    }
    w.out = d->route->dev;
    BridgePorts bridged;
    if (bridge && d->route->dev == bridge->bridge) {
        // Bridged back out of the bridge it came in by: iptables sees the output port too.
        bridged = *bridge;
        if (bridge->portFor) bridged.physOut = bridge->portFor(d->nextHop);
        w.bridge = &bridged;
    }
    if (!w.table(Hook::Forward, TableId::Mangle) || !w.table(Hook::Forward, TableId::Filter)) return result;
    return w.postrouting(*d);
}

} // namespace kns::net
