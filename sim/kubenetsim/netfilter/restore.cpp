#include <kubenetsim/netfilter/restore.hpp>

#include <map>
#include <sstream>

#include <kubenetsim/netfilter/restore_grouped.hpp>
#include <kubenetsim/netfilter/rule_parser.hpp>

namespace kns::netfilter {

namespace {

constexpr const char* kProgram = "iptables-restore v1.8.9 (nf_tables): ";
constexpr const char* kTryHelp = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";

RestoreResult parameterProblem(const std::string& msg, int line) {
    return RestoreResult{false, 2, std::string(kProgram) + msg + "\nError occurred at line: " + std::to_string(line) + "\n" + kTryHelp, line, 0, 0};
}
RestoreResult lineFailed(const std::string& msg, int line) {
    return RestoreResult{false, 1, "iptables-restore: line " + std::to_string(line) + " failed: " + msg + "\n", line, 0, 0};
}
RestoreResult resourceProblem(const std::string& msg, int line) {
    return RestoreResult{false, 4, std::string(kProgram) + "\nline " + std::to_string(line) + ": " + msg + "\n", line, 0, 0};
}

bool parseCounters(const std::string& w, Counters& c) {
    if (w.size() < 5 || w.front() != '[' || w.back() != ']') return false;
    auto colon = w.find(':');
    if (colon == std::string::npos) return false;
    try {
        c.packets = std::stoull(w.substr(1, colon - 1));
        c.bytes = std::stoull(w.substr(colon + 1, w.size() - colon - 2));
    } catch (...) {
        return false;
    }
    return true;
}

// The table being written, and the jumps whose chain did not exist when the rule was read.
struct Pending {
    Table table;
    std::map<std::string, int> forwardJumps;  // chain -> line of the first rule naming it
    std::size_t rules = 0;
};

std::vector<std::string_view> splitLines(const std::string& text) {
    std::vector<std::string_view> lines;
    std::string_view rest(text);
    while (!rest.empty()) {
        std::size_t nl = rest.find('\n');
        std::string_view l = rest.substr(0, nl);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        lines.push_back(l);
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
    return lines;
}

// The line-by-line restore from lines[at], up to and including one table's COMMIT (or the end of
// the input). Returns the error that stops the restore, if any; `at` moves past what was read.
std::optional<RestoreResult> restoreSequential(Ruleset& rules, const std::vector<std::string_view>& lines, std::size_t& at,
                                               const RestoreOptions& options, RestoreResult& result) {
    std::optional<Pending> cur;
    // Is `chain` declared (":chain ...") after line index `from`, before the block's COMMIT?
    auto declaredLater = [&](const std::string& chain, std::size_t from) {
        const std::string decl = ":" + chain + " ";
        for (std::size_t i = from; i < lines.size(); ++i) {
            if (lines[i] == "COMMIT") return false;
            if (lines[i].starts_with(decl)) return true;
        }
        return false;
    };
    while (at < lines.size()) {
        const int lineNo = static_cast<int>(++at);
        const std::string line(trimLeft(lines[at - 1]));
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '*') {
            if (cur) return parameterProblem("iptables-restore: line " + std::to_string(lineNo) + " table name '" + line.substr(1) + "' invalid", lineNo);
            auto id = parseTableName(line.substr(1));
            if (!id) return parameterProblem("iptables-restore: line " + std::to_string(lineNo) + " table name '" + line.substr(1) + "' invalid", lineNo);
            const Table* existing = rules.table(*id);
            cur.emplace(Pending{options.noflush && existing ? *existing : Table(*id), {}, 0});
            continue;
        }
        if (!cur) return lineFailed("no table selected", lineNo);
        if (line == "COMMIT") {
            for (const auto& [chain, ruleLine] : cur->forwardJumps) {
                // Declared later in the block: the real command reports it at COMMIT.
                if (cur->table.find(chain)) return parameterProblem("Chain '" + chain + "' does not exist", lineNo);
            }
            result.rulesWritten += cur->rules;
            ++result.tablesCommitted;
            // Committed now, whatever a later block does (as iptables-restore 1.8.9 does; see restore.hpp).
            rules.ensureTable(cur->table.id()) = std::move(cur->table);
            return std::nullopt;
        }
        if (line[0] == ':') {
            std::istringstream ls(line.substr(1));
            std::string name, policy, counters;
            ls >> name >> policy >> counters;
            if (name.empty() || policy.empty()) return parameterProblem("bad chain line \"" + line + "\"", lineNo);
            Chain* c = cur->table.find(name);
            if (c && c->builtin) {
                if (policy != "ACCEPT" && policy != "DROP") return parameterProblem("Bad built-in chain policy `" + policy + "'", lineNo);
                c->policy = policy;
                c->rules.clear();
                c->rulesChanged();
                Counters cn;
                if (options.counters && parseCounters(counters, cn)) c->counters = cn;
            } else {
                if (policy != "-") return parameterProblem("Can't set policy `" + policy + "' on `" + name + "' line " + std::to_string(lineNo) + ": Bad built-in chain name", lineNo);
                if (name.size() > 28) return parameterProblem("Invalid chain name `" + name + "'", lineNo);
                Chain& created = cur->table.ensureChain(name);
                created.rules.clear();
                created.rulesChanged();
            }
            continue;
        }
        auto words = splitRuleWords(line);
        if (!words) return parameterProblem(words.error().message, lineNo);
        std::vector<std::string> w = std::move(*words);
        Counters ruleCounters;
        std::size_t first = 0;
        if (!w.empty() && w[0].front() == '[') {
            if (!parseCounters(w[0], ruleCounters)) return parameterProblem("Bad counter \"" + w[0] + "\"", lineNo);
            first = 1;
        }
        if (first >= w.size()) continue;
        const std::string cmd = w[first];
        const std::string chainName = first + 1 < w.size() ? w[first + 1] : "";
        if (cmd == "-A" || cmd == "--append" || cmd == "-I" || cmd == "--insert") {
            Chain* c = cur->table.find(chainName);
            if (!c) return lineFailed("No chain/target/match by that name.", lineNo);
            std::size_t specFrom = first + 2;
            std::size_t position = c->rules.size();
            if (cmd == "-I" || cmd == "--insert") {
                position = 0;
                if (specFrom < w.size() && !w[specFrom].empty() && std::isdigit(static_cast<unsigned char>(w[specFrom][0]))) {
                    position = std::stoul(w[specFrom]) - 1;
                    ++specFrom;
                    if (position > c->rules.size()) return lineFailed("Index of insertion too big.", lineNo);
                }
            }
            auto rule = parseRuleSpec(w, specFrom);
            if (!rule) return parameterProblem(rule.error().message, lineNo);
            if (rule->target.kind == TargetKind::Jump || rule->target.kind == TargetKind::Goto) {
                if (!cur->table.find(rule->target.chain)) {
                    // A chain declared later in the block fails at COMMIT, one never declared fails
                    // here: both as the real command reports them.
                    if (!declaredLater(rule->target.chain, static_cast<std::size_t>(lineNo)))
                        return parameterProblem("Chain '" + rule->target.chain + "' does not exist", lineNo);
                    cur->forwardJumps.emplace(rule->target.chain, lineNo);
                }
            }
            if (options.counters) {
                rule->counters = ruleCounters;
                cur->table.noteCounted(*c);
            }
            c->rules.insert(c->rules.begin() + static_cast<std::ptrdiff_t>(position), std::move(*rule));
            c->rulesChanged();
            ++cur->rules;
        } else if (cmd == "-N" || cmd == "--new-chain") {
            if (cur->table.find(chainName)) return lineFailed("Chain already exists.", lineNo);
            cur->table.ensureChain(chainName);
        } else if (cmd == "-X" || cmd == "--delete-chain") {
            if (chainName.empty()) {
                std::vector<std::string> users;
                for (const Chain& ch : cur->table.chains())
                    if (!ch.builtin) users.push_back(ch.name);
                for (const auto& n : users) cur->table.removeChain(n);
                continue;
            }
            const Chain* c = cur->table.find(chainName);
            if (!c) return lineFailed("No chain/target/match by that name.", lineNo);
            if (cur->table.references(chainName) > 0 || !c->rules.empty())
                return resourceProblem("CHAIN_DEL failed (Device or resource busy): chain " + chainName, lineNo);
            cur->table.removeChain(chainName);
        } else if (cmd == "-F" || cmd == "--flush") {
            if (chainName.empty()) {
                std::vector<std::string> names;
                for (const Chain& ch : cur->table.chains()) names.push_back(ch.name);
                for (const auto& n : names) {
                    Chain* ch = cur->table.find(n);
                    ch->rules.clear();
                    ch->rulesChanged();
                }
            } else if (Chain* c = cur->table.find(chainName)) {
                c->rules.clear();
                c->rulesChanged();
            } else {
                return lineFailed("No chain/target/match by that name.", lineNo);
            }
        } else if (cmd == "-P" || cmd == "--policy") {
            Chain* c = cur->table.find(chainName);
            std::string policy = first + 2 < w.size() ? w[first + 2] : "";
            if (!c || !c->builtin) return parameterProblem("Bad built-in chain name", lineNo);
            if (policy != "ACCEPT" && policy != "DROP") return parameterProblem("Bad policy name", lineNo);
            c->policy = policy;
        } else {
            return parameterProblem("unknown command \"" + cmd + "\"", lineNo);
        }
    }
    if (cur) {
        const int lineNo = static_cast<int>(lines.size());
        return RestoreResult{false, 1, "iptables-restore: COMMIT expected at line " + std::to_string(lineNo + 1) + "\n", lineNo + 1,
                             result.tablesCommitted, result.rulesWritten};
    }
    return std::nullopt;
}

} // namespace

std::string_view trimLeft(std::string_view line) {
    std::size_t first = line.find_first_not_of(" \t");
    return first == std::string_view::npos ? std::string_view() : line.substr(first);
}

RestoreResult restoreRuleset(Ruleset& rules, const std::string& text, const RestoreOptions& options) {
    RestoreResult result;
    const std::vector<std::string_view> lines = splitLines(text);
    std::size_t at = 0;
    while (at < lines.size()) {
        const std::string_view line = trimLeft(lines[at]);
        if (line.empty() || line[0] == '#') {
            ++at;
            continue;
        }
        if (line[0] == '*' && !options.lineByLine) {
            std::size_t commit = at + 1;
            while (commit < lines.size() && lines[commit] != "COMMIT") ++commit;
            if (commit < lines.size() && restoreGroupedBlock(rules, lines, at, commit, options, result)) {
                at = commit + 1;
                continue;
            }
        }
        if (auto error = restoreSequential(rules, lines, at, options, result)) return *error;
    }
    return result;
}

} // namespace kns::netfilter
