#include <kubenetsim/netfilter/ruleset.hpp>

#include <algorithm>

namespace kns::netfilter {

const char* hookName(Hook h) {
    switch (h) {
    case Hook::Prerouting: return "PREROUTING";
    case Hook::Input: return "INPUT";
    case Hook::Forward: return "FORWARD";
    case Hook::Output: return "OUTPUT";
    case Hook::Postrouting: return "POSTROUTING";
    }
    return "?";
}

const char* tableName(TableId t) {
    switch (t) {
    case TableId::Raw: return "raw";
    case TableId::Mangle: return "mangle";
    case TableId::Nat: return "nat";
    case TableId::Filter: return "filter";
    }
    return "?";
}

std::optional<TableId> parseTableName(const std::string& name) {
    if (name == "raw") return TableId::Raw;
    if (name == "mangle") return TableId::Mangle;
    if (name == "nat") return TableId::Nat;
    if (name == "filter") return TableId::Filter;
    return std::nullopt;
}

bool isBuiltinTarget(const std::string& n) {
    return n == "ACCEPT" || n == "DROP" || n == "RETURN" || n == "REJECT" || n == "DNAT" || n == "SNAT" ||
           n == "MASQUERADE" || n == "MARK" || n == "LOG";
}

std::vector<Hook> Table::builtinHooks(TableId id) {
    switch (id) {
    case TableId::Raw: return {Hook::Prerouting, Hook::Output};
    case TableId::Mangle: return {Hook::Prerouting, Hook::Input, Hook::Forward, Hook::Output, Hook::Postrouting};
    case TableId::Nat: return {Hook::Prerouting, Hook::Input, Hook::Output, Hook::Postrouting};
    case TableId::Filter: return {Hook::Input, Hook::Forward, Hook::Output};
    }
    return {};
}

Table::Table(TableId id) : m_id(id) {
    for (Hook h : builtinHooks(id)) {
        Chain c;
        c.name = hookName(h);
        c.builtin = true;
        c.policy = "ACCEPT";
        m_chains.push_back(std::move(c));
    }
}

Chain* Table::find(const std::string& name) {
    for (auto& c : m_chains)
        if (c.name == name) return &c;
    return nullptr;
}

const Chain* Table::find(const std::string& name) const { return const_cast<Table*>(this)->find(name); }

Chain& Table::ensureChain(const std::string& name) {
    if (Chain* c = find(name)) return *c;
    auto firstUser = std::find_if(m_chains.begin(), m_chains.end(), [](const Chain& c) { return !c.builtin; });
    auto pos = std::find_if(firstUser, m_chains.end(), [&](const Chain& c) { return c.name.compare(name) > 0; });
    Chain c;
    c.name = name;
    return *m_chains.insert(pos, std::move(c));
}

bool Table::removeChain(const std::string& name) {
    auto it = std::find_if(m_chains.begin(), m_chains.end(), [&](const Chain& c) { return c.name == name; });
    if (it == m_chains.end() || it->builtin) return false;
    m_chains.erase(it);
    return true;
}

int Table::references(const std::string& chain) const {
    int n = 0;
    for (const auto& c : m_chains)
        for (const auto& r : c.rules)
            if ((r.target.kind == TargetKind::Jump || r.target.kind == TargetKind::Goto) && r.target.chain == chain) ++n;
    return n;
}

Table* Ruleset::table(TableId id) {
    auto& t = m_tables[static_cast<std::size_t>(id)];
    return t ? &*t : nullptr;
}

const Table* Ruleset::table(TableId id) const { return const_cast<Ruleset*>(this)->table(id); }

Table& Ruleset::ensureTable(TableId id) {
    auto& t = m_tables[static_cast<std::size_t>(id)];
    if (!t) t.emplace(id);
    return *t;
}

std::size_t Ruleset::ruleCount() const {
    std::size_t n = 0;
    for (const auto& t : m_tables)
        if (t)
            for (const auto& c : t->chains()) n += c.rules.size();
    return n;
}

} // namespace kns::netfilter
