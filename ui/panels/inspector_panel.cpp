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

} // namespace

const char* InspectorPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void InspectorPanel::drawContent(UiContext& ctx) {
    const Selection& sel = ctx.selection;
    if (sel.kind != m_kind || sel.key != m_key || ctx.session.generation() != m_generation) {
        m_sections = sel.kind.empty() ? std::vector<InspectorSection>{} : inspect(ctx.session.sim(), sel.kind, sel.key);
        m_kind = sel.kind;
        m_key = sel.key;
        m_generation = ctx.session.generation();
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
