#include <ui/model/rules_model.hpp>

#include <unordered_map>

#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/scenario/line_diff.hpp>

namespace kns::ui {

namespace {

// A line without its counters: "[3:180] -A X ..." -> "-A X ...", ":X - [0:0]" -> ":X -".
std::string withoutCounters(const std::string& line) {
    if (!line.empty() && line[0] == '[') {
        const auto close = line.find("] ");
        if (close != std::string::npos) return line.substr(close + 2);
    }
    if (!line.empty() && line[0] == ':') {
        const auto open = line.rfind(" [");
        if (open != std::string::npos && line.back() == ']') return line.substr(0, open);
    }
    return line;
}

// Table headers, COMMIT and comments are not rules kube-proxy changed.
bool diffable(const std::string& bare) { return !bare.empty() && bare != "COMMIT" && bare[0] != '*' && bare[0] != '#'; }

bool contains(const std::string& text, const std::string& filter) { return filter.empty() || text.find(filter) != std::string::npos; }

} // namespace

bool RulesModel::rebuild(const Simulation& sim, const std::string& node, const std::string& filter) {
    const std::uint64_t generation = sim.generation();
    if (m_built && generation == m_generation && node == m_node) {
        if (filter != m_filter) {
            m_filter = filter;
            applyFilter();
            return true;
        }
        return false;
    }
    m_built = true;
    m_generation = generation;
    m_node = node;
    m_filter = filter;
    m_all.clear();
    m_allRemoved.clear();
    m_added = m_rules = 0;
    m_syncs = 0;
    const auto& dp = sim.state().dataPlane;
    auto ns = dp.namespaces.find(nodeNamespaceKey(node));
    if (ns == dp.namespaces.end()) {
        applyFilter();
        return true;
    }
    const std::vector<std::string> now = scenario::textLines(netfilter::saveRuleset(ns->second.rules, netfilter::SaveOptions{{}, true, {}}));
    std::unordered_map<std::string, int> previous;  // line -> copies in the save before the last sync
    auto proxy = dp.proxies.find(node);
    const bool synced = proxy != dp.proxies.end() && proxy->second.syncs > 0;
    if (synced) {
        m_syncs = proxy->second.syncs;
        for (const std::string& l : scenario::textLines(proxy->second.previousSave)) ++previous[withoutCounters(l)];
    }
    m_all.reserve(now.size());
    std::vector<std::string> added;
    for (const std::string& l : now) {
        RuleLine line{l, false, false};
        const std::string bare = withoutCounters(l);
        line.rule = bare.rfind("-A ", 0) == 0;
        if (line.rule) ++m_rules;
        if (synced && diffable(bare)) {
            auto it = previous.find(bare);
            if (it == previous.end() || it->second == 0) {
                line.added = true;
                added.push_back(bare);
            } else {
                --it->second;
            }
        }
        m_all.push_back(std::move(line));
    }
    std::vector<std::string> removed;
    if (synced)
        for (const std::string& l : scenario::textLines(proxy->second.previousSave)) {
            const std::string bare = withoutCounters(l);
            auto it = previous.find(bare);
            if (it != previous.end() && it->second > 0 && diffable(bare)) {
                removed.push_back(bare);
                --it->second;
            }
        }
    if (!added.empty() || !removed.empty() || node != m_changeNode) {
        // This sync changed the rules (or another node is shown): its change is the one to show.
        m_changeNode = node;
        m_changeAdded.clear();
        for (const std::string& a : added) ++m_changeAdded[a];
        m_allRemoved = std::move(removed);
    } else {
        // kube-proxy rewrote the same rules (a periodic or redundant sync): keep showing what the
        // last sync that changed something changed, as long as those lines are still there.
        std::unordered_map<std::string, int> left = m_changeAdded;
        for (RuleLine& line : m_all) {
            auto it = left.find(withoutCounters(line.text));
            if (it != left.end() && it->second > 0) {
                line.added = true;
                --it->second;
            }
        }
        m_allRemoved = m_keptRemoved;
    }
    m_keptRemoved = m_allRemoved;
    for (const RuleLine& line : m_all) m_added += line.added ? 1 : 0;
    applyFilter();
    return true;
}

void RulesModel::applyFilter() {
    m_lines.clear();
    m_removed.clear();
    for (const RuleLine& l : m_all)
        if (contains(l.text, m_filter)) m_lines.push_back(l);
    for (const std::string& l : m_allRemoved)
        if (contains(l, m_filter)) m_removed.push_back(l);
}

} // namespace kns::ui
