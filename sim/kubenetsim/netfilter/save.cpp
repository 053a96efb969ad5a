#include <kubenetsim/netfilter/save.hpp>

#include <cstdio>
#include <cstring>

namespace kns::netfilter {

namespace {

std::string hex(std::uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%x", v);
    return b;
}

std::string neg(bool n) { return n ? " !" : ""; }

std::string portText(const PortSpec& p) {
    std::string s = std::to_string(p.lo);
    if (p.hi != p.lo) s += ":" + std::to_string(p.hi);
    return s;
}

std::string natRangeText(const NatRange& r) {
    std::string s;
    if (r.hasAddress) {
        s += r.addrLo.str();
        if (r.addrHi != r.addrLo) s += "-" + r.addrHi.str();
    }
    if (r.hasPorts) {
        s += ":" + std::to_string(r.portLo);
        if (r.portHi != r.portLo) s += "-" + std::to_string(r.portHi);
    }
    return s;
}

struct MatchSaver {
    std::string& out;
    void operator()(const CommentMatch& m) { out += " -m comment --comment" + saveString(m.text); }
    void operator()(const PortMatch& m) {
        out += " -m " + m.proto;
        if (m.sport.set) out += neg(m.sport.negated) + " --sport " + portText(m.sport);
        if (m.dport.set) out += neg(m.dport.negated) + " --dport " + portText(m.dport);
    }
    void operator()(const StatisticMatch& m) {
        if (m.nth) {
            out += " -m statistic --mode nth" + neg(m.negated) + " --every " + std::to_string(m.every) + " --packet " + std::to_string(m.packet);
        } else {
            out += " -m statistic --mode random" + neg(m.negated) + " --probability " + probabilityText(m.probability);
        }
    }
    void operator()(const MarkMatch& m) {
        out += " -m mark" + neg(m.negated) + " --mark " + hex(m.mark);
        if (m.mask != 0xFFFFFFFFu) out += "/" + hex(m.mask);
    }
    void operator()(const ConntrackMatch& m) { out += " -m conntrack" + neg(m.negated) + " --ctstate " + ctStateList(m.states); }
    void operator()(const AddrtypeMatch& m) {
        out += " -m addrtype";
        if (m.src) out += neg(m.srcNegated) + " --src-type " + m.srcType;
        if (m.dst) out += neg(m.dstNegated) + " --dst-type " + m.dstType;
    }
    void operator()(const RecentMatch& m) {
        out += " -m recent" + neg(m.negated);
        switch (m.command) {
        case RecentMatch::Command::Set: out += " --set"; break;
        case RecentMatch::Command::Rcheck: out += " --rcheck"; break;
        case RecentMatch::Command::Update: out += " --update"; break;
        case RecentMatch::Command::Remove: out += " --remove"; break;
        }
        if (m.seconds) out += " --seconds " + std::to_string(m.seconds);
        if (m.reap) out += " --reap";
        if (m.hitcount) out += " --hitcount " + std::to_string(m.hitcount);
        out += " --name " + m.name + " --mask " + m.mask.str();
        out += m.rsource ? " --rsource" : " --rdest";
    }
    void operator()(const PhysdevMatch& m) {
        out += " -m physdev";
        if (m.isIn) out += neg(m.isInNegated) + " --physdev-is-in";
        if (m.in.set) out += neg(m.in.negated) + " --physdev-in " + m.in.name;
        if (m.isOut) out += neg(m.isOutNegated) + " --physdev-is-out";
        if (m.out.set) out += neg(m.out.negated) + " --physdev-out " + m.out.name;
        if (m.isBridged) out += neg(m.isBridgedNegated) + " --physdev-is-bridged";
    }
};


} // namespace

std::string targetText(const Target& t) {
    switch (t.kind) {
    case TargetKind::None: return "";
    case TargetKind::Accept: return " -j ACCEPT";
    case TargetKind::Drop: return " -j DROP";
    case TargetKind::Return: return " -j RETURN";
    case TargetKind::Jump: return " -j " + t.chain;
    case TargetKind::Goto: return " -g " + t.chain;
    case TargetKind::Reject: return std::string(" -j REJECT --reject-with ") + rejectWithName(t.rejectWith);
    case TargetKind::Dnat: {
        std::string s = " -j DNAT";
        if (t.range.hasAddress || t.range.hasPorts) s += " --to-destination " + natRangeText(t.range);
        if (t.random) s += " --random";
        if (t.persistent) s += " --persistent";
        return s;
    }
    case TargetKind::Snat: {
        std::string s = " -j SNAT";
        if (t.range.hasAddress || t.range.hasPorts) s += " --to-source " + natRangeText(t.range);
        if (t.random) s += " --random";
        if (t.randomFully) s += " --random-fully";
        if (t.persistent) s += " --persistent";
        return s;
    }
    case TargetKind::Masquerade: {
        std::string s = " -j MASQUERADE";
        if (t.range.hasPorts) {
            s += " --to-ports " + std::to_string(t.range.portLo);
            if (t.range.portHi != t.range.portLo) s += "-" + std::to_string(t.range.portHi);
        }
        if (t.random) s += " --random";
        if (t.randomFully) s += " --random-fully";
        return s;
    }
    case TargetKind::Mark: return " -j MARK --set-xmark " + hex(t.markValue) + "/" + hex(t.markMask);
    case TargetKind::Log: {
        std::string s = " -j LOG";
        if (!t.logPrefix.empty()) s += " --log-prefix" + saveString(t.logPrefix);
        if (t.logLevel != 4) s += " --log-level " + std::to_string(t.logLevel);
        return s;
    }
    }
    return "";
}

std::string saveString(const std::string& value) {
    static const char* kBare = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (!value.empty() && std::strspn(value.c_str(), kBare) == value.size()) return " " + value;
    std::string s = " \"";
    for (char c : value) {
        if (c == '"' || c == '\\' || c == '\'') s += '\\';
        s += c;
    }
    return s + "\"";
}

std::string ctStateList(std::uint32_t states) {
    static const std::pair<std::uint32_t, const char*> kOrder[] = {
        {kCtInvalid, "INVALID"}, {kCtNew, "NEW"}, {kCtRelated, "RELATED"}, {kCtEstablished, "ESTABLISHED"},
        {kCtUntracked, "UNTRACKED"}, {kCtSnat, "SNAT"}, {kCtDnat, "DNAT"}};
    std::string s;
    for (const auto& [bit, name] : kOrder)
        if (states & bit) s += (s.empty() ? "" : ",") + std::string(name);
    return s;
}

std::string probabilityText(std::uint32_t stored) {
    char b[32];
    std::snprintf(b, sizeof b, "%.11f", static_cast<double>(stored) / 2147483648.0);
    return b;
}

std::string ruleSpec(const Rule& r) {
    std::string s;
    if (r.src.set) s += neg(r.src.negated) + " -s " + r.src.cidr.str();
    if (r.dst.set) s += neg(r.dst.negated) + " -d " + r.dst.cidr.str();
    if (r.in.set) s += neg(r.in.negated) + " -i " + r.in.name;
    if (r.out.set) s += neg(r.out.negated) + " -o " + r.out.name;
    if (r.proto.set) s += neg(r.proto.negated) + " -p " + r.proto.name;
    MatchSaver saver{s};
    for (const auto& m : r.matches) std::visit(saver, m);
    s += targetText(r.target);
    return s;
}

std::string ruleText(const std::string& chain, const Rule& rule) { return "-A " + chain + ruleSpec(rule); }

std::string saveRuleset(const Ruleset& rules, const SaveOptions& o) {
    std::string out;
    for (TableId id : Ruleset::kSaveOrder) {
        if (o.onlyTable && *o.onlyTable != id) continue;
        const Table* t = rules.table(id);
        if (!t) continue;
        out += "# Generated by iptables-save v1.8.9 (nf_tables) on " + o.timestamp + "\n";
        out += std::string("*") + tableName(id) + "\n";
        for (const auto& c : t->chains())
            out += ":" + c.name + " " + c.policy + " [" + std::to_string(c.counters.packets) + ":" + std::to_string(c.counters.bytes) + "]\n";
        for (const auto& c : t->chains()) {
            for (const auto& r : c.rules) {
                if (o.counters) out += "[" + std::to_string(r.counters.packets) + ":" + std::to_string(r.counters.bytes) + "] ";
                out += ruleText(c.name, r) + "\n";
            }
        }
        out += "COMMIT\n";
        out += "# Completed on " + o.timestamp + "\n";
    }
    return out;
}

} // namespace kns::netfilter
