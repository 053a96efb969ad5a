#include <kubenetsim/netfilter/rule_parser.hpp>

#include <array>
#include <cmath>
#include <cstdlib>

#include <kubenetsim/netfilter/ruleset.hpp>

namespace kns::netfilter {

namespace {
// The characters that end a run of plain ones: quotes and the spaces that separate words.
constexpr auto kEndsPlainRun = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'"', '\'', ' ', '\t', '\r'}) t[c] = true;
    return t;
}();
} // namespace

std::optional<Error> splitRuleWordsInto(std::string_view line, std::vector<std::string>& words, std::size_t& count) {
    count = 0;
    std::string* cur = nullptr;  // the word being built; null between words
    auto startWord = [&]() -> std::string* {
        if (count == words.size()) words.emplace_back();
        std::string* w = &words[count++];
        w->clear();  // keeps its capacity from an earlier line
        return w;
    };
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') {
            if (!cur) cur = startWord();
            // Runs between escapes at once (a comment is one long run).
            for (++i; i < line.size() && line[i] != '"';) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    *cur += line[i + 1];
                    i += 2;
                    continue;
                }
                std::size_t stop = i + 1;
                while (stop < line.size() && line[stop] != '"' && line[stop] != '\\') ++stop;
                cur->append(line.substr(i, stop - i));
                i = stop;
            }
            if (i >= line.size()) return Error{"unterminated double quote", "column " + std::to_string(line.size())};
        } else if (c == '\'') {
            if (!cur) cur = startWord();
            const std::size_t close = line.find('\'', i + 1);
            if (close == std::string_view::npos) return Error{"unterminated single quote", "column " + std::to_string(line.size())};
            cur->append(line.substr(i + 1, close - i - 1));
            i = close;
        } else if (isSpace(c)) {
            cur = nullptr;
        } else {
            // A run of plain characters at once.
            std::size_t end = i + 1;
            while (end < line.size() && !kEndsPlainRun[static_cast<unsigned char>(line[end])]) ++end;
            if (!cur) cur = startWord();
            cur->append(line.substr(i, end - i));
            i = end - 1;
        }
    }
    return std::nullopt;
}

Expected<std::vector<std::string>> splitRuleWords(const std::string& line) {
    std::vector<std::string> words;
    std::size_t count = 0;
    if (auto e = splitRuleWordsInto(line, words, count)) return *e;
    words.resize(count);
    return words;
}

std::uint32_t storedProbability(double p) { return static_cast<std::uint32_t>(std::lround(p * 2147483648.0)); }

namespace {

bool parseUint(const std::string& s, std::uint64_t max, std::uint64_t& out, int base = 10) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), &end, base);
    if (*end || errno || v > max || s[0] == '-') return false;
    out = v;
    return true;
}

bool parseMarkPair(const std::string& s, std::uint32_t& value, std::uint32_t& mask, bool& hasMask) {
    auto slash = s.find('/');
    std::uint64_t v = 0, m = 0xFFFFFFFFu;
    if (!parseUint(s.substr(0, slash), 0xFFFFFFFFu, v, 0)) return false;
    hasMask = slash != std::string::npos;
    if (hasMask && !parseUint(s.substr(slash + 1), 0xFFFFFFFFu, m, 0)) return false;
    value = static_cast<std::uint32_t>(v);
    mask = static_cast<std::uint32_t>(m);
    return true;
}

bool parsePortRange(const std::string& s, PortSpec& p) {
    auto colon = s.find(':');
    std::uint64_t lo = 0, hi = 0;
    if (!parseUint(s.substr(0, colon), 65535, lo)) return false;
    hi = lo;
    if (colon != std::string::npos && !parseUint(s.substr(colon + 1), 65535, hi)) return false;
    if (hi < lo) return false;
    p.set = true;
    p.lo = static_cast<std::uint16_t>(lo);
    p.hi = static_cast<std::uint16_t>(hi);
    return true;
}

bool parseNatRange(const std::string& s, NatRange& r, bool portsUseDash) {
    std::string addr = s, ports;
    auto colon = s.find(':');
    if (colon != std::string::npos) {
        addr = s.substr(0, colon);
        ports = s.substr(colon + 1);
    }
    if (portsUseDash) {  // --to-ports of MASQUERADE: "P" or "P-Q", no address
        ports = s;
        addr.clear();
    }
    if (!addr.empty()) {
        auto dash = addr.find('-');
        auto lo = Ipv4::parse(addr.substr(0, dash));
        auto hi = dash == std::string::npos ? lo : Ipv4::parse(addr.substr(dash + 1));
        if (!lo || !hi) return false;
        r.hasAddress = true;
        r.addrLo = *lo;
        r.addrHi = *hi;
    }
    if (!ports.empty()) {
        auto dash = ports.find('-');
        std::uint64_t lo = 0, hi = 0;
        if (!parseUint(ports.substr(0, dash), 65535, lo)) return false;
        hi = lo;
        if (dash != std::string::npos && !parseUint(ports.substr(dash + 1), 65535, hi)) return false;
        r.hasPorts = true;
        r.portLo = static_cast<std::uint16_t>(lo);
        r.portHi = static_cast<std::uint16_t>(hi);
    }
    return r.hasAddress || r.hasPorts;
}

bool parseCtStates(const std::string& s, std::uint32_t& out) {
    out = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto comma = s.find(',', start);
        std::string w = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (w == "INVALID") out |= kCtInvalid;
        else if (w == "NEW") out |= kCtNew;
        else if (w == "RELATED") out |= kCtRelated;
        else if (w == "ESTABLISHED") out |= kCtEstablished;
        else if (w == "UNTRACKED") out |= kCtUntracked;
        else if (w == "SNAT") out |= kCtSnat;
        else if (w == "DNAT") out |= kCtDnat;
        else return false;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out != 0;
}

template <class M>
M* lastMatch(Rule& r) {
    for (auto it = r.matches.rbegin(); it != r.matches.rend(); ++it)
        if (auto* m = std::get_if<M>(&*it)) return m;
    return nullptr;
}

const char* protoFromNumber(std::string_view p) {
    if (p == "6") return "tcp";
    if (p == "17") return "udp";
    if (p == "1") return "icmp";
    if (p == "132") return "sctp";
    return nullptr;
}

} // namespace

bool parseAppendLine(std::string_view line, std::vector<std::string>& words, std::vector<Rule>& out) {
    std::size_t count = 0;
    if (splitRuleWordsInto(line, words, count) || count < 2) return false;
    // Parsed in place: a Rule is large, and a sync appends hundreds of thousands of them.
    Rule& r = out.emplace_back();
    if (!parseRuleSpecInto(std::span<const std::string>(words.data(), count), 2, r)) return true;
    out.pop_back();
    return false;
}

Expected<Rule> parseRuleSpec(std::span<const std::string> args, std::size_t from) {
    Rule r;
    if (auto e = parseRuleSpecInto(args, from, r)) return *e;
    return r;
}

std::optional<Error> parseRuleSpecInto(std::span<const std::string> args, std::size_t from, Rule& r) {
    // The matches in one allocation of the right size (a port match loaded by --dport alone may add one).
    std::size_t modules = 0;
    for (std::size_t i = from; i < args.size(); ++i) modules += args[i] == "-m" || args[i] == "--match";
    r.matches.reserve(modules);
    bool negate = false;
    bool haveTarget = false;
    auto err = [&](const std::string& msg, std::string_view where) { return Error{msg, std::string(where)}; };
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const std::string_view a = arg;  // compared against every option name: no strlen each time
        if (a == "!") {
            if (negate) return err("multiple `!' flags not allowed", a);
            negate = true;
            continue;
        }
        auto value = [&]() -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            return &args[++i];
        };
        const bool neg = negate;
        negate = false;
        auto needValue = [&](const std::string*& v) -> std::optional<Error> {
            v = value();
            if (!v) return Error{"option \"" + arg + "\" requires an argument", arg};
            return std::nullopt;
        };
        const std::string* v = nullptr;
        if (a == "-s" || a == "--source" || a == "-d" || a == "--destination") {
            if (auto e = needValue(v)) return *e;
            auto c = Cidr::parse(*v);
            if (!c) return err("host/network `" + *v + "' not found", a);
            AddrSpec& spec = (a == "-s" || a == "--source") ? r.src : r.dst;
            spec = AddrSpec{true, neg, Cidr{Ipv4{c->base.value & c->mask()}, c->prefix}};
        } else if (a == "-i" || a == "--in-interface" || a == "-o" || a == "--out-interface") {
            if (auto e = needValue(v)) return *e;
            IfaceSpec& spec = (a == "-i" || a == "--in-interface") ? r.in : r.out;
            spec = IfaceSpec{true, neg, *v};
        } else if (a == "-p" || a == "--protocol") {
            if (auto e = needValue(v)) return *e;
            std::string_view p = *v;
            if (const char* named = protoFromNumber(p)) p = named;
            if (p != "tcp" && p != "udp" && p != "icmp" && p != "sctp" && p != "all")
                return err("unknown protocol \"" + *v + "\" specified", a);
            r.proto = ProtoSpec{true, neg, std::string(p)};
        } else if (a == "-m" || a == "--match") {
            if (auto e = needValue(v)) return *e;
            const std::string_view m = *v;
            if (m == "comment") r.matches.emplace_back(CommentMatch{});
            else if (m == "tcp" || m == "udp") r.matches.emplace_back(PortMatch{*v, {}, {}});
            else if (m == "statistic") r.matches.emplace_back(StatisticMatch{});
            else if (m == "mark") r.matches.emplace_back(MarkMatch{});
            else if (m == "conntrack") r.matches.emplace_back(ConntrackMatch{});
            else if (m == "addrtype") r.matches.emplace_back(AddrtypeMatch{});
            else if (m == "recent") r.matches.emplace_back(RecentMatch{});
            else if (m == "physdev") r.matches.emplace_back(PhysdevMatch{});
            else return err("Couldn't load match `" + *v + "':No such file or directory", a);
        } else if (a == "--comment") {
            auto* m = lastMatch<CommentMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (auto e = needValue(v)) return *e;
            if (v->size() > 255) return err("COMMENT must be shorter than 256 characters", a);
            m->text = *v;
        } else if (a == "--sport" || a == "--source-port" || a == "--dport" || a == "--destination-port") {
            auto* m = lastMatch<PortMatch>(r);
            if (!m) {
                if (!r.proto.set || (r.proto.name != "tcp" && r.proto.name != "udp")) return err("unknown option \"" + arg + "\"", a);
                r.matches.emplace_back(PortMatch{r.proto.name, {}, {}});  // implicit -m tcp/udp
                m = lastMatch<PortMatch>(r);
            }
            if (auto e = needValue(v)) return *e;
            PortSpec& p = (a == "--sport" || a == "--source-port") ? m->sport : m->dport;
            if (!parsePortRange(*v, p)) return err("invalid port/service `" + *v + "' specified", a);
            p.negated = neg;
        } else if (a == "--mode" || a == "--probability" || a == "--every" || a == "--packet") {
            auto* m = lastMatch<StatisticMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (auto e = needValue(v)) return *e;
            if (a == "--mode") {
                const std::string_view mode = *v;
                if (mode != "random" && mode != "nth") return err("Bad mode \"" + *v + "\"", a);
                m->nth = mode == "nth";
            } else if (a == "--probability") {
                char* end = nullptr;
                double p = std::strtod(v->c_str(), &end);
                if (*end || v->empty() || p < 0 || p > 1) return err("--probability must be between 0 and 1", a);
                m->probability = storedProbability(p);
                m->negated = neg;
            } else {
                std::uint64_t n = 0;
                if (!parseUint(*v, 0xFFFFFFFFu, n)) return err("cannot parse --" + arg.substr(2) + " \"" + *v + "\"", a);
                if (a == "--every") {
                    if (n == 0) return err("--every must be larger than 0", a);
                    m->every = static_cast<std::uint32_t>(n);
                    m->negated = neg;
                } else {
                    m->packet = static_cast<std::uint32_t>(n);
                }
            }
        } else if (a == "--mark") {
            auto* m = lastMatch<MarkMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (auto e = needValue(v)) return *e;
            bool hasMask = false;
            if (!parseMarkPair(*v, m->mark, m->mask, hasMask)) return err("Bad MARK value \"" + *v + "\"", a);
            m->negated = neg;
        } else if (a == "--ctstate") {
            auto* m = lastMatch<ConntrackMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (auto e = needValue(v)) return *e;
            if (!parseCtStates(*v, m->states)) return err("Bad ctstate \"" + *v + "\"", a);
            m->negated = neg;
        } else if (a == "--src-type" || a == "--dst-type") {
            auto* m = lastMatch<AddrtypeMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (auto e = needValue(v)) return *e;
            static const char* kTypes[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                                           "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};
            bool known = false;
            for (const char* t : kTypes) known = known || *v == t;
            if (!known) return err("addrtype: invalid type \"" + *v + "\"", a);
            if (a == "--src-type") { m->src = true; m->srcNegated = neg; m->srcType = *v; }
            else { m->dst = true; m->dstNegated = neg; m->dstType = *v; }
        } else if (a == "--set" || a == "--rcheck" || a == "--update" || a == "--remove" || a == "--seconds" || a == "--reap" ||
                   a == "--hitcount" || a == "--name" || a == "--mask" || a == "--rsource" || a == "--rdest") {
            auto* m = lastMatch<RecentMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            using C = RecentMatch::Command;
            if (a == "--set" || a == "--rcheck" || a == "--update" || a == "--remove") {
                m->command = a == "--set" ? C::Set : a == "--rcheck" ? C::Rcheck : a == "--update" ? C::Update : C::Remove;
                m->negated = neg;
            } else if (a == "--reap") m->reap = true;
            else if (a == "--rsource") m->rsource = true;
            else if (a == "--rdest") m->rsource = false;
            else {
                if (auto e = needValue(v)) return *e;
                std::uint64_t n = 0;
                if (a == "--name") m->name = *v;
                else if (a == "--mask") {
                    auto ip = Ipv4::parse(*v);
                    if (!ip) return err("recent: bad mask \"" + *v + "\"", a);
                    m->mask = *ip;
                } else if (!parseUint(*v, 0xFFFFFFFFu, n)) return err("recent: bad value for option \"" + arg + "\"", a);
                else if (a == "--seconds") m->seconds = static_cast<std::uint32_t>(n);
                else m->hitcount = static_cast<std::uint32_t>(n);
            }
        } else if (a.rfind("--physdev-", 0) == 0) {
            auto* m = lastMatch<PhysdevMatch>(r);
            if (!m) return err("unknown option \"" + arg + "\"", a);
            if (a == "--physdev-is-in") { m->isIn = true; m->isInNegated = neg; }
            else if (a == "--physdev-is-out") { m->isOut = true; m->isOutNegated = neg; }
            else if (a == "--physdev-is-bridged") { m->isBridged = true; m->isBridgedNegated = neg; }
            else if (a == "--physdev-in" || a == "--physdev-out") {
                if (auto e = needValue(v)) return *e;
                (a == "--physdev-in" ? m->in : m->out) = IfaceSpec{true, neg, *v};
            } else return err("unknown option \"" + arg + "\"", a);
        } else if (a == "-j" || a == "--jump" || a == "-g" || a == "--goto") {
            if (haveTarget) return err("multiple -j flags not allowed", a);
            if (auto e = needValue(v)) return *e;
            haveTarget = true;
            const std::string_view t = *v;
            Target& tg = r.target;
            if (a == "-g" || a == "--goto") { tg.kind = TargetKind::Goto; tg.chain = *v; }
            else if (t == "ACCEPT") tg.kind = TargetKind::Accept;
            else if (t == "DROP") tg.kind = TargetKind::Drop;
            else if (t == "RETURN") tg.kind = TargetKind::Return;
            else if (t == "REJECT") tg.kind = TargetKind::Reject;
            else if (t == "DNAT") tg.kind = TargetKind::Dnat;
            else if (t == "SNAT") tg.kind = TargetKind::Snat;
            else if (t == "MASQUERADE") tg.kind = TargetKind::Masquerade;
            else if (t == "MARK") tg.kind = TargetKind::Mark;
            else if (t == "LOG") tg.kind = TargetKind::Log;
            else { tg.kind = TargetKind::Jump; tg.chain = *v; }
        } else if (haveTarget && (a == "--to-destination" || a == "--to-source" || a == "--to-ports" || a == "--to")) {
            if (auto e = needValue(v)) return *e;
            bool masq = r.target.kind == TargetKind::Masquerade;
            if (!parseNatRange(*v, r.target.range, masq && a == "--to-ports")) return err("Bad IP address \"" + *v + "\"", a);
        } else if (haveTarget && (a == "--random" || a == "--random-fully" || a == "--persistent")) {
            if (a == "--random") r.target.random = true;
            else if (a == "--random-fully") r.target.randomFully = true;
            else r.target.persistent = true;
        } else if (haveTarget && r.target.kind == TargetKind::Reject && a == "--reject-with") {
            if (auto e = needValue(v)) return *e;
            if (!parseRejectWith(*v, r.target.rejectWith)) return err("unknown reject type \"" + *v + "\"", a);
        } else if (haveTarget && r.target.kind == TargetKind::Mark &&
                   (a == "--set-xmark" || a == "--set-mark" || a == "--or-mark" || a == "--xor-mark" || a == "--and-mark")) {
            if (auto e = needValue(v)) return *e;
            std::uint32_t val = 0, mask = 0;
            bool hasMask = false;
            if (!parseMarkPair(*v, val, mask, hasMask)) return err("Bad MARK value \"" + *v + "\"", a);
            // libxt_MARK: every form is stored as XOR-after-clearing (value, mask).
            Target& t = r.target;
            if (a == "--set-xmark") { t.markValue = val; t.markMask = hasMask ? mask : 0xFFFFFFFFu; }
            else if (a == "--set-mark") { t.markValue = val; t.markMask = hasMask ? (mask | val) : 0xFFFFFFFFu; }
            else if (a == "--or-mark") { t.markValue = val; t.markMask = val; }
            else if (a == "--xor-mark") { t.markValue = val; t.markMask = 0; }
            else { t.markValue = 0; t.markMask = ~val; }
        } else if (haveTarget && r.target.kind == TargetKind::Log && (a == "--log-prefix" || a == "--log-level")) {
            if (auto e = needValue(v)) return *e;
            if (a == "--log-prefix") {
                if (v->size() > 29) return err("Maximum prefix length 29 for --log-prefix", a);
                r.target.logPrefix = *v;
            } else {
                std::uint64_t n = 0;
                if (!parseUint(*v, 7, n)) return err("log-level `" + *v + "' unknown", a);
                r.target.logLevel = static_cast<int>(n);
            }
        } else {
            return err("unknown option \"" + arg + "\"", a);
        }
        if (neg && (a == "-m" || a == "-j" || a == "-g")) return err("unexpected ! flag before " + arg, a);
    }
    if (negate) return err("! at the end of the rule", "!");
    if (r.target.kind == TargetKind::Mark && r.target.markMask == 0 && r.target.markValue == 0)
        return err("MARK target: Parameter --set-xmark/--set-mark/--and-mark/--or-mark/--xor-mark is required", "-j MARK");
    if (r.target.kind == TargetKind::Dnat && !r.target.range.hasAddress && !r.target.range.hasPorts)
        return err("DNAT: option \"--to-destination\" must be specified", "-j DNAT");
    return std::nullopt;
}

} // namespace kns::netfilter
