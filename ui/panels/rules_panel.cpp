#include <ui/panels/rules_panel.hpp>

#include <string>
#include <vector>

#include <imgui.h>

#include <ui/app/draw_text.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Rules", "ルール"},
    {"node", "Node", "node"},
    {"filter", "Filter", "絞り込み"},
    {"onlyChanges", "Only what the last sync changed", "直前の同期の変更だけ"},
    {"summary", "lines", "行"},
    {"rules", "rules", "ルール"},
    {"added", "added by the last kube-proxy sync", "直前の kube-proxy 同期で追加"},
    {"removed", "Removed by the last kube-proxy sync", "直前の kube-proxy 同期で削除"},
    {"syncs", "kube-proxy syncs", "kube-proxy 同期回数"},
    {"span", "syncs", "回分の同期"},
    {"noNode", "This node has no network namespace.", "この node にはネットワーク名前空間がありません。"},
};

// Rebuilding a 100,000-line save every frame would cost more than the frame: while the simulation
// runs, the counters are refreshed every kRefreshFrames frames, and at once after a sync.
constexpr int kRefreshFrames = 15;

} // namespace

const char* RulesPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void RulesPanel::drawContent(UiContext& ctx) {
    const Simulation& sim = ctx.session.sim();
    std::string node = ctx.selection.node;
    if (node.empty()) node = sim.config().shellNode;
    if (node.empty() && !sim.config().nodes.empty()) node = sim.config().nodes.front().name;

    // The node chooser.
    recordLabel(ctx, kLabels.get("node", ctx.lang));
    ImGui::SetNextItemWidth(180 * ctx.scale);
    if (ImGui::BeginCombo(kLabels.get("node", ctx.lang), node.c_str())) {
        for (const NodeDef& n : sim.config().nodes) {
            recordLabel(ctx, n.name);
            if (ImGui::Selectable(n.name.c_str(), n.name == node)) ctx.selection.node = n.name;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("filter", ctx.lang));
    ImGui::SetNextItemWidth(260 * ctx.scale);
    const bool edited = ImGui::InputText(kLabels.get("filter", ctx.lang), m_filter.data(), m_filter.size());
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("onlyChanges", ctx.lang));
    ImGui::Checkbox(kLabels.get("onlyChanges", ctx.lang), &m_onlyChanges);

    const auto proxy = sim.state().dataPlane.proxies.find(node);
    const std::uint64_t syncs = proxy == sim.state().dataPlane.proxies.end() ? 0 : proxy->second.syncs;
    ++m_framesSinceRebuild;
    const bool moved = ctx.session.generation() != m_seenGeneration;
    const bool due = syncs != m_seenSyncs || m_framesSinceRebuild >= kRefreshFrames;
    // The model itself does the work only when the simulation, the node or the filter moved.
    if (!moved || due || edited || node != m_node) {
        if (m_model.rebuild(sim, node, m_filter.data())) m_framesSinceRebuild = 0;
        m_seenGeneration = ctx.session.generation();
        m_seenSyncs = syncs;
        m_node = node;
    }
    if (m_model.totalLines() == 0) {
        textColored(ctx, ctx.palette.dimText, kLabels.get("noNode", ctx.lang));
        return;
    }
    textColored(ctx, ctx.palette.dimText,
                std::to_string(m_model.lines().size()) + " / " + std::to_string(m_model.totalLines()) + " " + kLabels.get("summary", ctx.lang) + ", " +
                    std::to_string(m_model.ruleCount()) + " " + kLabels.get("rules", ctx.lang) + ", " + kLabels.get("syncs", ctx.lang) + " " +
                    std::to_string(m_model.syncs()));
    ImGui::SameLine();
    // The panel looked last before several syncs (it was closed, or time ran fast): say so.
    const std::string span = m_model.syncsInChange() > 1 ? " (" + std::to_string(m_model.syncsInChange()) + " " + kLabels.get("span", ctx.lang) + ")" : "";
    textColored(ctx, ctx.palette.rewrite, "+" + std::to_string(m_model.addedCount()) + " " + kLabels.get("added", ctx.lang) + span);

    const std::vector<RuleLine>& lines = m_model.lines();
    std::vector<int> shown;  // with "only changes": the added lines
    if (m_onlyChanges)
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].added) shown.push_back(static_cast<int>(i));
    const int count = m_onlyChanges ? static_cast<int>(shown.size()) : static_cast<int>(lines.size());
    const float removedH = m_model.removed().empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<std::size_t>(m_model.removed().size() + 1, 8)) + 8;
    ImGui::BeginChild("save", ImVec2(0, -removedH), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGuiListClipper clipper;
    clipper.Begin(count);
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const RuleLine& l = lines[static_cast<std::size_t>(m_onlyChanges ? shown[static_cast<std::size_t>(row)] : row)];
            if (l.added) {
                textColored(ctx, ctx.palette.rewrite, "+ " + l.text);
            } else {
                textColored(ctx, l.rule ? ctx.palette.text : ctx.palette.dimText, "  " + l.text);
            }
        }
    ImGui::EndChild();
    if (!m_model.removed().empty()) {
        textColored(ctx, ctx.palette.drop, kLabels.get("removed", ctx.lang) + span + ":");
        ImGui::BeginChild("removed", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
        ImGuiListClipper removed;
        removed.Begin(static_cast<int>(m_model.removed().size()));
        while (removed.Step())
            for (int row = removed.DisplayStart; row < removed.DisplayEnd; ++row)
                textColored(ctx, ctx.palette.drop, "- " + m_model.removed()[static_cast<std::size_t>(row)]);
        ImGui::EndChild();
    }
}

} // namespace kns::ui
