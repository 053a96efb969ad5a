#include <kubenetsim/netfilter/restore_grouped.hpp>

#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include <kubenetsim/netfilter/rule_parser.hpp>

namespace kns::netfilter {

namespace {

// One chain the block names, looked up once.
struct Entry {
    std::string_view name;
    bool declared = false;
    std::string_view policy;    // of its (last) declaration
    std::string_view counters;
    bool deleted = false;
    Chain* live = nullptr;        // the chain in the current table
    const Chain* base = nullptr;  // the chain in what the block starts from
    std::vector<std::string_view> lines;  // its appends, in input order
    std::vector<Rule> parsed;
    bool reuse = false;  // the live chain's rules came from exactly these lines
};

// The first space-separated word of `s` and what follows it.
std::string_view firstWord(std::string_view s, std::string_view* rest) {
    std::size_t end = 0;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
    std::size_t next = end;
    while (next < s.size() && (s[next] == ' ' || s[next] == '\t')) ++next;
    *rest = s.substr(next);
    return s.substr(0, end);
}

bool plainName(std::string_view name) {
    for (char c : name)
        if (c == '"' || c == '\'' || c == '\\') return false;
    return !name.empty();
}

bool sameLines(const std::string& source, const std::vector<std::string_view>& lines) {
    std::size_t at = 0;
    for (std::string_view l : lines) {
        if (source.size() < at + l.size() + 1 || source.compare(at, l.size(), l) != 0 || source[at + l.size()] != '\n') return false;
        at += l.size() + 1;
    }
    return at == source.size();
}

// Fresh rules have no counters and start their nth counting again.
void resetCounters(std::vector<Rule>& rules) {
    for (Rule& r : rules) {
        r.counters = {};
        for (Match& m : r.matches)
            if (auto* s = std::get_if<StatisticMatch>(&m)) s->nthCounter = 0;
    }
}

bool isJump(const Rule& r) { return r.target.kind == TargetKind::Jump || r.target.kind == TargetKind::Goto; }

bool parseCountersWord(std::string_view w, Counters& c) {
    if (w.size() < 5 || w.front() != '[' || w.back() != ']') return false;
    const auto colon = w.find(':');
    if (colon == std::string_view::npos) return false;
    c.packets = std::strtoull(std::string(w.substr(1, colon - 1)).c_str(), nullptr, 10);
    c.bytes = std::strtoull(std::string(w.substr(colon + 1, w.size() - colon - 2)).c_str(), nullptr, 10);
    return true;
}

} // namespace

bool restoreGroupedBlock(Ruleset& rules, const std::vector<std::string_view>& lines, std::size_t begin, std::size_t commit,
                         const RestoreOptions& options, RestoreResult& result) {
    const auto id = parseTableName(std::string(trimLeft(lines[begin]).substr(1)));
    if (!id) return false;
    Table* live = rules.table(*id);
    const Table fresh(*id);
    const bool inPlace = options.noflush && live;
    // What the block starts from: the current table with --noflush, an empty one without.
    const Table& base = inPlace ? *live : fresh;

    std::unordered_map<std::string_view, std::size_t> index;
    std::vector<Entry> entries;
    index.reserve(commit - begin);
    entries.reserve(commit - begin);
    auto entryFor = [&](std::string_view name) -> std::size_t {
        auto [it, added] = index.try_emplace(name, entries.size());
        if (added) {
            Entry e;
            e.name = name;
            e.live = live ? live->find(name) : nullptr;
            e.base = inPlace ? e.live : fresh.find(name);
            entries.push_back(std::move(e));
        }
        return it->second;
    };
    std::vector<std::size_t> deletions;
    std::size_t appends = 0;
    bool pastDeclarations = false;
    std::size_t current = 0;
    bool haveCurrent = false;  // `current` is the entry of the last append
    for (std::size_t i = begin + 1; i < commit; ++i) {
        const std::string_view line = trimLeft(lines[i]);
        if (line.empty() || line[0] == '#') continue;
        std::string_view rest;
        if (line[0] == ':') {
            if (pastDeclarations) return false;
            const std::string_view name = firstWord(line.substr(1), &rest);
            const std::string_view policy = firstWord(rest, &rest);
            const std::string_view counters = firstWord(rest, &rest);
            if (!plainName(name) || policy.empty()) return false;
            Entry& e = entries[entryFor(name)];
            e.declared = true;
            e.policy = policy;
            e.counters = counters;
            continue;
        }
        pastDeclarations = true;
        const std::string_view cmd = firstWord(line, &rest);
        const std::string_view chain = firstWord(rest, &rest);
        if (!plainName(chain)) return false;
        if (cmd == "-A") {
            // Runs of lines go to one chain (a KUBE-SEP's two rules, a KUBE-SVC's cascade).
            if (!haveCurrent || entries[current].name != chain) {
                current = entryFor(chain);
                haveCurrent = true;
            }
            entries[current].lines.push_back(line);
            ++appends;
        } else if (cmd == "-X" && rest.empty()) {
            deletions.push_back(entryFor(chain));
            entries[deletions.back()].deleted = true;
        } else {
            return false;
        }
    }

    // Declarations: policies only on built-in chains, as the line-by-line restore checks them.
    for (const Entry& e : entries) {
        if (!e.declared) continue;
        if (e.base && e.base->builtin) {
            if (e.policy != "ACCEPT" && e.policy != "DROP") return false;
        } else if (e.policy != "-" || e.name.size() > 28) {
            return false;
        }
    }
    auto existsAfter = [&](const std::string& name) {
        auto it = index.find(name);
        if (it == index.end()) return base.find(name) != nullptr;
        const Entry& e = entries[it->second];
        return (e.declared || e.base) && !e.deleted;
    };
    auto jumpsOk = [&](const std::vector<Rule>& rs) {
        for (const Rule& r : rs)
            if (isJump(r) && !existsAfter(r.target.chain)) return false;
        return true;
    };

    // Parse each chain's appends, or keep what the same lines gave last time.
    std::vector<std::string> words;  // reused line after line
    for (Entry& e : entries) {
        if (e.lines.empty()) continue;
        if ((!e.declared && !e.base) || e.deleted) return false;
        if (e.declared && e.live && e.live->source && e.live->rules.size() == e.live->sourceRules && sameLines(*e.live->source, e.lines)) {
            e.reuse = true;
            // In place, the chain's jumps name chains that exist and stay unless deleted here,
            // which the deletion check below catches; into a fresh table they must be declared.
            if (!inPlace && !jumpsOk(e.live->rules)) return false;
            continue;
        }
        e.parsed.reserve(e.lines.size());
        for (std::string_view l : e.lines) {
            if (!parseAppendLine(l, words, e.parsed)) return false;
        }
        if (!jumpsOk(e.parsed)) return false;
    }

    // Deletions: of user chains left empty, that no rule of the result names.
    if (!deletions.empty()) {
        for (std::size_t d : deletions) {
            const Entry& e = entries[d];
            if ((!e.base && !e.declared) || (e.base && e.base->builtin)) return false;
            if (e.base && !e.base->rules.empty() && !e.declared) return false;
        }
        auto namesDeleted = [&](const std::vector<Rule>& rs) {
            for (const Rule& r : rs) {
                if (!isJump(r)) continue;
                auto it = deletions.size() <= 8 ? index.end() : index.find(r.target.chain);
                if (deletions.size() <= 8) {  // kube-proxy deletes a few stale chains per sync
                    for (std::size_t d : deletions)
                        if (r.target.chain == entries[d].name) return true;
                } else if (it != index.end() && entries[it->second].deleted) {
                    return true;
                }
            }
            return false;
        };
        // The base chains whose rules stay: every one not flushed by a declaration (or kept).
        std::unordered_set<const Chain*> flushed;
        for (const Entry& e : entries)
            if (e.base && (e.deleted || (e.declared && !e.reuse))) flushed.insert(e.base);
        for (const Chain& c : base.chains())
            if (!flushed.count(&c) && namesDeleted(c.rules)) return false;
        for (const Entry& e : entries)
            if (namesDeleted(e.parsed)) return false;
    }

    // Valid: write it. Without --noflush the table is built anew (reusing the old rules where
    // the same lines come again); with it, the current table is changed in place.
    Table built(*id);
    Table& target = inPlace ? *live : built;
    for (Entry& e : entries) {
        if (!e.declared && e.lines.empty()) continue;
        Chain& c = inPlace && e.live ? *e.live : target.ensureChain(std::string(e.name));
        if (!e.declared) {  // appends to a chain the block does not declare
            c.rules.insert(c.rules.end(), std::make_move_iterator(e.parsed.begin()), std::make_move_iterator(e.parsed.end()));
            c.rulesChanged();
            continue;
        }
        if (c.builtin) {
            c.policy = std::string(e.policy);
            Counters cn;
            if (options.counters && parseCountersWord(e.counters, cn)) c.counters = cn;
        }
        if (e.reuse) {
            if (!inPlace) {
                c.rules = std::move(e.live->rules);
                c.source = e.live->source;
                c.sourceRules = e.live->sourceRules;
            }
            resetCounters(c.rules);
            continue;
        }
        c.rules = std::move(e.parsed);
        c.rulesChanged();
        std::size_t size = 0;
        for (std::string_view l : e.lines) size += l.size() + 1;
        std::string text;
        text.reserve(size);
        for (std::string_view l : e.lines) {
            text += l;
            text += '\n';
        }
        c.source = std::make_shared<const std::string>(std::move(text));
        c.sourceRules = c.rules.size();
    }
    for (std::size_t d : deletions) target.removeChain(std::string(entries[d].name));
    if (!inPlace) rules.ensureTable(*id) = std::move(built);
    result.rulesWritten += appends;
    ++result.tablesCommitted;
    return true;
}

} // namespace kns::netfilter
