#include <kubenetsim/netfilter/compiled_table.hpp>

#include <cassert>
#include <iterator>
#include <new>
#include <type_traits>

namespace kns::netfilter {

namespace {

// NFT_JUMP_STACK_SIZE in the kernel (as evaluator.cpp).
constexpr std::size_t kJumpStackSize = 16;

bool inRange(std::uint16_t port, std::uint16_t lo, std::uint16_t hi, bool negated) { return (port >= lo && port <= hi) != negated; }

// The packet as the compiled rules read it, taken once per walk.
struct Packet {
    std::uint32_t src, dst;
    std::uint8_t proto;
    std::uint16_t sport, dport;
};

std::uint32_t prefixMask(std::uint8_t prefix) { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }

bool headerMatches(const CompiledTable::CRule& r, const Packet& p, const PacketFields& f) {
    if (r.srcSet && (((p.src & prefixMask(r.srcPrefix)) == r.srcAddr) == r.srcNegated)) return false;
    if (r.dstSet && (((p.dst & prefixMask(r.dstPrefix)) == r.dstAddr) == r.dstNegated)) return false;
    if (r.proto && ((p.proto == r.proto) == r.protoNegated)) return false;
    if (r.slowHeader) {
        const Rule& rule = *r.rule;
        if (rule.in.set && !interfaceMatches(rule.in, f.in)) return false;
        if (rule.out.set && !interfaceMatches(rule.out, f.out)) return false;
        if (rule.proto.set && rule.proto.name != "all" && !r.proto && ((rule.proto.name == f.proto) == rule.proto.negated)) return false;
    }
    return true;
}

bool opMatches(const CompiledTable::Op& op, const Packet& p, const PacketFields& f, EvalContext& ctx) {
    using K = CompiledTable::Op::Kind;
    switch (op.kind) {
    case K::Port: {
        using F = CompiledTable::Op::PortFlag;
        if (p.proto != op.proto) return false;
        const auto& r = op.ports;
        if ((op.portFlags & F::kSportSet) && !inRange(p.sport, r.sportLo, r.sportHi, op.portFlags & F::kSportNegated)) return false;
        return !(op.portFlags & F::kDportSet) || inRange(p.dport, r.dportLo, r.dportHi, op.portFlags & F::kDportNegated);
    }
    case K::Random: {
        const std::uint32_t draw = ctx.rng ? (ctx.rng->next32() & 0x7FFFFFFFu) : 0;
        return (draw < op.value) != op.negated;
    }
    case K::Mark: return ((f.mark & op.mask) == op.value) != op.negated;
    case K::Conntrack: return ((f.ctState & op.value) != 0) != op.negated;
    case K::Other: return matchMatches(*op.match, f, ctx);
    }
    return false;
}

} // namespace

std::uint8_t protocolNumber(const std::string& name) {
    if (name == "tcp") return 6;
    if (name == "udp") return 17;
    if (name == "icmp") return 1;
    if (name == "sctp") return 132;
    return kOtherProtocol;
}

CompiledTable::CompiledTable(Table& table) : m_table(table), m_stamp(table.stamp()), m_countedResets(table.countedResets()) {
    // The table cannot gain chains while this form is current (that moves the stamp), so the
    // slots never move: references into them stay valid during a walk.
    m_slots.reserve(table.chainCount());
    m_ids.reserve(64);
    const Hook hooks[5] = {Hook::Prerouting, Hook::Input, Hook::Forward, Hook::Output, Hook::Postrouting};
    for (std::size_t h = 0; h < 5; ++h) {
        Chain* c = table.find(hookName(hooks[h]));
        m_hooks[h] = c ? idOf(*c) : kNoChain;
    }
}

std::uint32_t CompiledTable::hookChain(Hook hook) { return m_hooks[static_cast<std::size_t>(hook)]; }

std::uint32_t CompiledTable::idOf(Chain& chain) {
    auto [it, added] = m_ids.try_emplace(&chain, static_cast<std::uint32_t>(m_slots.size()));
    if (added) {
        assert(m_slots.size() < m_slots.capacity() && "a table's chains are all known when its form is built");
        m_slots.push_back(Slot{nullptr, &chain});
    }
    return it->second;
}

void CompiledTable::forgetNoted(std::uint64_t resets) {
    for (auto& c : m_codes) c->noted = false;
    m_countedResets = resets;
}

namespace {
constexpr std::size_t kCodeAlignment = 64;  // a cache line
static_assert(std::is_trivially_destructible_v<CompiledTable::CRule> && std::is_trivially_destructible_v<CompiledTable::Op>);
static_assert(sizeof(CompiledTable::Op) == 16 && sizeof(CompiledTable::CRule) == 64, "a rule is one cache line");
static_assert(sizeof(CompiledTable::ChainCode) == 64 && alignof(CompiledTable::ChainCode) == alignof(CompiledTable::CRule));
} // namespace

void CompiledTable::compile(std::uint32_t id) {
    Chain& chain = *m_slots[id].chain;
    std::vector<CRule> rules;
    std::vector<Op> ops;
    rules.reserve(chain.rules.size());
    for (Rule& r : chain.rules) {
        CRule c;
        c.rule = &r;
        if (r.src.set) {
            c.srcSet = true;
            c.srcNegated = r.src.negated;
            c.srcPrefix = static_cast<std::uint8_t>(r.src.cidr.prefix);
            c.srcAddr = r.src.cidr.base.value & r.src.cidr.mask();
        }
        if (r.dst.set) {
            c.dstSet = true;
            c.dstNegated = r.dst.negated;
            c.dstPrefix = static_cast<std::uint8_t>(r.dst.cidr.prefix);
            c.dstAddr = r.dst.cidr.base.value & r.dst.cidr.mask();
        }
        if (r.proto.set && r.proto.name != "all") {
            const std::uint8_t n = protocolNumber(r.proto.name);
            if (n == kOtherProtocol) c.slowHeader = true;
            else c.proto = n, c.protoNegated = r.proto.negated;
        }
        if (r.in.set || r.out.set) c.slowHeader = true;
        c.moreOps = static_cast<std::uint32_t>(ops.size());
        for (Match& m : r.matches) {
            Op op;
            op.match = &m;
            if (std::holds_alternative<CommentMatch>(m)) continue;
            if (const auto* p = std::get_if<PortMatch>(&m); p && protocolNumber(p->proto) != kOtherProtocol) {
                op.kind = Op::Kind::Port;
                op.proto = protocolNumber(p->proto);
                using F = Op::PortFlag;
                op.portFlags = static_cast<std::uint8_t>((p->sport.set ? F::kSportSet : 0) | (p->sport.negated ? F::kSportNegated : 0) |
                                                         (p->dport.set ? F::kDportSet : 0) | (p->dport.negated ? F::kDportNegated : 0));
                op.ports = Op::Ports{p->sport.lo, p->sport.hi, p->dport.lo, p->dport.hi};
            } else if (const auto* s = std::get_if<StatisticMatch>(&m); s && !s->nth) {
                op.kind = Op::Kind::Random;
                op.negated = s->negated;
                op.value = s->probability;
            } else if (const auto* k = std::get_if<MarkMatch>(&m)) {
                op.kind = Op::Kind::Mark;
                op.negated = k->negated;
                op.value = k->mark;
                op.mask = k->mask;
            } else if (const auto* t = std::get_if<ConntrackMatch>(&m)) {
                op.kind = Op::Kind::Conntrack;
                op.negated = t->negated;
                op.value = t->states;
            }
            if (c.opCount++ == 0) c.first = op;
            else ops.push_back(op);
        }
        c.kind = r.target.kind;
        if (c.kind == TargetKind::Jump || c.kind == TargetKind::Goto)
            if (Chain* target = m_table.find(r.target.chain)) c.target = idOf(*target);
        rules.push_back(c);
    }
    const std::size_t bytes = sizeof(ChainCode) + rules.size() * sizeof(CRule) + ops.size() * sizeof(Op);
    // Nothing to destroy: the arena's memory goes back whole when the form dies.
    static_assert(std::is_trivially_destructible_v<ChainCode>);
    ChainCode* code = new (m_arena.allocate(bytes, kCodeAlignment)) ChainCode;
    code->chain = &chain;
    code->ruleCount = static_cast<std::uint32_t>(rules.size());
    code->opCount = static_cast<std::uint32_t>(ops.size());
    std::uninitialized_copy(rules.begin(), rules.end(), code->rules());
    std::uninitialized_copy(ops.begin(), ops.end(), code->ops());
    if (ChainIndex::of(chain)) {
        m_indexes.push_back(chain.index);
        code->index = chain.index.get();
    }
    m_slots[id].code = code;
    m_codes.push_back(code);
}

Classification classifyHook(Table& table, Hook hook, PacketFields& f, EvalContext& ctx) {
    Classification result;
    std::shared_ptr<CompiledTable>& form = table.compiled();
    if (!form || form->stamp() != table.stamp()) form = std::make_shared<CompiledTable>(table);
    CompiledTable& prog = *form;
    if (prog.countedResets() != table.countedResets()) prog.forgetNoted(table.countedResets());
    const std::uint32_t base = prog.hookChain(hook);
    if (base == CompiledTable::kNoChain) return result;
    struct Frame {
        std::uint32_t chain;
        CompiledTable::ChainCode* code;
        std::size_t next;
    };
    Frame stack[kJumpStackSize];
    std::size_t depth = 0;
    const Packet p{f.src.value, f.dst.value, protocolNumber(f.proto), f.sport, f.dport};
    const ChainIndex::Key key{f.dst.value, ChainIndex::protoNumber(f.proto), f.dport};
    // The rules hit are counted when the walk ends: nothing reads a counter during the walk, and
    // the counters of rules in different places are then fetched from memory together.
    Rule* hits[32];
    std::size_t hitCount = 0;
    auto countHits = [&] {
        for (std::size_t h = 0; h < hitCount; ++h) {
            hits[h]->counters.packets++;
            hits[h]->counters.bytes += f.length;
        }
        hitCount = 0;
    };
    std::uint32_t id = base;
    CompiledTable::ChainCode* code = nullptr;
    auto enter = [&](std::uint32_t nextId, CompiledTable::ChainCode& next) {
        id = nextId;
        code = &next;
        if (!code->noted) {
            table.noteCounted(*code->chain);
            code->noted = true;
        }
    };
    auto leave = [&](std::size_t& i) {  // back to the calling chain, or to the base chain's end
        if (depth == 0) {
            enter(base, prog.code(base));
            i = code->ruleCount;
            return;
        }
        --depth;
        enter(stack[depth].chain, *stack[depth].code);
        i = stack[depth].next;
    };
    enter(base, prog.code(base));
    std::size_t i = 0;
    for (;;) {
        const std::size_t size = code->ruleCount;
        if (i < size && code->index) {
            // As the indexed walk: the rules up to the next candidate cannot match.
            const std::size_t next = code->index->next(key, i);
            result.rulesWalked += next - i;
            i = next;
        }
        if (i >= size) {
            Chain& chain = *code->chain;
            if (id == base || (depth == 0 && chain.builtin)) {
                countHits();
                result.verdict = chain.policy == "DROP" ? Verdict::Drop : Verdict::Accept;
                chain.counters.packets++;
                chain.counters.bytes += f.length;
                break;
            }
            leave(i);  // a chain's end returns; a goto chain's end ends in the base chain's policy
            continue;
        }
        CompiledTable::CRule& r = code->rules()[i];
        ++result.rulesWalked;
        if (r.targetCode) r.targetCode->prefetchEntry();  // the chain it may jump to
        bool hit = headerMatches(r, p, f);
        for (std::uint32_t o = 0; hit && o < r.opCount; ++o) hit = opMatches(o == 0 ? r.first : code->ops()[r.moreOps + o - 1], p, f, ctx);
        if (!hit) {
            ++i;
            continue;
        }
        Rule& rule = *r.rule;
        __builtin_prefetch(&rule.counters, 1);
        if (hitCount == std::size(hits)) countHits();
        hits[hitCount++] = &rule;
        switch (r.kind) {
        case TargetKind::None:
        case TargetKind::Log:
            ++i;
            continue;
        case TargetKind::Mark:
            f.mark = (f.mark & ~rule.target.markMask) ^ rule.target.markValue;
            ++i;
            continue;
        case TargetKind::Accept:
        case TargetKind::Drop:
        case TargetKind::Reject:
            countHits();
            result.verdict = r.kind == TargetKind::Accept ? Verdict::Accept : r.kind == TargetKind::Drop ? Verdict::Drop : Verdict::Reject;
            result.target = &rule.target;
            result.mark = f.mark;
            return result;
        case TargetKind::Dnat:
        case TargetKind::Snat:
        case TargetKind::Masquerade:
            countHits();
            result.verdict = Verdict::Accept;
            result.target = &rule.target;
            result.mark = f.mark;
            return result;
        case TargetKind::Return:
            leave(i);
            continue;
        case TargetKind::Jump:
        case TargetKind::Goto:
            if (r.target == CompiledTable::kNoChain) {  // restore validates jumps: only a hand-built table
                ++i;
                continue;
            }
            if (r.kind == TargetKind::Jump) {
                if (depth >= kJumpStackSize) {
                    countHits();
                    result.verdict = Verdict::Drop;
                    return result;
                }
                stack[depth++] = Frame{id, code, i + 1};
            }
            if (!r.targetCode) r.targetCode = &prog.code(r.target);
            enter(r.target, *r.targetCode);
            i = 0;
            continue;
        }
    }
    result.mark = f.mark;
    return result;
}

} // namespace kns::netfilter
