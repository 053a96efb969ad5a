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
    for (const std::string& l : now) {
        RuleLine line{l, false, false};
        const std::string bare = withoutCounters(l);
        line.rule = bare.rfind("-A ", 0) == 0;
        if (line.rule) ++m_rules;
        if (synced && bare != "COMMIT" && !bare.empty() && bare[0] != '*' && bare[0] != '#') {
            auto it = previous.find(bare);
            if (it == previous.end() || it->second == 0) {
                line.added = true;
                ++m_added;
            } else {
                --it->second;
            }
        }
        m_all.push_back(std::move(line));
    }
    if (synced)
        for (const std::string& l : scenario::textLines(proxy->second.previousSave)) {
            const std::string bare = withoutCounters(l);
            auto it = previous.find(bare);
            if (it != previous.end() && it->second > 0 && bare != "COMMIT" && !bare.empty() && bare[0] != '*' && bare[0] != '#') {
                m_allRemoved.push_back(bare);
                --it->second;
            }
        }
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
