#pragma once
// The iptables rules of one network namespace.
//
// Order mirrors iptables-nft 1.8.9's iptables-save: tables mangle, raw, filter, nat (only those
// that exist); inside a table the built-in chains in hook order, then user chains sorted by
// strcmp. (The reference leaves the iptables-nft order unverified; checked on the kernel: chains
// restored in any order, or made one by one with `iptables -N`, save in strcmp order.) A table, when created, gets all its built-in chains with policy ACCEPT.
//
// Kube-proxy writes tens of thousands of chains in one restore, so a table finds a chain by hash,
// keeps each chain at a stable address (a Chain* stays valid until that chain is removed) and
// puts user chains in sorted order only when someone looks at the order (chains()).
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <kubenetsim/netfilter/rule.hpp>

namespace kns::netfilter {

// The chains of a table in save order, as `for (const Chain& c : table.chains())` reads them.
class ChainList {
public:
    using Slots = std::vector<std::unique_ptr<Chain>>;
    class iterator {
    public:
        using value_type = Chain;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(Slots::const_iterator it) : m_it(it) {}
        const Chain& operator*() const { return **m_it; }
        const Chain* operator->() const { return m_it->get(); }
        iterator& operator++() { ++m_it; return *this; }
        iterator operator++(int) { iterator t = *this; ++m_it; return t; }
        bool operator==(const iterator& o) const { return m_it == o.m_it; }
    private:
        Slots::const_iterator m_it;
    };
    explicit ChainList(const Slots& slots) : m_slots(&slots) {}
    iterator begin() const { return iterator(m_slots->begin()); }
    iterator end() const { return iterator(m_slots->end()); }
    std::size_t size() const { return m_slots->size(); }
    const Chain& operator[](std::size_t i) const { return *(*m_slots)[i]; }
private:
    const Slots* m_slots;
};

class CompiledTable;  // the evaluator's compact form (compiled_table.hpp)

class Table {
public:
    Table() = default;
    explicit Table(TableId id);
    Table(const Table& other);
    Table& operator=(const Table& other);
    Table(Table&&) noexcept = default;
    Table& operator=(Table&&) noexcept = default;

    TableId id() const { return m_id; }
    // Built-in chains in hook order, then user chains sorted by strcmp.
    ChainList chains() const;
    std::size_t chainCount() const { return m_byName.size(); }
    Chain* find(std::string_view name);
    const Chain* find(std::string_view name) const;
    // Creates a user chain (no-op if it exists). Returns it.
    Chain& ensureChain(const std::string& name);
    // Room for n chains in all, for whoever is about to create many (a restore, a sync).
    void reserveChains(std::size_t n) {
        m_byName.reserve(n);
        m_chains.reserve(n);
    }
    // Deletes a user chain; false if it is built-in or absent.
    bool removeChain(const std::string& name);
    // Every built-in chain of this table, in hook order.
    static std::vector<Hook> builtinHooks(TableId id);
    // How many rules jump or go to the chain (the "N references" of iptables -L).
    int references(const std::string& chain) const;
    // Jump and goto counts of every chain named by a rule of this table, in one pass.
    std::unordered_map<std::string_view, int> allReferences() const;

    // Changes whenever a chain is created or removed or its rules change (Chain::rulesChanged),
    // never for counters; a copy of the table has a stamp of its own.
    std::uint64_t stamp() const { return m_stamp ? *m_stamp : 0; }
    // Counters: the chains whose rules may have non-zero counters or nth state (a superset, in
    // the order first counted; names of chains since removed may remain). Whoever changes a
    // rule's counters or nth state calls noteCounted(chain) first.
    void noteCounted(Chain& chain) {
        if (chain.counted) return;
        chain.counted = true;
        m_counted.push_back(chain.name);
    }
    const std::vector<std::string>& countedChains() const { return m_counted; }
    std::uint64_t countedResets() const { return m_countedResets; }  // how often resetCounted ran
    // Forgets the counted chains for which `zeroed` (called with each live one) returns true,
    // after it has reset their counters.
    template <class F> void resetCounted(F&& zeroed) {
        ++m_countedResets;
        std::erase_if(m_counted, [&](const std::string& name) {
            Chain* c = find(name);
            if (!c) return true;
            if (!zeroed(*c)) return false;
            c->counted = false;
            return true;
        });
    }
    // The evaluator's compiled form of this table, kept beside it (evaluator.cpp); never copied.
    std::shared_ptr<CompiledTable>& compiled() const { return m_compiled; }

private:
    void settle() const;  // drops removed slots and sorts the user chains

    TableId m_id = TableId::Filter;
    mutable ChainList::Slots m_chains;  // built-in chains first; user chains sorted once settled
    mutable bool m_settled = true;
    std::unordered_map<std::string_view, Chain*> m_byName;  // keys view each chain's own name
    std::shared_ptr<std::uint64_t> m_stamp = std::make_shared<std::uint64_t>(freshTableStamp());  // shared with its chains
    std::vector<std::string> m_counted;
    std::uint64_t m_countedResets = 0;
    mutable std::shared_ptr<CompiledTable> m_compiled;
};

class Ruleset {
public:
    // The save order of tables.
    static constexpr std::array<TableId, 4> kSaveOrder{TableId::Mangle, TableId::Raw, TableId::Filter, TableId::Nat};

    Table* table(TableId id);
    const Table* table(TableId id) const;
    Table& ensureTable(TableId id);
    std::size_t ruleCount() const;

private:
    std::array<std::optional<Table>, 4> m_tables;  // indexed by TableId
};

std::optional<TableId> parseTableName(const std::string& name);
bool isBuiltinTarget(const std::string& name);  // ACCEPT, DROP, RETURN, REJECT, DNAT, SNAT, MASQUERADE, MARK, LOG

} // namespace kns::netfilter
