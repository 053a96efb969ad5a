#include <kubenetsim/netfilter/evaluator.hpp>

#include <kubenetsim/netfilter/chain_index.hpp>
#include <kubenetsim/netfilter/compiled_table.hpp>
#include <kubenetsim/netfilter/save.hpp>

namespace kns::netfilter {

namespace {

// NFT_JUMP_STACK_SIZE in the kernel.
constexpr std::size_t kJumpStackSize = 16;

bool ifaceMatches(const IfaceSpec& spec, const std::string& name) {
    if (!spec.set) return true;
    bool eq;
    if (!spec.name.empty() && spec.name.back() == '+') eq = name.compare(0, spec.name.size() - 1, spec.name, 0, spec.name.size() - 1) == 0;
    else eq = name == spec.name;
    return eq != spec.negated;
}

bool addrMatches(const AddrSpec& spec, Ipv4 ip) { return !spec.set || (spec.cidr.contains(ip) != spec.negated); }

bool portMatches(const PortSpec& p, std::uint16_t port) { return !p.set || ((port >= p.lo && port <= p.hi) != p.negated); }

std::string addrType(const EvalContext& ctx, Ipv4 ip) {
    if (ctx.isLocal && ctx.isLocal(ip)) return "LOCAL";
    if ((ip.value >> 28) == 0xE) return "MULTICAST";
    if (ip.value == 0xFFFFFFFFu) return "BROADCAST";
    return "UNICAST";
}

struct MatchEval {
    const PacketFields& f;
    EvalContext& ctx;
    TraceStep* step;
    bool operator()(CommentMatch&) const { return true; }
    bool operator()(PortMatch& m) const {
        if (f.proto != m.proto) return false;
        return portMatches(m.sport, f.sport) && portMatches(m.dport, f.dport);
    }
    bool operator()(StatisticMatch& m) const {
        bool hit;
        if (m.nth) {
            // xt_statistic nth: the counter wraps at `every`; the rule matches when it equals `packet`.
            hit = m.nthCounter == m.packet;
            m.nthCounter = (m.nthCounter + 1) % m.every;
        } else {
            std::uint32_t draw = ctx.rng ? (ctx.rng->next32() & 0x7FFFFFFFu) : 0;
            hit = draw < m.probability;
            if (step) {
                step->draw = static_cast<double>(draw) / 2147483648.0;
                step->probability = static_cast<double>(m.probability) / 2147483648.0;
            }
        }
        return hit != m.negated;
    }
    bool operator()(MarkMatch& m) const { return ((f.mark & m.mask) == m.mark) != m.negated; }
    bool operator()(ConntrackMatch& m) const { return ((f.ctState & m.states) != 0) != m.negated; }
    bool operator()(AddrtypeMatch& m) const {
        if (m.src && ((addrType(ctx, f.src) == m.srcType) == m.srcNegated)) return false;
        if (m.dst && ((addrType(ctx, f.dst) == m.dstType) == m.dstNegated)) return false;
        return true;
    }
    bool operator()(RecentMatch& m) const {
        if (!ctx.recent) return m.negated;
        auto& list = ctx.recent->lists[m.name];
        const std::uint32_t key = (m.rsource ? f.src.value : f.dst.value) & m.mask.value;
        using C = RecentMatch::Command;
        if (m.command == C::Set) {
            list[key].push_back(ctx.now);
            return !m.negated;
        }
        auto it = list.find(key);
        bool hit = false;
        if (it != list.end()) {
            auto& seen = it->second;
            if (m.reap && m.seconds) {
                const SimTime horizon = ctx.now - SimTime::s(m.seconds);
                std::erase_if(seen, [&](SimTime t) { return t < horizon; });
            }
            std::size_t recentHits = 0;
            for (SimTime t : seen)
                if (!m.seconds || t >= ctx.now - SimTime::s(m.seconds)) ++recentHits;
            hit = recentHits > 0 && recentHits >= std::max<std::uint32_t>(m.hitcount, 1);
            if (m.command == C::Remove && it != list.end()) list.erase(it);
            else if (m.command == C::Update && hit) seen.push_back(ctx.now);
        }
        return hit != m.negated;
    }
    bool operator()(PhysdevMatch& m) const {
        if (m.isIn && ((f.bridged && !f.physIn.empty()) == m.isInNegated)) return false;
        if (m.isOut && ((f.bridged && !f.physOut.empty()) == m.isOutNegated)) return false;
        if (m.isBridged && (f.bridged == m.isBridgedNegated)) return false;
        if (m.in.set && (!f.bridged || !ifaceMatches(m.in, f.physIn))) return false;
        if (m.out.set && (!f.bridged || !ifaceMatches(m.out, f.physOut))) return false;
        return true;
    }
};

std::string natText(const Target& t) {
    const std::string s = targetText(t);
    return s.substr(s.find("-j ") + 3);
}

} // namespace

bool matchMatches(Match& match, const PacketFields& fields, EvalContext& ctx) { return std::visit(MatchEval{fields, ctx, nullptr}, match); }

bool interfaceMatches(const IfaceSpec& spec, const std::string& name) { return ifaceMatches(spec, name); }

bool ruleMatches(Rule& r, const PacketFields& f, EvalContext& ctx, TraceStep* step) {
    if (!addrMatches(r.src, f.src) || !addrMatches(r.dst, f.dst)) return false;
    if (!ifaceMatches(r.in, f.in) || !ifaceMatches(r.out, f.out)) return false;
    if (r.proto.set && r.proto.name != "all" && ((r.proto.name == f.proto) == r.proto.negated)) return false;
    MatchEval eval{f, ctx, step};
    for (auto& m : r.matches)
        if (!std::visit(eval, m)) return false;
    return true;
}

TableResult evaluateHook(Table& table, Hook hook, PacketFields& f, EvalContext& ctx, Trace* trace) {
    TableResult result;
    if (!trace && ctx.walk == Walk::Indexed) {
        const Classification c = classifyHook(table, hook, f, ctx);
        result.verdict = c.verdict;
        result.mark = c.mark;
        result.rulesWalked = c.rulesWalked;
        if (c.target) {
            const TargetKind k = c.target->kind;
            if (k == TargetKind::Dnat || k == TargetKind::Snat || k == TargetKind::Masquerade) result.nat = *c.target;
            else result.rejectWith = rejectWithName(c.target->rejectWith);
        }
        return result;
    }
    struct Frame {
        Chain* chain;
        std::size_t next;
    };
    Frame stack[kJumpStackSize];
    std::size_t depth = 0;
    Chain* base = table.find(hookName(hook));
    if (!base) return result;
    Chain* chain = base;
    std::size_t i = 0;
    const ChainIndex::Key key{f.dst.value, ChainIndex::protoNumber(f.proto), f.dport};
    const bool indexed = ctx.walk == Walk::Indexed;
    auto record = [&](TraceStep s) {
        if (trace) trace->steps.push_back(std::move(s));
    };
    for (;;) {
        // Counters and nth state may change from here (see Table::noteCounted).
        table.noteCounted(*chain);
        if (indexed && i < chain->rules.size()) {
            if (const ChainIndex* index = ChainIndex::of(*chain)) {
                // The rules up to the next candidate cannot match: the linear walk would test
                // each and find it does not.
                const std::size_t next = index->next(key, i);
                if (trace)
                    for (std::size_t k = i; k < next; ++k)
                        record(TraceStep{table.id(), chain->name, static_cast<int>(k), ruleText(chain->name, chain->rules[k]), false, {}, {}, {}});
                result.rulesWalked += next - i;
                i = next;
            }
        }
        if (i >= chain->rules.size()) {
            if (chain == base || (depth == 0 && chain->builtin)) {
                result.verdict = chain->policy == "DROP" ? Verdict::Drop : Verdict::Accept;
                chain->counters.packets++;
                chain->counters.bytes += f.length;
                if (trace) record(TraceStep{table.id(), chain->name, -1, "policy " + chain->policy, true, {}, {}, chain->policy});
                break;
            }
            if (trace) record(TraceStep{table.id(), chain->name, -1, "end of chain", true, {}, {}, "return"});
            if (depth == 0) {  // a goto chain fell off: the base chain's policy decides
                chain = base;
                i = base->rules.size();
                continue;
            }
            --depth;
            chain = stack[depth].chain;
            i = stack[depth].next;
            continue;
        }
        Rule& rule = chain->rules[i];
        ++result.rulesWalked;
        std::optional<TraceStep> step;
        if (trace) step.emplace(TraceStep{table.id(), chain->name, static_cast<int>(i), ruleText(chain->name, rule), false, {}, {}, {}});
        const bool hit = ruleMatches(rule, f, ctx, step ? &*step : nullptr);
        if (step) step->matched = hit;
        if (!hit) {
            if (step) record(std::move(*step));
            ++i;
            continue;
        }
        rule.counters.packets++;
        rule.counters.bytes += f.length;
        const Target& t = rule.target;
        switch (t.kind) {
        case TargetKind::None:
            if (step) record(std::move(*step));
            ++i;
            continue;
        case TargetKind::Mark:
            f.mark = (f.mark & ~t.markMask) ^ t.markValue;
            if (step) {
                char b[16];
                std::snprintf(b, sizeof b, "%x", f.mark);
                step->action = std::string("MARK set 0x") + b;
                record(std::move(*step));
            }
            ++i;
            continue;
        case TargetKind::Log:
            if (step) {
                step->action = "LOG " + t.logPrefix;
                record(std::move(*step));
            }
            ++i;
            continue;
        case TargetKind::Accept:
        case TargetKind::Drop:
        case TargetKind::Reject:
            result.verdict = t.kind == TargetKind::Accept ? Verdict::Accept : t.kind == TargetKind::Drop ? Verdict::Drop : Verdict::Reject;
            result.rejectWith = rejectWithName(t.rejectWith);
            if (step) {
                step->action = t.kind == TargetKind::Accept ? "ACCEPT" : t.kind == TargetKind::Drop ? "DROP" : "REJECT";
                record(std::move(*step));
            }
            result.mark = f.mark;
            return result;
        case TargetKind::Dnat:
        case TargetKind::Snat:
        case TargetKind::Masquerade:
            result.nat = t;
            result.verdict = Verdict::Accept;
            if (step) {
                step->action = natText(t);
                record(std::move(*step));
            }
            result.mark = f.mark;
            return result;
        case TargetKind::Return:
            if (step) {
                step->action = "return";
                record(std::move(*step));
            }
            if (depth == 0) {
                chain = base;
                i = base->rules.size();
                continue;
            }
            --depth;
            chain = stack[depth].chain;
            i = stack[depth].next;
            continue;
        case TargetKind::Jump:
        case TargetKind::Goto: {
            Chain* target = table.find(t.chain);
            if (!target) {  // restore validates jumps, so only a hand-built table gets here
                if (step) {
                    step->action = "jump to missing chain " + t.chain;
                    record(std::move(*step));
                }
                ++i;
                continue;
            }
            if (step) {
                step->action = (t.kind == TargetKind::Jump ? "jump " : "goto ") + t.chain;
                record(std::move(*step));
            }
            if (t.kind == TargetKind::Jump) {
                if (depth >= kJumpStackSize) {
                    result.verdict = Verdict::Drop;
                    return result;
                }
                stack[depth++] = Frame{chain, i + 1};
            }
            chain = target;
            i = 0;
            continue;
        }
        }
    }
    result.mark = f.mark;
    return result;
}

} // namespace kns::netfilter
