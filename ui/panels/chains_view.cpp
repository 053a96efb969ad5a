#include <ui/panels/chains_view.hpp>

#include <string>

#include <imgui.h>

#include <ui/app/draw_text.hpp>
#include <ui/model/event_log_model.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Chains", "チェーン"},
    {"none", "No packet selected. Click a packet in the cluster view, or run a scenario step that pauses one.",
     "パケットが選ばれていません。クラスタ図のパケットをクリックするか、パケットを止めるシナリオの手順を実行してください。"},
    {"previous", "< Previous rule", "< 前のルール"},
    {"next", "Next rule >", "次のルール >"},
    {"nextHop", "Next hop >>", "次のホップ >>"},
    {"latest", "Follow the latest packet", "最新のパケットを追う"},
    {"original", "original direction", "往路 (original)"},
    {"reply", "reply direction", "復路 (reply)"},
    {"at", "at", "時刻"},
    {"path", "Path:", "経路:"},
    {"hook", "Hook:", "フック:"},
    {"evaluating", "Rule under evaluation:", "評価中のルール:"},
    {"draw", "Random draw:", "乱数:"},
    {"rewritten", "(kube-proxy has rewritten this chain since: the rules as the packet saw them)",
     "(このチェーンはその後 kube-proxy に書き換えられました: パケットが見たときのルールです)"},
    {"before", "Before", "変換前"},
    {"after", "After", "変換後"},
    {"dnat", "DNAT (destination)", "DNAT (宛先)"},
    {"snat", "MASQUERADE / SNAT (source)", "MASQUERADE / SNAT (送信元)"},
    {"unnat", "conntrack un-NAT of the reply", "conntrack による復路の NAT 戻し"},
    {"arrived", "As it arrived", "到着時"},
    {"left", "As it left", "送出時"},
    {"noNat", "No address was rewritten in this namespace.", "この名前空間ではアドレスは書き換えられませんでした。"},
};

constexpr int kRefreshFrames = 15;

// Matched and not matched differ by mark as well as colour; the check marks need a font that has
// them (the CJK font may not), otherwise plain ASCII marks are drawn.
const char* markFor(RuleMark m) {
    const ImFont* font = ImGui::GetFont();
    const bool glyphs = font && font->FindGlyphNoFallback(0x2713) && font->FindGlyphNoFallback(0x2717);
    switch (m) {
    case RuleMark::Matched: return glyphs ? "\u2713" : "+";
    case RuleMark::NotMatched: return glyphs ? "\u2717" : "x";
    case RuleMark::NotReached: break;
    }
    return " ";
}

std::string counters(const ChainRuleRow& r) {
    return "[" + std::to_string(r.packets) + ":" + std::to_string(r.bytes) + "]";
}

} // namespace

const char* ChainsView::title(Lang lang) const { return kLabels.get("title", lang); }

void ChainsView::moveTo(UiContext& ctx, Selection::PacketCursor c) {
    if (!c.valid()) return;
    const auto& hops = ctx.session.sim().state().dataPlane.transport.hops;
    if (c.hop != ctx.selection.cursor.hop && static_cast<std::size_t>(c.hop) < hops.size())
        ctx.selection.goToTime = hops[static_cast<std::size_t>(c.hop)].at;
    ctx.selection.cursor = c;
    m_scrollToCurrent = true;
}

void ChainsView::drawControls(UiContext& ctx) {
    const auto& hops = ctx.session.sim().state().dataPlane.transport.hops;
    const Selection::PacketCursor c = ctx.selection.cursor;
    const auto prev = m_timeline.previousRule(hops, c);
    const auto next = m_timeline.nextRule(hops, c);
    const auto hop = m_timeline.nextHop(hops, c);
    ImGui::BeginDisabled(!prev.valid());
    recordLabel(ctx, kLabels.get("previous", ctx.lang));
    if (ImGui::Button(kLabels.get("previous", ctx.lang))) moveTo(ctx, prev);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!next.valid());
    recordLabel(ctx, kLabels.get("next", ctx.lang));
    if (ImGui::Button(kLabels.get("next", ctx.lang))) moveTo(ctx, next);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!hop.valid());
    recordLabel(ctx, kLabels.get("nextHop", ctx.lang));
    if (ImGui::Button(kLabels.get("nextHop", ctx.lang))) moveTo(ctx, hop);
    ImGui::EndDisabled();
}

void ChainsView::drawPath(UiContext& ctx) {
    text(ctx, kLabels.get("path", ctx.lang));
    for (std::size_t i = 0; i < m_model.path.size(); ++i) {
        const PathEntry& e = m_model.path[i];
        ImGui::SameLine();
        if (i > 0) {
            textColored(ctx, ctx.palette.dimText, "->");
            ImGui::SameLine();
        }
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_Text, e.current ? ctx.palette.evaluating : ctx.palette.text);
        recordLabel(ctx, e.label);
        if (ImGui::SmallButton(e.label.c_str())) moveTo(ctx, Selection::PacketCursor{ctx.selection.cursor.hop, e.stackStep, e.rule});
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
}

void ChainsView::drawSection(UiContext& ctx, const ChainSection& sec) {
    textColored(ctx, sec.current ? ctx.palette.evaluating : ctx.palette.text, sec.table + " " + sec.chain);
    if (sec.rewritten) {
        ImGui::SameLine();
        textColored(ctx, ctx.palette.dimText, kLabels.get("rewritten", ctx.lang));
    }
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const bool long_ = sec.rows.size() > 24;
    if (long_) ImGui::BeginChild(("rows-" + sec.chain).c_str(), ImVec2(0, line * 16), true, ImGuiWindowFlags_HorizontalScrollbar);
    int currentRow = -1;
    for (std::size_t i = 0; i < sec.rows.size(); ++i)
        if (sec.rows[i].current) currentRow = static_cast<int>(i);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(sec.rows.size()), line);
    if (currentRow >= 0) clipper.ForceDisplayRangeByIndices(currentRow, currentRow + 1);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ChainRuleRow& r = sec.rows[static_cast<std::size_t>(i)];
            if (r.current) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + line),
                                                          (ctx.palette.evaluating & 0x00FFFFFFu) | 0x40000000u);
                if (m_scrollToCurrent) ImGui::SetScrollHereY(0.5f);
            }
            const ImU32 colour = r.mark == RuleMark::Matched      ? ctx.palette.matched
                                 : r.mark == RuleMark::NotMatched ? ctx.palette.notMatched
                                                                  : ctx.palette.dimText;
            textColored(ctx, colour, markFor(r.mark));
            ImGui::SameLine();
            textColored(ctx, ctx.palette.dimText, counters(r));
            ImGui::SameLine();
            textColored(ctx, r.current ? ctx.palette.evaluating : ctx.palette.text, r.text);
            if (!r.draw.empty() || !r.action.empty()) {
                ImGui::SameLine();
                textColored(ctx, colour, "  " + (r.draw.empty() ? "-> " + r.action : r.draw));
            }
        }
    }
    if (long_) ImGui::EndChild();
}

void ChainsView::drawRewrites(UiContext& ctx) {
    auto table = [&](const char* heading, const net::Packet& before, const net::Packet& after, ImU32 colour) {
        textColored(ctx, colour, heading);
        if (ImGui::BeginTable(heading, 2, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            textColored(ctx, ctx.palette.dimText, kLabels.get("before", ctx.lang));
            ImGui::TableSetColumnIndex(1);
            textColored(ctx, ctx.palette.dimText, kLabels.get("after", ctx.lang));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            text(ctx, headerText(before));
            ImGui::TableSetColumnIndex(1);
            textColored(ctx, ctx.palette.rewrite, headerText(after));
            ImGui::EndTable();
        }
    };
    for (std::size_t i = 0; i < m_model.rewrites.size(); ++i) {
        const NatRewrite& r = m_model.rewrites[i];
        ImGui::PushID(static_cast<int>(i));
        table(kLabels.get(r.unNat ? "unnat" : r.destination ? "dnat" : "snat", ctx.lang), r.before, r.after, ctx.palette.rewrite);
        ImGui::PopID();
    }
    if (m_model.rewrites.empty()) textColored(ctx, ctx.palette.dimText, kLabels.get("noNat", ctx.lang));
    table((std::string(kLabels.get("arrived", ctx.lang)) + " / " + kLabels.get("left", ctx.lang)).c_str(), m_model.arrived, m_model.left,
          ctx.palette.text);
}

void ChainsView::drawContent(UiContext& ctx) {
    const Simulation& sim = ctx.session.sim();
    m_timeline.update(sim);
    const auto& hops = sim.state().dataPlane.transport.hops;
    Selection::PacketCursor& c = ctx.selection.cursor;
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops.size()) {
        textWrapped(ctx, kLabels.get("none", ctx.lang));
        if (!hops.empty()) {
            recordLabel(ctx, kLabels.get("latest", ctx.lang));
            if (ImGui::Button(kLabels.get("latest", ctx.lang))) {
                const auto& journeys = m_timeline.journeys();
                if (!journeys.empty()) moveTo(ctx, PacketTimeline::firstRuleOf(hops, journeys.back().hops.front()));
            }
        }
        return;
    }
    const bool cursorMoved = c.hop != m_builtFor.hop || c.stackStep != m_builtFor.stackStep || c.rule != m_builtFor.rule;
    // While the simulation runs the generation moves every frame; the counters are refreshed every
    // kRefreshFrames frames (a KUBE-SERVICES chain of 10,000 rules is not re-rendered per frame).
    ++m_frames;
    const bool countersDue = m_generation != ctx.session.generation() && m_frames >= kRefreshFrames;
    if (cursorMoved || countersDue || m_builtLang != ctx.lang) {
        m_frames = 0;
        m_model = buildChainsModel(sim, c, ctx.lang);
        m_generation = ctx.session.generation();
        m_builtFor = c;
        m_builtLang = ctx.lang;
        m_scrollToCurrent = m_scrollToCurrent || cursorMoved;
    }
    drawControls(ctx);
    text(ctx, m_model.ns + "  " + kLabels.get("at", ctx.lang) + " " + EventLogModel::timeText(m_model.at));
    ImGui::SameLine();
    textColored(ctx, m_model.reply ? ctx.palette.reply : ctx.palette.packet, kLabels.get(m_model.reply ? "reply" : "original", ctx.lang));
    if (!m_model.conntrack.empty()) {
        ImGui::SameLine();
        textColored(ctx, ctx.palette.dimText, "conntrack: " + m_model.conntrack);
    }
    drawPath(ctx);
    if (!m_model.hook.empty()) text(ctx, std::string(kLabels.get("hook", ctx.lang)) + " " + m_model.hook);
    if (!m_model.currentRule.empty()) {
        text(ctx, kLabels.get("evaluating", ctx.lang));
        ImGui::SameLine();
        textColored(ctx, ctx.palette.evaluating, m_model.currentChain);
        textColored(ctx, ctx.palette.evaluating, m_model.currentRule);
        if (!m_model.currentDraw.empty()) {
            text(ctx, kLabels.get("draw", ctx.lang));
            ImGui::SameLine();
            textColored(ctx, ctx.palette.evaluating, m_model.currentDraw);
        }
    }
    ImGui::Separator();
    drawRewrites(ctx);
    ImGui::Separator();
    ImGui::BeginChild("chains", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    for (std::size_t i = 0; i < m_model.chains.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        drawSection(ctx, m_model.chains[i]);
        ImGui::PopID();
    }
    ImGui::EndChild();
    m_scrollToCurrent = false;
}

} // namespace kns::ui
