#include <kubenetsim/net/outcomes.hpp>

#include <cstdio>
#include <functional>

#include <kubenetsim/netfilter/branches.hpp>

namespace kns::net {

namespace {

using netfilter::Hook;
using netfilter::TableId;
using netfilter::TargetKind;
using netfilter::Verdict;

struct WalkState {
    Packet p;
    std::string in;
    std::string out;
    double probability = 1.0;
    bool dnat = false;
    bool masquerade = false;
    std::vector<std::string> draws;
    std::vector<StackStep> steps;
};

using Next = std::function<void(WalkState)>;

std::string probabilityText(double p) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5f", p);
    return buf;
}

class OutcomeWalk {
public:
    OutcomeWalk(const NetNamespace& ns, SimTime now) : m_ns(ns) {
        m_ctx.now = now;
        m_ctx.recent = const_cast<netfilter::RecentLists*>(&ns.recent);  // enumerateBranches only reads it (it copies)
        m_ctx.isLocal = [this](Ipv4 ip) { return m_ns.isLocal(ip); };
    }

    std::vector<PathOutcome> send(const Packet& packet) {
        WalkState s;
        s.p = packet;
        auto d = route(s);
        if (!d) {
            finish(std::move(s), "DROP", "no route to " + packet.dst.str());
            return take();
        }
        if (s.p.src.value == 0) s.p.src = m_ns.isLocal(s.p.dst) && (s.p.dst.value >> 24) != 127 ? s.p.dst : d->source;
        s.out = d->route->dev;
        hook(std::move(s), Hook::Output, TableId::Raw, [this](WalkState s) {
            hook(std::move(s), Hook::Output, TableId::Mangle, [this](WalkState s) {
                const Ipv4 before = s.p.dst;
                hook(std::move(s), Hook::Output, TableId::Nat, [this, before](WalkState s) {
                    if (s.p.dst != before) {  // ip_route_me_harder after DNAT
                        auto d = route(s);
                        if (!d) return finish(std::move(s), "DROP", "no route to " + s.p.dst.str() + " after DNAT");
                        s.out = d->route->dev;
                    }
                    hook(std::move(s), Hook::Output, TableId::Filter, [this](WalkState s) {
                        if (!m_ns.isLocal(s.p.dst)) return postrouting(std::move(s));
                        s.out = "lo";  // local traffic loops back through lo
                        hook(std::move(s), Hook::Postrouting, TableId::Mangle, [this](WalkState s) {
                            hook(std::move(s), Hook::Postrouting, TableId::Nat, [this](WalkState s) {
                                s.in = "lo";
                                s.out.clear();
                                input(std::move(s));
                            });
                        });
                    });
                });
            });
        });
        return take();
    }

    std::vector<PathOutcome> receive(const Packet& packet, const std::string& inIface) {
        WalkState s;
        s.p = packet;
        s.in = inIface;
        hook(std::move(s), Hook::Prerouting, TableId::Raw, [this](WalkState s) {
            hook(std::move(s), Hook::Prerouting, TableId::Mangle, [this](WalkState s) {
                hook(std::move(s), Hook::Prerouting, TableId::Nat, [this](WalkState s) {
                    if (m_ns.isLocal(s.p.dst)) return input(std::move(s));
                    const bool bridged = isBridge(s.in);
                    if (!m_ns.ipForward && !bridged) return finish(std::move(s), "DROP", "not for this host and ip_forward is off");
                    auto d = route(s);
                    if (!d) return finish(std::move(s), "DROP", "no route to " + s.p.dst.str());
                    if (!mayForward(m_ns, bridged ? s.in : std::string(), d->route->dev, s.dnat))
                        return finish(std::move(s), "DROP", "not for this host and ip_forward is off");
                    s.out = d->route->dev;
                    hook(std::move(s), Hook::Forward, TableId::Mangle, [this](WalkState s) {
                        hook(std::move(s), Hook::Forward, TableId::Filter, [this](WalkState s) { postrouting(std::move(s)); });
                    });
                });
            });
        });
        return take();
    }

private:
    bool isBridge(const std::string& iface) const {
        const Interface* i = m_ns.findInterface(iface);
        return i && i->kind == "bridge";
    }

    std::optional<RouteDecision> route(WalkState& s) {
        auto d = m_ns.routes.lookup(s.p.dst, m_ns.interfaces);
        if (d) s.steps.push_back(StackStep{"route", s.p.dst.str() + " via " + d->route->dev + (d->route->via ? " gw " + d->route->via->str() : std::string())});
        return d;
    }

    void input(WalkState s) {
        hook(std::move(s), Hook::Input, TableId::Mangle, [this](WalkState s) {
            hook(std::move(s), Hook::Input, TableId::Filter, [this](WalkState s) {
                hook(std::move(s), Hook::Input, TableId::Nat, [this](WalkState s) { finish(std::move(s), "", "delivered to a local socket"); });
            });
        });
    }

    void postrouting(WalkState s) {
        hook(std::move(s), Hook::Postrouting, TableId::Mangle, [this](WalkState s) {
            hook(std::move(s), Hook::Postrouting, TableId::Nat, [this](WalkState s) {
                const std::string out = s.out;
                finish(std::move(s), "", "leaves by " + out);
            });
        });
    }

    netfilter::PacketFields fields(const WalkState& s) const {
        netfilter::PacketFields f;
        f.src = s.p.src;
        f.dst = s.p.dst;
        f.proto = s.p.proto;
        f.sport = s.p.sport;
        f.dport = s.p.dport;
        f.in = s.in;
        f.out = s.out;
        f.mark = s.p.mark;
        f.length = s.p.length;
        f.ctState = netfilter::kCtNew | (s.dnat ? netfilter::kCtDnat : 0u) | (s.masquerade ? netfilter::kCtSnat : 0u);
        return f;
    }

    // One table at one hook: every branch either ends here (DROP, REJECT) or goes on to `next`.
    void hook(WalkState s, Hook h, TableId id, const Next& next) {
        const netfilter::Table* table = m_ns.rules.table(id);
        if (!table) return next(std::move(s));
        const auto branches = netfilter::enumerateBranches(*table, h, fields(s), m_ctx);
        for (const auto& b : branches) {
            WalkState w = s;
            w.probability *= b.probability;
            w.p.mark = b.fields.mark;
            for (const auto& d : b.draws)
                w.draws.push_back(d.chain + " rule " + std::to_string(d.rule + 1) + ": " + (d.matched ? "match" : "no match") + " (p=" +
                                  probabilityText(d.probability) + ")");
            StackStep step;
            step.kind = "hook";
            step.hasHook = true;
            step.hook = h;
            step.table = id;
            step.trace = b.trace;
            step.text = std::string(netfilter::tableName(id)) + " " + netfilter::hookName(h);
            w.steps.push_back(std::move(step));
            const std::string where = std::string(netfilter::tableName(id)) + " " + netfilter::hookName(h);
            if (b.result.verdict == Verdict::Drop) {
                finish(std::move(w), "DROP", "dropped in " + where);
                continue;
            }
            if (b.result.verdict == Verdict::Reject) {
                finish(std::move(w), "REJECT", "rejected in " + where + " (" + b.result.rejectWith + ")");
                continue;
            }
            if (id == TableId::Nat && b.result.nat) applyNat(w, h, *b.result.nat);
            next(std::move(w));
        }
    }

    void applyNat(WalkState& w, Hook h, const netfilter::Target& t) {
        const Packet before = w.p;
        const bool dstManip = h == Hook::Prerouting || h == Hook::Output;
        if (dstManip && t.kind == TargetKind::Dnat) {
            if (t.range.hasAddress) w.p.dst = t.range.addrLo;
            if (t.range.hasPorts) w.p.dport = t.range.portLo;
            w.dnat = true;
        } else if (!dstManip && (t.kind == TargetKind::Masquerade || t.kind == TargetKind::Snat)) {
            if (t.kind == TargetKind::Snat && t.range.hasAddress) w.p.src = t.range.addrLo;
            if (t.kind == TargetKind::Masquerade)
                if (const Interface* iface = m_ns.findInterface(w.out); iface && !iface->addresses.empty()) w.p.src = iface->addresses.front().address;
            if (t.range.hasPorts) w.p.sport = t.range.portLo;
            w.masquerade = true;
        } else {
            return;
        }
        StackStep s{"nat", std::string(dstManip ? "destination" : "source") + " rewritten: " + packetSummary(before) + "  =>  " + packetSummary(w.p)};
        s.before = before;
        s.after = w.p;
        w.steps.push_back(std::move(s));
    }

    void finish(WalkState w, const std::string& verdict, const std::string& why) {
        PathOutcome o;
        if (!verdict.empty()) o.destination = verdict;
        else if (!w.dnat && m_ns.isLocal(w.p.dst)) o.destination = "LOCAL";
        else o.destination = w.p.dst.str() + (w.p.proto == "icmp" ? std::string() : ":" + std::to_string(w.p.dport));
        o.masquerade = w.masquerade;
        o.probability = w.probability;
        o.sourceAfterNat = w.p.src;
        o.draws = std::move(w.draws);
        w.steps.push_back(StackStep{verdict.empty() ? (o.destination == "LOCAL" ? "deliver" : "forward") : verdict == "REJECT" ? "reject" : "drop", why});
        o.steps = std::move(w.steps);
        for (PathOutcome& seen : m_out)
            if (seen.destination == o.destination && seen.masquerade == o.masquerade && seen.sourceAfterNat == o.sourceAfterNat) {
                seen.probability += o.probability;
                return;
            }
        m_out.push_back(std::move(o));
    }

    std::vector<PathOutcome> take() { return std::move(m_out); }

    const NetNamespace& m_ns;
    netfilter::EvalContext m_ctx;
    std::vector<PathOutcome> m_out;
};

} // namespace

std::vector<PathOutcome> enumerateSendOutcomes(const NetNamespace& ns, const Packet& p, SimTime now) { return OutcomeWalk(ns, now).send(p); }

std::vector<PathOutcome> enumerateReceiveOutcomes(const NetNamespace& ns, const Packet& p, const std::string& inIface, SimTime now) {
    return OutcomeWalk(ns, now).receive(p, inIface);
}

} // namespace kns::net
