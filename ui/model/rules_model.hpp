#pragma once
// What the Rules panel shows: one node's `iptables-save -c` (every rule with its packet and byte
// counters), filtered by a text the user types, with the lines the last kube-proxy sync added
// marked, and the lines it removed listed apart.
//
// The diff compares the node's ruleset now with the save kube-proxy took before its last sync
// (KubeProxyState::previousSave), line by line as a multiset: a line is added when the previous
// save held fewer copies of it. That is exact for iptables-save output (whose lines are unique
// apart from COMMIT and table headers) and, unlike a longest-common-subsequence diff, linear in
// the ruleset's size (a 10,000-service ruleset has over 100,000 lines). kube-proxy also syncs
// without changing anything (periodically, or when an update changed nothing it writes); the
// change shown is then still the last one a sync made, for as long as its lines are there.
//
// Contract: rebuild() does the work only when the simulation's generation, the node or the
// filter changed since the last call; lines() is the filtered view, in save order.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <kubenetsim/core/simulation.hpp>

namespace kns::ui {

struct RuleLine {
    std::string text;     // with counters: "[3:180] -A KUBE-SERVICES ..."
    bool added = false;   // written by the last kube-proxy sync
    bool rule = false;    // an "-A" line (not a table, chain or COMMIT line)
};

class RulesModel {
public:
    // Returns true when it rebuilt.
    bool rebuild(const Simulation& sim, const std::string& node, const std::string& filter);

    const std::vector<RuleLine>& lines() const { return m_lines; }        // filtered
    const std::vector<std::string>& removed() const { return m_removed; } // by the last sync, filtered
    std::size_t totalLines() const { return m_all.size(); }
    std::size_t addedCount() const { return m_added; }
    std::size_t ruleCount() const { return m_rules; }
    std::uint64_t syncs() const { return m_syncs; }

private:
    void applyFilter();

    std::uint64_t m_generation = 0;
    std::string m_node;
    std::string m_filter;
    bool m_built = false;
    std::vector<RuleLine> m_all;
    std::vector<std::string> m_allRemoved;
    std::vector<RuleLine> m_lines;
    std::vector<std::string> m_removed;
    std::size_t m_added = 0;
    std::size_t m_rules = 0;
    std::uint64_t m_syncs = 0;
    // The last change a sync made (a sync that rewrites the same rules changes nothing to show).
    std::string m_changeNode;
    std::unordered_map<std::string, int> m_changeAdded;  // lines without counters -> copies
    std::vector<std::string> m_keptRemoved;
};

} // namespace kns::ui
