#pragma once
// The iptables rules of one network namespace.
//
// Order mirrors iptables-nft 1.8.9's iptables-save: tables mangle, raw, filter, nat (only those
// that exist); inside a table the built-in chains in hook order, then user chains sorted by
// strcmp. A table, when created, gets all its built-in chains with policy ACCEPT.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/netfilter/rule.hpp>

namespace kns::netfilter {

class Table {
public:
    Table() = default;
    explicit Table(TableId id);
    TableId id() const { return m_id; }
    const std::vector<Chain>& chains() const { return m_chains; }
    Chain* find(const std::string& name);
    const Chain* find(const std::string& name) const;
    // Creates a user chain in sorted position (no-op if it exists). Returns it.
    Chain& ensureChain(const std::string& name);
    // Deletes a user chain; false if it is built-in or absent.
    bool removeChain(const std::string& name);
    // Every built-in chain of this table, in hook order.
    static std::vector<Hook> builtinHooks(TableId id);
    // How many rules jump or go to the chain (the "N references" of iptables -L).
    int references(const std::string& chain) const;

private:
    TableId m_id = TableId::Filter;
    std::vector<Chain> m_chains;
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
