#include <kubenetsim/netfilter/ruleset.hpp>

#include <algorithm>
#include <atomic>

namespace kns::netfilter {

std::uint64_t freshTableStamp() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

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

namespace {
// libxt_REJECT's names: the one iptables-save prints, then the short alias it also accepts.
struct RejectName {
    RejectWith type;
    const char* name;
    const char* alias;
};
constexpr RejectName kRejectNames[] = {
    {RejectWith::NetUnreachable, "icmp-net-unreachable", "net-unreach"},
    {RejectWith::HostUnreachable, "icmp-host-unreachable", "host-unreach"},
    {RejectWith::PortUnreachable, "icmp-port-unreachable", "port-unreach"},
    {RejectWith::ProtoUnreachable, "icmp-proto-unreachable", "proto-unreach"},
    {RejectWith::NetProhibited, "icmp-net-prohibited", "net-prohib"},
    {RejectWith::HostProhibited, "icmp-host-prohibited", "host-prohib"},
    {RejectWith::AdminProhibited, "icmp-admin-prohibited", "admin-prohib"},
    {RejectWith::TcpReset, "tcp-reset", "tcp-rst"},
};
} // namespace

const char* rejectWithName(RejectWith r) {
    for (const RejectName& n : kRejectNames)
        if (n.type == r) return n.name;
    return "?";
}

bool parseRejectWith(std::string_view name, RejectWith& out) {
    for (const RejectName& n : kRejectNames)
        if (name == n.name || name == n.alias) {
            out = n.type;
            return true;
        }
    return false;
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
        auto c = std::make_unique<Chain>();
        c->name = hookName(h);
        c->builtin = true;
        c->policy = "ACCEPT";
        c->tableStamp = m_stamp;
        m_byName.emplace(c->name, c.get());
        m_chains.push_back(std::move(c));
    }
}

Table::Table(const Table& other) : m_id(other.m_id), m_counted(other.m_counted), m_countedResets(other.m_countedResets) {
    other.settle();
    m_chains.reserve(other.m_chains.size());
    m_byName.reserve(other.m_byName.size());
    for (const auto& c : other.m_chains) {
        auto copy = std::make_unique<Chain>(*c);
        copy->tableStamp = m_stamp;
        m_byName.emplace(copy->name, copy.get());
        m_chains.push_back(std::move(copy));
    }
}

Table& Table::operator=(const Table& other) {
    if (this != &other) *this = Table(other);
    return *this;
}

ChainList Table::chains() const {
    settle();
    return ChainList(m_chains);
}

void Table::settle() const {
    if (m_settled) return;
    // Drop the slots of removed chains (removeChain clears their names: a chain always has one).
    std::erase_if(m_chains, [](const std::unique_ptr<Chain>& c) { return c->name.empty(); });
    auto byName = [](const std::unique_ptr<Chain>& a, const std::unique_ptr<Chain>& b) { return a->name < b->name; };
    auto firstUser = std::find_if(m_chains.begin(), m_chains.end(), [](const auto& c) { return !c->builtin; });
    // The user chains are a sorted run followed by the ones created since: sort those, then merge.
    auto tail = std::is_sorted_until(firstUser, m_chains.end(), byName);
    if (tail != m_chains.end()) {
        std::sort(tail, m_chains.end(), byName);
        std::inplace_merge(firstUser, tail, m_chains.end(), byName);
    }
    m_settled = true;
}

Chain* Table::find(std::string_view name) {
    auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : it->second;
}

const Chain* Table::find(std::string_view name) const { return const_cast<Table*>(this)->find(name); }

Chain& Table::ensureChain(const std::string& name) {
    if (Chain* c = find(name)) return *c;
    if (!m_stamp) m_stamp = std::make_shared<std::uint64_t>(freshTableStamp());  // a moved-from table used again
    auto c = std::make_unique<Chain>();
    c->name = name;
    c->tableStamp = m_stamp;
    *m_stamp = freshTableStamp();
    Chain& ref = *c;
    m_byName.emplace(ref.name, &ref);
    if (!m_chains.empty() && !m_chains.back()->builtin && m_chains.back()->name.compare(name) > 0) m_settled = false;
    m_chains.push_back(std::move(c));
    return ref;
}

bool Table::removeChain(const std::string& name) {
    auto it = m_byName.find(name);
    if (it == m_byName.end() || it->second->builtin) return false;
    // The slot goes at the next settle(): removing thousands of chains stays linear.
    Chain* removed = it->second;
    m_byName.erase(it);
    removed->name.clear();
    removed->rules.clear();
    removed->rulesChanged();
    m_settled = false;
    return true;
}

int Table::references(const std::string& chain) const {
    int n = 0;
    for (const auto& [name, c] : m_byName)
        for (const auto& r : c->rules)
            if ((r.target.kind == TargetKind::Jump || r.target.kind == TargetKind::Goto) && r.target.chain == chain) ++n;
    return n;
}

std::unordered_map<std::string_view, int> Table::allReferences() const {
    std::unordered_map<std::string_view, int> refs;
    for (const auto& [name, c] : m_byName)
        for (const auto& r : c->rules)
            if (r.target.kind == TargetKind::Jump || r.target.kind == TargetKind::Goto) ++refs[r.target.chain];
    return refs;
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
            for (const Chain& c : t->chains()) n += c.rules.size();
    return n;
}

} // namespace kns::netfilter
