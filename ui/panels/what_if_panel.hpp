#pragma once
// What-if: the `sim` commands as controls (node down/up, pod unready/ready, bridge netfilter and
// hairpin per node, kube-proxy era, link loss, a load generator), every one issued through
// UiSession::run so the console shows it; and branching: keep the current run as the original,
// step back, change something, run on, and compare both runs side by side (BranchCompare).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ui/app/panel.hpp>
#include <ui/model/branch_compare.hpp>
#include <ui/model/objects_stamp.hpp>

namespace kns::ui {

class WhatIfPanel : public Panel {
public:
    const char* id() const override { return "what_if"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

    const BranchCompare& branch() const { return m_branch; }

private:
    void drawNodes(UiContext& ctx);
    void drawPods(UiContext& ctx);
    void drawProxyEra(UiContext& ctx);
    void drawLoad(UiContext& ctx);
    void drawBranch(UiContext& ctx);

    const UiSession* m_session = nullptr;
    std::vector<std::string> m_podKeys;  // the pod list's rows, as of m_podsStamp
    ObjectsStamp m_podsStamp;
    bool m_podsListed = false;
    BranchCompare m_branch;
    // m_branch's comparisons as of the session's epoch and generation and the branch's revision
    // below.
    BranchCompare::ConsoleRows m_rows;
    std::vector<BranchCompare::HitRow> m_hits;
    std::optional<std::size_t> m_firstDifference;
    std::uint64_t m_consoleEpoch = ~0ULL;    // the session's stateEpoch(), for m_rows, m_firstDifference
    std::uint64_t m_hitsGeneration = ~0ULL;  // the session's generation(), for m_hits
    std::uint64_t m_revision = ~0ULL;        // the branch's revision()
    float m_loss = 0.0f;  // percent, for the link loss slider
    int m_loadCount = 100;
    int m_loadService = -1;  // -1: not chosen yet
};

} // namespace kns::ui
