// applySync's own way of writing a sync: from its parts, touching only what changed since the
// last sync it wrote, with the result `iptables-restore --noflush` of the whole text gives. It
// checks everything the restore would check first and declines (changing nothing) when it cannot
// prove the result the same; applySync then restores the text.
#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <kubenetsim/netfilter/rule_parser.hpp>
#include <kubenetsim/proxy/parsed_parts.hpp>
#include <kubenetsim/proxy/sync_apply.hpp>
#include <kubenetsim/proxy/sync_parts.hpp>

namespace kns::proxy {

using namespace netfilter;

namespace {

constexpr std::size_t kMaxChainName = 28;  // what the restore accepts in a declaration

bool isJump(const Rule& r) { return r.target.kind == TargetKind::Jump || r.target.kind == TargetKind::Goto; }

// Fresh rules have no counters and start their nth counting again.
void resetCounters(std::vector<Rule>& rules) {
    for (Rule& r : rules) {
        r.counters = {};
        for (Match& m : r.matches)
            if (auto* s = std::get_if<StatisticMatch>(&m)) s->nthCounter = 0;
    }
}

// A chain the fixed part of the sync declares (KUBE-SERVICES ...): its new rules are the fixed
// head's, each service's in order, then the fixed tail's.
struct SharedChain {
    // Rules parsed now, or (parsed null) a run of the live chain's rules that stays.
    struct Piece {
        std::vector<Rule>* parsed = nullptr;
        std::size_t from = 0, count = 0;
    };
    std::string name;
    std::vector<Rule> head, tail;
    std::vector<Piece> pieces;  // between head and tail, in order
    std::size_t total = 0;
};

// One own chain of a changed service, ready to write.
struct OwnChain {
    const std::string* name;
    const ChainLines* part = nullptr;  // null: declared without rules
    bool reuse = false;                // the live chain already holds exactly these lines
    std::vector<Rule> rules;
};

// One table's share of the sync.
class TableWrite {
public:
    TableWrite(Table& table, TableId id, const SyncOutput& sync, const SyncCache::Applied* before, ParsedParts& parsed)
        : m_table(table), m_id(id), m_sync(sync), m_before(before), m_parsed(parsed) {}

    // Checks and prepares everything; false (nothing changed) when the restore must decide.
    bool prepare(const RulesSet& old, const std::vector<std::string>& stale) {
        const bool nat = m_id == TableId::Nat;
        m_stale = nat ? &stale : nullptr;
        for (const std::string& name : declaredChains(nat ? m_sync.natChains : m_sync.filterChains)) {
            const Chain* live = m_table.find(name);
            if ((live && live->builtin) || name.size() > kMaxChainName) return false;
            m_shared.push_back(SharedChain{name, {}, {}, {}, 0});
        }
        bool ok = true;
        for (const ChainLines& p : splitByChain(nat ? m_sync.natHead : m_sync.filterHead, false, ok)) {
            SharedChain* s = shared(p.chain);
            if (!s || !parseRuleLines(*p.text, s->head)) return false;
        }
        for (const ChainLines& p : splitByChain(nat ? m_sync.natTail : m_sync.filterTail, true, ok)) {
            SharedChain* s = shared(p.chain);
            if (!s || !parseRuleLines(*p.text, s->tail)) return false;
        }
        if (!ok) return false;
        for (SharedChain& s : m_shared)
            if (!targetsOk(s.head, nullptr) || !targetsOk(s.tail, nullptr)) return false;
        // Each service's parts: own chains of the changed ones, shares of the shared chains.
        for (const auto& svc : m_sync.services) {
            const bool changed = !old.count(svc.get());
            const auto& parts = nat ? svc->natParts : svc->filterParts;
            // Shared chains' parts come first (splitServiceRules); they count theirs in buildShared.
            std::size_t sharedRules = 0;
            for (const ChainLines& p : parts) {
                if (p.own) break;
                if (!shared(p.chain)) return false;
                sharedRules += p.rules;
            }
            // The service's own rules: its lines less its chain declarations, filter rules and shares.
            if (nat) m_rulesWritten += svc->lines - svc->chains.size() - filterRules(*svc) - sharedRules;
            if (!changed) continue;
            if (nat && !prepareOwn(*svc)) return false;
            for (const ChainLines& p : parts) {
                if (p.own) break;
                std::vector<Rule> parsed;
                if (!m_parsed.take(p, parsed) || !targetsOk(parsed, svc.get())) return false;
                m_parsedShares.emplace(&p, std::move(parsed));
            }
        }
        return buildShared(old);
    }

    // Writes what prepare() built. `declared` says whether the sync declares a chain (its
    // counters are reset, as a flush and fresh rules leave them).
    template <class Declared> void commit(const Declared& declared) {
        m_table.reserveChains(m_table.chainCount() + m_own.size());
        for (OwnChain& o : m_own) {
            Chain& c = m_table.ensureChain(*o.name);
            if (o.reuse) continue;  // counters: below
            c.rules = std::move(o.rules);
            c.rulesChanged();
            if (o.part) {
                c.source = o.part->text;
                c.sourceRules = c.rules.size();
            }
        }
        for (SharedChain& s : m_shared) {
            Chain& c = m_table.ensureChain(s.name);
            std::vector<Rule> next;
            next.reserve(s.total);
            std::move(s.head.begin(), s.head.end(), std::back_inserter(next));
            for (const SharedChain::Piece& piece : s.pieces) {
                if (piece.parsed) std::move(piece.parsed->begin(), piece.parsed->end(), std::back_inserter(next));
                else std::move(c.rules.begin() + static_cast<std::ptrdiff_t>(piece.from), c.rules.begin() + static_cast<std::ptrdiff_t>(piece.from + piece.count), std::back_inserter(next));
            }
            std::move(s.tail.begin(), s.tail.end(), std::back_inserter(next));
            c.rules = std::move(next);
            c.rulesChanged();
        }
        if (m_stale)
            for (const std::string& name : *m_stale) m_table.removeChain(name);
        m_table.resetCounted([&](Chain& c) {
            if (!declared(c.name) && !shared(c.name)) return false;
            resetCounters(c.rules);
            return true;
        });
    }

    std::size_t rulesWritten() const { return m_rulesWritten; }

private:
    static std::size_t filterRules(const ServiceRules& svc) {
        std::size_t n = 0;
        for (const ChainLines& p : svc.filterParts) n += p.rules;
        return n;
    }

    SharedChain* shared(std::string_view name) {
        for (SharedChain& s : m_shared)
            if (s.name == name) return &s;
        return nullptr;
    }

    // A jump may go to the service's own chains, a shared chain, or a chain the table has that
    // is no service's (KUBE-MARK-DROP): then no later sync's deletions can strand it.
    bool targetsOk(const std::vector<Rule>& rules, const ServiceRules* svc) {
        for (const Rule& r : rules) {
            if (!isJump(r)) continue;
            const std::string& t = r.target.chain;
            if (svc && std::find(svc->chains.begin(), svc->chains.end(), t) != svc->chains.end()) continue;
            if (shared(t)) continue;
            if (!m_table.find(t) || hasPerServicePrefix(m_sync.era, t)) return false;
        }
        return true;
    }

    bool prepareOwn(const ServiceRules& svc) {
        for (const std::string& name : svc.chains) {
            const Chain* live = m_table.find(name);
            if ((live && live->builtin) || name.size() > kMaxChainName || shared(name)) return false;
            if (m_stale && std::binary_search(m_stale->begin(), m_stale->end(), name)) return false;
            OwnChain o{&name, nullptr, false, {}};
            for (const ChainLines& p : svc.natParts)
                if (p.own && p.chain == name) o.part = &p;
            if (o.part && live && live->source && live->rules.size() == live->sourceRules &&
                (live->source == o.part->text || *live->source == *o.part->text)) {
                o.reuse = true;
                if (!targetsOk(live->rules, &svc)) return false;
            } else if (o.part) {
                if (!m_parsed.take(*o.part, o.rules) || !targetsOk(o.rules, &svc)) return false;
            } else if (live && !live->rules.empty()) {
                o.rules.clear();  // declared without rules: flushed
            }
            m_own.push_back(std::move(o));
        }
        for (const ChainLines& p : svc.natParts)
            if (p.own && std::find(svc.chains.begin(), svc.chains.end(), p.chain) == svc.chains.end()) return false;
        return true;
    }

    // The new rules of every shared chain, as pieces: an unchanged service's rules stay where the
    // last sync put them (they move over at commit); the others are the ones prepare() parsed.
    // One pass over the services for all shared chains (a service has a part in one or two).
    bool buildShared(const RulesSet& old) {
        const bool nat = m_id == TableId::Nat;
        const std::size_t n = m_shared.size();
        auto index = [&](const std::string& chain) {
            for (std::size_t k = 0; k < n; ++k)
                if (m_shared[k].name == chain) return k;
            return n;
        };
        // Where each old service's rules sit in each live shared chain (the head's count is the era's own).
        using Place = std::pair<const ServiceRules*, std::size_t>;
        std::vector<std::vector<Place>> at(n);  // sorted by service once filled
        std::vector<bool> layoutKnown(n, false);
        if (m_before) {
            std::vector<std::size_t> pos(n);
            for (std::size_t k = 0; k < n; ++k) pos[k] = m_shared[k].head.size();
            for (const auto& svc : m_before->services)
                for (const ChainLines& p : nat ? svc->natParts : svc->filterParts) {
                    if (p.own) break;
                    const std::size_t k = index(p.chain);
                    if (k == n) continue;
                    at[k].emplace_back(svc.get(), pos[k]);
                    pos[k] += p.rules;
                }
            for (auto& places : at) std::sort(places.begin(), places.end());
            for (std::size_t k = 0; k < n; ++k) {
                const Chain* live = m_table.find(m_shared[k].name);
                layoutKnown[k] = live && pos[k] + m_shared[k].tail.size() == live->rules.size();
            }
        }
        for (SharedChain& s : m_shared) s.total = s.head.size() + s.tail.size();
        for (const auto& svc : m_sync.services) {
            for (const ChainLines& p : nat ? svc->natParts : svc->filterParts) {
                if (p.own) break;
                const std::size_t k = index(p.chain);
                if (k == n) return false;
                SharedChain& s = m_shared[k];
                s.total += p.rules;
                auto parsed = m_parsedShares.find(&p);
                if (parsed != m_parsedShares.end()) {
                    s.pieces.push_back(SharedChain::Piece{&parsed->second, 0, 0});
                    continue;
                }
                auto where = std::lower_bound(at[k].begin(), at[k].end(), Place{svc.get(), 0});
                if (!old.count(svc.get()) || !layoutKnown[k] || where == at[k].end() || where->first != svc.get()) {
                    std::vector<Rule> again;
                    if (!m_parsed.take(p, again) || !targetsOk(again, svc.get())) return false;
                    auto added = m_parsedShares.emplace(&p, std::move(again));
                    s.pieces.push_back(SharedChain::Piece{&added.first->second, 0, 0});
                    continue;
                }
                s.pieces.push_back(SharedChain::Piece{nullptr, where->second, p.rules});
            }
        }
        for (const SharedChain& s : m_shared) m_rulesWritten += s.total;
        return true;
    }

    Table& m_table;
    TableId m_id;
    const SyncOutput& m_sync;
    const SyncCache::Applied* m_before;
    ParsedParts& m_parsed;
    const std::vector<std::string>* m_stale = nullptr;
    std::vector<SharedChain> m_shared;
    std::vector<OwnChain> m_own;
    std::unordered_map<const ChainLines*, std::vector<Rule>> m_parsedShares;
    std::size_t m_rulesWritten = 0;
};

} // namespace

bool applySyncParts(Ruleset& rules, const SyncOutput& sync, SyncCache& cache, RestoreResult& result) {
    Table* nat = rules.table(TableId::Nat);
    Table* filter = rules.table(TableId::Filter);
    if (!nat || !filter) return false;
    SyncCache::Applied& applied = cache.applied;
    const bool known = applied.natStamp != 0 && applied.era == sync.era && applied.natStamp == nat->stamp() && applied.filterStamp == filter->stamp();
    for (const auto& svc : sync.services)
        if (!svc->natParts.empty() && svc->natParts.front().chain.empty()) return false;  // a part not split by chain

    const RulesSet now(sync.services);
    const RulesSet old = known ? RulesSet(applied.services) : RulesSet();
    std::vector<std::string> stale;
    if (known) {
        std::unordered_set<std::string_view> declaredByChanged;
        for (const auto& s : sync.services)
            if (!old.count(s.get()))
                for (const std::string& c : s->chains) declaredByChanged.insert(c);
        for (const auto& s : applied.services) {
            if (now.count(s.get())) continue;
            for (const std::string& c : s->chains) {
                if (!hasPerServicePrefix(sync.era, c) || declaredByChanged.count(c)) continue;
                auto owner = applied.owners.find(c);
                if (owner != applied.owners.end() && owner->second != s.get() && now.count(owner->second)) continue;
                stale.push_back(c);
            }
        }
        std::sort(stale.begin(), stale.end());
        stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    } else {
        std::vector<std::string_view> existing;
        for (const Chain& c : nat->chains()) existing.push_back(c.name);
        const DeclaredChains ownAll(existing, sync.services);  // the table's chains some service declares
        const std::vector<std::string> natDeclared = declaredChains(sync.natChains);
        for (const Chain& c : nat->chains()) {
            if (hasPerServicePrefix(sync.era, c.name) && !ownAll.declared(c.name)) stale.push_back(c.name);
        }
        // A chain the sync leaves alone must not jump to one it deletes or to a service's chain
        // (which a later sync, knowing the table, may delete without looking).
        for (const Chain& c : nat->chains()) {
            if (ownAll.declared(c.name) || std::find(natDeclared.begin(), natDeclared.end(), c.name) != natDeclared.end()) continue;
            if (std::binary_search(stale.begin(), stale.end(), c.name)) continue;
            for (const Rule& r : c.rules)
                if (isJump(r) && hasPerServicePrefix(sync.era, r.target.chain)) return false;
        }
    }
    if (stale != sync.staleChains) return false;  // the text was written for another table

    ParsedParts parsed(sync, old);
    TableWrite filterWrite(*filter, TableId::Filter, sync, known ? &applied : nullptr, parsed);
    TableWrite natWrite(*nat, TableId::Nat, sync, known ? &applied : nullptr, parsed);
    if (!filterWrite.prepare(old, stale) || !natWrite.prepare(old, stale)) return false;

    // Written: from here on nothing can fail.
    auto own = [&owners = applied.owners](const std::string& chain, const ServiceRules* svc) {
        auto [it, added] = owners.try_emplace(chain, svc);
        if (added) return;
        owners.erase(it);  // its key views the former owner's name
        owners.emplace(chain, svc);
    };
    if (known) {
        for (const auto& s : applied.services)
            if (!now.count(s.get()))
                for (const std::string& c : s->chains) {
                    auto it = applied.owners.find(c);
                    if (it != applied.owners.end() && it->second == s.get()) applied.owners.erase(it);
                }
        for (const auto& s : sync.services)
            if (!old.count(s.get()))
                for (const std::string& c : s->chains) own(c, s.get());
    } else {
        applied.owners.clear();
        std::size_t declared = 0;
        for (const auto& s : sync.services) declared += s->chains.size();
        applied.owners.reserve(declared);
        for (const auto& s : sync.services)
            for (const std::string& c : s->chains) own(c, s.get());
    }
    auto declaredNat = [&](const std::string& name) {
        auto it = applied.owners.find(name);
        return it != applied.owners.end() && now.count(it->second);
    };
    filterWrite.commit([](const std::string&) { return false; });
    natWrite.commit(declaredNat);
    applied.era = sync.era;
    applied.services = sync.services;
    applied.natStamp = nat->stamp();
    applied.filterStamp = filter->stamp();
    result = RestoreResult{};
    result.tablesCommitted = 2;
    result.rulesWritten = filterWrite.rulesWritten() + natWrite.rulesWritten();
    return true;
}

} // namespace kns::proxy
