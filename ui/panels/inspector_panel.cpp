#include <ui/panels/inspector_panel.hpp>

#include <imgui.h>

#include <ui/app/draw_text.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Inspector", "詳細"},
    {"hint", "Click a pod, a node or a Service's virtual IP in the cluster view.",
     "クラスタ表示で pod、node、Service の仮想 IP をクリックしてください。"},
    {"gone", "no longer exists.", "はもう存在しません。"},
    {"copy", "Copy", "コピー"},
};

constexpr int kRefreshFrames = 15;

} // namespace

const char* InspectorPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void InspectorPanel::drawContent(UiContext& ctx) {
    // Rebuilt at once for a new selection or after a command; while time merely passes (ages and
    // events in describe move), at most every kRefreshFrames frames: not every frame of play.
    const Selection& sel = ctx.selection;
    ++m_frames;
    const bool selected = sel.kind != m_kind || sel.key != m_key;
    const bool commanded = ctx.session.stateEpoch() != m_epoch;
    const bool timePassed = ctx.session.generation() != m_generation && m_frames >= kRefreshFrames;
    if (selected || commanded || timePassed) {
        m_sections = sel.kind.empty() ? std::vector<InspectorSection>{} : inspect(ctx.session.sim(), sel.kind, sel.key);
        m_kind = sel.kind;
        m_key = sel.key;
        m_generation = ctx.session.generation();
        m_epoch = ctx.session.stateEpoch();
        m_frames = 0;
    }
    if (m_kind.empty()) {
        textWrapped(ctx, kLabels.get("hint", ctx.lang));
        return;
    }
    textColored(ctx, ctx.palette.evaluating, m_kind + " " + m_key);
    if (m_sections.empty()) {
        textColored(ctx, ctx.palette.dimText, kLabels.get("gone", ctx.lang));
        return;
    }
    const std::string prompt = ctx.session.sim().config().prompt;
    for (std::size_t i = 0; i < m_sections.size(); ++i) {
        const InspectorSection& s = m_sections[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        textColored(ctx, ctx.palette.packet, prompt + s.command);
        ImGui::SameLine();
        if (ImGui::SmallButton(kLabels.get("copy", ctx.lang))) ImGui::SetClipboardText(s.output.c_str());
        recordLabel(ctx, kLabels.get("copy", ctx.lang));
        text(ctx, s.output);
        ImGui::PopID();
    }
}

} // namespace kns::ui
