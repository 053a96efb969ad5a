#include <kubenetsim/netfilter/list.hpp>

#include <cstdio>

#include <kubenetsim/netfilter/save.hpp>

namespace kns::netfilter {

namespace {

std::string fmt(const char* f, const std::string& s) {
    char b[512];
    std::snprintf(b, sizeof b, f, s.c_str());
    return b;
}

// xtables_print_num: exact with -x, else K/M/G/T units above 99999.
std::string number(std::uint64_t n, bool exact) {
    char b[32];
    if (exact) {
        std::snprintf(b, sizeof b, "%8llu ", static_cast<unsigned long long>(n));
        return b;
    }
    if (n <= 99999) {
        std::snprintf(b, sizeof b, "%5llu ", static_cast<unsigned long long>(n));
        return b;
    }
    const char* units = "KMGT";
    for (int u = 0; u < 4; ++u) {
        n = (n + 500) / 1000;
        if (n <= 9999 || u == 3) {
            std::snprintf(b, sizeof b, "%4llu%c ", static_cast<unsigned long long>(n), units[u]);
            return b;
        }
    }
    return b;
}

int protoNumber(const std::string& p) {
    if (p == "tcp") return 6;
    if (p == "udp") return 17;
    if (p == "icmp") return 1;
    if (p == "sctp") return 132;
    return 0;
}

std::string serviceName(int port, const std::string& proto) {
    // The few names of /etc/services that kubenetsim's rules meet.
    struct Name {
        int port;
        const char* name;
    };
    static const Name kTcp[] = {{22, "ssh"}, {53, "domain"}, {80, "http"}, {443, "https"}, {8080, "http-alt"}};
    static const Name kUdp[] = {{53, "domain"}};
    if (proto == "tcp")
        for (const auto& n : kTcp)
            if (n.port == port) return n.name;
    if (proto == "udp")
        for (const auto& n : kUdp)
            if (n.port == port) return n.name;
    return std::to_string(port);
}

std::string addr(const AddrSpec& a, bool numeric) {
    if (!a.set || a.cidr.prefix == 0) return numeric ? "0.0.0.0/0" : "anywhere";
    if (a.cidr.prefix == 32) return a.cidr.base.str();
    return a.cidr.str();
}

std::string hex(std::uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%x", v);
    return b;
}

std::string ports(const PortSpec& p, const char* one, const char* many, bool numeric, const std::string& proto) {
    std::string s = " ";
    s += p.lo == p.hi ? one : many;
    s += ":";
    if (p.negated) s += "!";
    auto name = [&](int port) { return numeric ? std::to_string(port) : serviceName(port, proto); };
    s += name(p.lo);
    if (p.hi != p.lo) s += ":" + name(p.hi);
    return s;
}

struct MatchPrinter {
    std::string& out;
    bool numeric;
    void operator()(const CommentMatch& m) { out += " /* " + m.text + " */"; }
    void operator()(const PortMatch& m) {
        out += " " + m.proto;
        if (m.sport.set) out += ports(m.sport, "spt", "spts", numeric, m.proto);
        if (m.dport.set) out += ports(m.dport, "dpt", "dpts", numeric, m.proto);
    }
    void operator()(const StatisticMatch& m) {
        if (m.nth) {
            out += " statistic mode nth" + std::string(m.negated ? " !" : "") + " every " + std::to_string(m.every);
            if (m.packet) out += " packet " + std::to_string(m.packet);
        } else {
            out += " statistic mode random" + std::string(m.negated ? " !" : "") + " probability " + probabilityText(m.probability);
        }
    }
    void operator()(const MarkMatch& m) {
        out += " mark match" + std::string(m.negated ? " !" : "") + " " + hex(m.mark);
        if (m.mask != 0xFFFFFFFFu) out += "/" + hex(m.mask);
    }
    void operator()(const ConntrackMatch& m) { out += std::string(m.negated ? " !" : "") + " ctstate " + ctStateList(m.states); }
    void operator()(const AddrtypeMatch& m) {
        out += " ADDRTYPE match";
        if (m.src) out += " src-type " + std::string(m.srcNegated ? "!" : "") + m.srcType;
        if (m.dst) out += " dst-type " + std::string(m.dstNegated ? "!" : "") + m.dstType;
    }
    void operator()(const RecentMatch& m) {
        if (m.negated) out += " !";
        out += " recent:";
        switch (m.command) {
        case RecentMatch::Command::Set: out += " SET"; break;
        case RecentMatch::Command::Rcheck: out += " CHECK"; break;
        case RecentMatch::Command::Update: out += " UPDATE"; break;
        case RecentMatch::Command::Remove: out += " REMOVE"; break;
        }
        if (m.seconds) out += " seconds: " + std::to_string(m.seconds);
        if (m.reap) out += " reap";
        if (m.hitcount) out += " hit_count: " + std::to_string(m.hitcount);
        out += " name: " + m.name + " side: " + (m.rsource ? "source" : "dest") + " mask: " + m.mask.str();
    }
    void operator()(const PhysdevMatch& m) {
        out += " PHYSDEV match";
        if (m.isIn) out += std::string(m.isInNegated ? " !" : "") + " --physdev-is-in";
        if (m.in.set) out += std::string(m.in.negated ? " !" : "") + " --physdev-in " + m.in.name;
        if (m.isOut) out += std::string(m.isOutNegated ? " !" : "") + " --physdev-is-out";
        if (m.out.set) out += std::string(m.out.negated ? " !" : "") + " --physdev-out " + m.out.name;
        if (m.isBridged) out += std::string(m.isBridgedNegated ? " !" : "") + " --physdev-is-bridged";
    }
};

std::string targetName(const Target& t) {
    switch (t.kind) {
    case TargetKind::None: return "";
    case TargetKind::Accept: return "ACCEPT";
    case TargetKind::Drop: return "DROP";
    case TargetKind::Return: return "RETURN";
    case TargetKind::Jump:
    case TargetKind::Goto: return t.chain;
    case TargetKind::Reject: return "REJECT";
    case TargetKind::Dnat: return "DNAT";
    case TargetKind::Snat: return "SNAT";
    case TargetKind::Masquerade: return "MASQUERADE";
    case TargetKind::Mark: return "MARK";
    case TargetKind::Log: return "LOG";
    }
    return "";
}

std::string natTo(const NatRange& r) {
    std::string s = r.addrLo.str();
    if (r.addrHi != r.addrLo) s += "-" + r.addrHi.str();
    if (r.hasPorts) {
        s += ":" + std::to_string(r.portLo);
        if (r.portHi != r.portLo) s += "-" + std::to_string(r.portHi);
    }
    return s;
}

std::string targetExtras(const Target& t) {
    switch (t.kind) {
    case TargetKind::Goto: return "[goto] ";
    case TargetKind::Reject: return std::string(" reject-with ") + rejectWithName(t.rejectWith);
    case TargetKind::Dnat:
    case TargetKind::Snat: {
        std::string s = " to:" + natTo(t.range);
        if (t.random) s += " random";
        if (t.randomFully) s += " random-fully";
        if (t.persistent) s += " persistent";
        return s;
    }
    case TargetKind::Masquerade: {
        std::string s;
        if (t.range.hasPorts) s += " masq ports: " + std::to_string(t.range.portLo) + (t.range.portHi != t.range.portLo ? "-" + std::to_string(t.range.portHi) : "");
        if (t.random) s += " random";
        if (t.randomFully) s += " random-fully";
        return s;
    }
    case TargetKind::Mark:
        if (t.markValue == 0) return " MARK and " + hex(~t.markMask);
        if (t.markValue == t.markMask) return " MARK or " + hex(t.markValue);
        if (t.markMask == 0) return " MARK xor " + hex(t.markValue);
        if (t.markMask == 0xFFFFFFFFu) return " MARK set " + hex(t.markValue);
        return " MARK xset " + hex(t.markValue) + "/" + hex(t.markMask);
    case TargetKind::Log: {
        std::string s = " LOG flags 0 level " + std::to_string(t.logLevel);
        if (!t.logPrefix.empty()) s += " prefix \"" + t.logPrefix + "\"";
        return s;
    }
    default: return "";
    }
}

std::string header(const ListOptions& o) {
    std::string s;
    if (o.lineNumbers) s += "num  ";
    if (o.verbose) s += o.exact ? "    pkts      bytes " : " pkts bytes ";
    s += "target     prot opt ";
    if (o.verbose) s += "in     out     ";
    s += "source               destination         \n";
    return s;
}

std::string row(const Rule& r, int num, const ListOptions& o) {
    std::string s;
    if (o.lineNumbers) {
        char b[16];
        std::snprintf(b, sizeof b, "%-4d ", num);
        s += b;
    }
    if (o.verbose) s += number(r.counters.packets, o.exact) + number(r.counters.bytes, o.exact);
    s += fmt("%-9s ", targetName(r.target));
    s += r.proto.negated ? '!' : ' ';
    const std::string proto = r.proto.set ? r.proto.name : "all";
    s += o.numeric ? fmt("%-5s", std::to_string(protoNumber(proto))) : fmt("%-5s", proto);
    s += "-- ";
    if (o.verbose) {
        s += (r.in.negated ? "!" : " ") + fmt("%-6s ", r.in.set ? r.in.name : "*");
        // iptables-nft prints the output interface without a separate negation column.
        s += fmt("%-6s ", r.out.set ? (r.out.negated ? "!" : "") + r.out.name : "*");
    }
    s += (r.src.negated ? "!" : " ") + fmt("%-19s ", addr(r.src, o.numeric));
    s += (r.dst.negated ? "!" : " ") + fmt("%-19s ", addr(r.dst, o.numeric));
    MatchPrinter p{s, o.numeric};
    for (const auto& m : r.matches) std::visit(p, m);
    s += targetExtras(r.target);
    return s + "\n";
}

std::string chainBlock(const Table& table, const Chain& c, const ListOptions& o) {
    std::string s = "Chain " + c.name + " (";
    if (c.builtin) {
        s += "policy " + c.policy;
        if (o.verbose) s += " " + std::to_string(c.counters.packets) + " packets, " + std::to_string(c.counters.bytes) + " bytes";
    } else {
        s += std::to_string(table.references(c.name)) + " references";
    }
    s += ")\n" + header(o);
    int n = 0;
    for (const auto& r : c.rules) s += row(r, ++n, o);
    return s;
}

} // namespace

Expected<std::string> listChains(const Table& table, const std::optional<std::string>& chain, const ListOptions& o) {
    if (chain) {
        const Chain* c = table.find(*chain);
        if (!c) return Error{"iptables: No chain/target/match by that name.", *chain};
        return chainBlock(table, *c, o);
    }
    std::string out;
    for (const auto& c : table.chains()) {
        if (!out.empty()) out += "\n";
        out += chainBlock(table, c, o);
    }
    return out;
}

Expected<std::string> listRulesS(const Table& table, const std::optional<std::string>& chain) {
    std::string out;
    for (const auto& c : table.chains()) {
        if (chain && c.name != *chain) continue;
        out += c.builtin ? "-P " + c.name + " " + c.policy + "\n" : "-N " + c.name + "\n";
    }
    if (chain && out.empty()) return Error{"iptables: No chain/target/match by that name.", *chain};
    for (const auto& c : table.chains()) {
        if (chain && c.name != *chain) continue;
        for (const auto& r : c.rules) out += ruleText(c.name, r) + "\n";
    }
    return out;
}

} // namespace kns::netfilter
