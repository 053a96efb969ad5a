#include <ui/panels/statistics_panel.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include <ui/app/draw_text.hpp>
#include <ui/model/event_log_model.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Statistics", "統計"},
    {"services", "Hits per endpoint (expected: 1/N of each Service's requests)", "endpoint ごとの応答数 (期待値: 各 Service の要求の 1/N)"},
    {"endpoint", "Endpoint", "endpoint"},
    {"pod", "Pod", "pod"},
    {"hits", "Hits", "応答数"},
    {"share", "Share", "割合"},
    {"expected", "Expected", "期待値"},
    {"notReady", "(not ready)", "(準備未完了)"},
    {"noEndpoints", "no endpoints", "endpoint なし"},
    {"nodes", "Nodes", "node"},
    {"node", "Node", "node"},
    {"rules", "Rules", "ルール数"},
    {"syncs", "kube-proxy syncs", "kube-proxy 同期回数"},
    {"lastSync", "Last restore (modelled)", "直前の restore (モデル値)"},
    {"conntrack", "conntrack entries", "conntrack エントリ"},
    {"podConntrack", "conntrack entries in pods", "pod 内の conntrack エントリ"},
    {"syncing", "syncing", "同期中"},
    {"history", "kube-proxy syncs started", "開始した kube-proxy 同期"},
    {"at", "Time", "時刻"},
    {"lines", "Lines", "行数"},
    {"duration", "Restore (modelled)", "restore (モデル値)"},
};

constexpr int kRefreshFrames = 15;

std::string percent(double v) {
    char b[16];
    std::snprintf(b, sizeof b, "%.1f%%", v * 100.0);
    return b;
}

void cell(UiContext& ctx, int column, const std::string& s, ImU32 colour) {
    ImGui::TableSetColumnIndex(column);
    textColored(ctx, colour, s);
}

void headerRow(UiContext& ctx, std::initializer_list<const char*> keys) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    int i = 0;
    for (const char* k : keys) cell(ctx, i++, kLabels.get(k, ctx.lang), ctx.palette.dimText);
}

// Room for the header and up to kShownEndpoints rows; more scroll.
constexpr std::size_t kShownEndpoints = 12;
ImVec2 endpointsTableSize(std::size_t rows) {
    const float row = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2.0f;
    return ImVec2(0.0f, row * static_cast<float>(std::min(rows, kShownEndpoints) + 1) + ImGui::GetStyle().ScrollbarSize);
}

} // namespace

const char* StatisticsPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void StatisticsPanel::drawContent(UiContext& ctx) {
    // Rebuilt when the session moved, at most every kRefreshFrames frames while it keeps moving
    // (the sync history reads the whole event log).
    ++m_frames;
    if (m_generation != ctx.session.generation() && (m_frames >= kRefreshFrames || m_generation == 0)) {
        m_model = buildStatistics(ctx.session.sim(), ctx.session.eventLog());
        m_generation = ctx.session.generation();
        m_frames = 0;
    }
    const Palette& pal = ctx.palette;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;

    textColored(ctx, pal.text, kLabels.get("services", ctx.lang));
    for (const ServiceStats& s : m_model.services) {
        ImGui::PushID(s.key.c_str());
        textColored(ctx, pal.vip, s.key + "  " + s.clusterIP + "  (" + std::to_string(s.total) + ")");
        if (s.endpoints.empty()) {
            textColored(ctx, pal.dimText, kLabels.get("noEndpoints", ctx.lang));
        } else if (ImGui::BeginTable("endpoints", 5, flags | ImGuiTableFlags_ScrollY, endpointsTableSize(s.endpoints.size()))) {
            // A Service with hundreds of endpoints scrolls in its own table; only the visible rows
            // are built.
            ImGui::TableSetupScrollFreeze(0, 1);
            headerRow(ctx, {"endpoint", "pod", "hits", "share", "expected"});
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(s.endpoints.size()));
            while (clipper.Step())
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const EndpointHits& e = s.endpoints[static_cast<std::size_t>(row)];
                ImGui::TableNextRow();
                cell(ctx, 0, e.address, pal.text);
                cell(ctx, 1, e.pod + (e.ready ? "" : std::string(" ") + kLabels.get("notReady", ctx.lang)), e.ready ? pal.text : pal.podUnready);
                cell(ctx, 2, std::to_string(e.hits), pal.text);
                // The share as a bar against the expected share's mark.
                ImGui::TableSetColumnIndex(3);
                const ImVec2 p = ImGui::GetCursorScreenPos();
                const float w = 120 * ctx.scale, h = ImGui::GetTextLineHeight();
                ImDrawList* list = ImGui::GetWindowDrawList();
                list->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(e.share), p.y + h), pal.pod);
                const float mark = p.x + w * static_cast<float>(s.expectedShare);
                list->AddLine(ImVec2(mark, p.y - 1), ImVec2(mark, p.y + h + 1), pal.evaluating, 2.0f);
                ImGui::Dummy(ImVec2(w, h));
                ImGui::SameLine();
                text(ctx, percent(e.share));
                cell(ctx, 4, e.ready ? percent(s.expectedShare) : "-", pal.dimText);
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    textColored(ctx, pal.text, kLabels.get("nodes", ctx.lang));
    if (ImGui::BeginTable("nodes", 5, flags)) {
        headerRow(ctx, {"node", "rules", "syncs", "lastSync", "conntrack"});
        for (const NodeStats& n : m_model.nodes) {
            ImGui::TableNextRow();
            cell(ctx, 0, n.node, pal.text);
            cell(ctx, 1, std::to_string(n.rules), pal.text);
            cell(ctx, 2, std::to_string(n.syncs) + (n.syncing ? std::string(" (") + kLabels.get("syncing", ctx.lang) + ")" : ""),
                 n.syncing ? pal.evaluating : pal.text);
            cell(ctx, 3, n.lastSyncDuration.str(), pal.text);
            cell(ctx, 4, std::to_string(n.conntrackEntries), pal.text);
        }
        ImGui::EndTable();
    }
    text(ctx, std::string(kLabels.get("podConntrack", ctx.lang)) + ": " + std::to_string(m_model.podConntrackEntries));
    ImGui::Separator();
    textColored(ctx, pal.text, kLabels.get("history", ctx.lang));
    if (ImGui::BeginTable("syncs", 4, flags | ImGuiTableFlags_ScrollY, ImVec2(0, 200 * ctx.scale))) {
        headerRow(ctx, {"at", "node", "lines", "duration"});
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(m_model.syncs.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                // Newest first.
                const SyncSample& s = m_model.syncs[m_model.syncs.size() - 1 - static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                cell(ctx, 0, EventLogModel::timeText(s.at), pal.text);
                cell(ctx, 1, s.node, pal.text);
                cell(ctx, 2, std::to_string(s.lines), pal.text);
                cell(ctx, 3, s.duration.str(), pal.text);
            }
        ImGui::EndTable();
    }
}

} // namespace kns::ui
