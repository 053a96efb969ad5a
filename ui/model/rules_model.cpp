#include <ui/model/rules_model.hpp>

#include <algorithm>
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
    if (!m_built || node != m_node) {
        // Another node: nothing it showed before compares with this one.
        m_haveShown = false;
        m_shown.clear();
        m_changeAdded.clear();
        m_allRemoved.clear();
        m_changeSyncs = 0;
    }
    m_built = true;
    m_generation = generation;
    m_node = node;
    m_filter = filter;
    m_all.clear();
    m_added = m_rules = 0;
    const std::uint64_t shownSyncs = m_syncs;
    m_syncs = 0;
    const auto& dp = sim.state().dataPlane;
    auto ns = dp.namespaces.find(nodeNamespaceKey(node));
    if (ns == dp.namespaces.end()) {
        m_haveShown = false;
        m_shown.clear();
        applyFilter();
        return true;
    }
    if (auto proxy = dp.proxies.find(node); proxy != dp.proxies.end()) m_syncs = proxy->second.syncs;
    const std::vector<std::string> now = scenario::textLines(netfilter::saveRuleset(ns->second.rules, netfilter::SaveOptions{{}, true, {}}));
    std::vector<std::string> bareNow;  // the lines a sync may change, without counters
    std::vector<std::size_t> lineOf;   // bareNow[i] is m_all[lineOf[i]]
    bareNow.reserve(now.size());
    lineOf.reserve(now.size());
    m_all.reserve(now.size());
    for (const std::string& l : now) {
        RuleLine line{l, false, false};
        std::string bare = withoutCounters(l);
        line.rule = bare.rfind("-A ", 0) == 0;
        if (line.rule) ++m_rules;
        if (diffable(bare)) {
            bareNow.push_back(std::move(bare));
            lineOf.push_back(m_all.size());
        }
        m_all.push_back(std::move(line));
    }

    if (m_syncs < shownSyncs) {
        // Time went back (a step back, a restart): the change shown is not this run's.
        m_changeAdded.clear();
        m_allRemoved.clear();
        m_changeSyncs = 0;
    } else if (m_haveShown && m_syncs > shownSyncs) {
        // kube-proxy synced since the last look: compare with what was shown then.
        std::unordered_map<std::string, int> before;  // line -> copies
        for (const std::string& l : m_shown) ++before[l];
        std::unordered_map<std::string, int> added;
        std::size_t addedLines = 0;
        for (const std::string& l : bareNow) {
            auto it = before.find(l);
            if (it == before.end() || it->second == 0) {
                ++added[l];
                ++addedLines;
            } else {
                --it->second;
            }
        }
        std::vector<std::string> removed;
        for (const std::string& l : m_shown) {
            auto it = before.find(l);
            if (it != before.end() && it->second > 0) {
                removed.push_back(l);
                --it->second;
            }
        }
        if (addedLines > 0 || !removed.empty()) {
            m_changeAdded = std::move(added);
            std::sort(removed.begin(), removed.end());
            m_allRemoved = std::move(removed);
            m_changeSyncs = m_syncs - shownSyncs;
        }
        // Otherwise kube-proxy rewrote the same rules (a periodic or redundant sync): the last
        // change that changed something stays shown, as long as its lines are still there.
    }
    std::unordered_map<std::string, int> left = m_changeAdded;
    if (!left.empty())
        for (std::size_t i = 0; i < bareNow.size(); ++i) {
            auto it = left.find(bareNow[i]);
            if (it != left.end() && it->second > 0) {
                m_all[lineOf[i]].added = true;
                --it->second;
                ++m_added;
            }
        }
    m_shown = std::move(bareNow);
    m_haveShown = true;
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
