#pragma once
// What the Rules panel shows: one node's `iptables-save -c` (every rule with its packet and byte
// counters), filtered by a text the user types, with the lines kube-proxy's latest sync added
// marked, and the lines it removed listed apart (sorted).
//
// The simulation keeps no copy of the rules before a sync: the model remembers the rules it showed
// at its last rebuild (without counters) and the node's kube-proxy sync count then. When a later
// rebuild finds the count higher, it compares the rules now with those, line by line as a
// multiset: a line is added when the remembered rules held fewer copies of it. That is exact for
// iptables-save output (whose lines are unique apart from COMMIT and table headers) and, unlike a
// longest-common-subsequence diff, linear in the ruleset's size (a 10,000-service ruleset has over
// 100,000 lines). The change shown is thus that of every sync since the model last looked
// (syncsInChange(): one while the panel is open, unless time runs faster than kube-proxy syncs),
// and includes any rules a user wrote by hand in between. kube-proxy also syncs without
// changing anything (periodically, or when an update changed nothing it writes); the change shown
// is then still the last one a sync made, for as long as its lines are there. The first rebuild
// for a node has nothing to compare with, so it marks nothing; choosing another node starts over.
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
    bool added = false;   // written by kube-proxy's latest sync
    bool rule = false;    // an "-A" line (not a table, chain or COMMIT line)
};

class RulesModel {
public:
    // Returns true when it rebuilt.
    bool rebuild(const Simulation& sim, const std::string& node, const std::string& filter);

    const std::vector<RuleLine>& lines() const { return m_lines; }        // filtered
    const std::vector<std::string>& removed() const { return m_removed; } // by the latest sync, sorted, filtered
    std::size_t totalLines() const { return m_all.size(); }
    std::size_t addedCount() const { return m_added; }
    std::size_t ruleCount() const { return m_rules; }
    std::uint64_t syncs() const { return m_syncs; }
    // How many kube-proxy syncs the change shown spans (0: no change to show).
    std::uint64_t syncsInChange() const { return m_changeSyncs; }

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
    // The rules as the last rebuild saw them (bare lines a sync may change), for m_node.
    std::vector<std::string> m_shown;
    bool m_haveShown = false;
    // The last change syncs made (syncs that rewrite the same rules change nothing to show).
    std::unordered_map<std::string, int> m_changeAdded;  // lines without counters -> copies
    std::uint64_t m_changeSyncs = 0;
};

} // namespace kns::ui
