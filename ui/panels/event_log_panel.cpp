#include <ui/panels/event_log_panel.hpp>

#include <string>

#include <imgui.h>

#include <ui/app/draw_text.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Event log", "イベントログ"},
    {"filter", "Filter", "絞り込み"},
    {"follow", "Follow the newest", "最新を追う"},
    {"kinds", "Kinds", "種類"},
    {"shown", "shown", "件表示"},
    {"hint", "Click an event to move the views to its time.", "イベントをクリックすると、その時刻に表示を移します。"},
};

ImU32 colourOf(const Palette& p, TraceKind k) {
    switch (k) {
    case TraceKind::PacketHop:
    case TraceKind::Nat: return p.packet;
    case TraceKind::RuleEvaluated: return p.evaluating;
    case TraceKind::ProxySync: return p.kubeProxy;
    case TraceKind::ObjectCreated:
    case TraceKind::PodPhase: return p.pod;
    case TraceKind::ObjectDeleted: return p.drop;
    default: return p.text;
    }
}

} // namespace

const char* EventLogPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void EventLogPanel::drawContent(UiContext& ctx) {
    recordLabel(ctx, kLabels.get("filter", ctx.lang));
    ImGui::SetNextItemWidth(260 * ctx.scale);
    if (ImGui::InputText(kLabels.get("filter", ctx.lang), m_text.data(), m_text.size())) m_filter.text = m_text.data();
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("follow", ctx.lang));
    ImGui::Checkbox(kLabels.get("follow", ctx.lang), &m_follow);
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("kinds", ctx.lang));
    if (ImGui::BeginCombo(kLabels.get("kinds", ctx.lang), nullptr, ImGuiComboFlags_NoPreview)) {
        for (std::size_t k = 0; k < kTraceKindCount; ++k) {
            const char* name = traceKindName(static_cast<TraceKind>(k));
            bool on = m_filter.kinds.test(k);
            recordLabel(ctx, name);
            if (ImGui::Checkbox(name, &on)) m_filter.kinds.set(k, on);
        }
        ImGui::EndCombo();
    }
    const auto& log = ctx.session.eventLog();
    const bool grew = m_model.update(log, m_filter);
    textColored(ctx, ctx.palette.dimText, std::to_string(m_model.rows().size()) + " / " + std::to_string(log.size()) + " " +
                                              kLabels.get("shown", ctx.lang) + "   " + kLabels.get("hint", ctx.lang));

    ImGui::BeginChild("events", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    const auto& rows = m_model.rows();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = rows[static_cast<std::size_t>(i)];
            const TraceRecord& r = log[index];
            const std::string line = EventLogModel::line(r);
            ImGui::PushID(static_cast<int>(index));
            ImGui::PushStyleColor(ImGuiCol_Text, colourOf(ctx.palette, r.kind));
            recordLabel(ctx, line);
            if (ImGui::Selectable(line.c_str(), m_selected == index)) {
                m_selected = index;
                EventLogModel::select(r, ctx.selection);
                m_follow = false;
            }
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    if (m_follow && grew) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

} // namespace kns::ui
