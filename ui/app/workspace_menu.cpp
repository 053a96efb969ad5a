// The menu bar and the help window of the workspace.
#include <ui/app/workspace.hpp>

#include <cstdio>
#include <iterator>

#include <ui/app/draw_text.hpp>
#include <ui/app/layout.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"file", "File", "ファイル"},
    {"quit", "Quit", "終了"},
    {"view", "View", "表示"},
    {"reset_layout", "Reset layout", "レイアウトを元に戻す"},
    {"lang", "Language", "言語"},
    {"scale", "Scale", "拡大"},
    {"theme", "Theme", "テーマ"},
    {"standard", "Standard", "標準"},
    {"high_contrast", "High contrast", "ハイコントラスト"},
    {"help", "Help", "ヘルプ"},
    {"shortcuts", "Keyboard shortcuts", "キーボードショートカット"},
    {"help_title", "Help", "ヘルプ"},
    {"keys", "Keys", "キー"},
    {"action", "Action", "操作"},
    {"keys_rule",
     "Letter keys act while no text field is being typed in; click outside the console or press Esc "
     "to leave it. Function keys always act.",
     "文字キーは入力欄で入力中でないときに働きます。コンソールの外をクリックするか Esc で入力欄を離れてください。"
     "ファンクションキーは常に働きます。"},
    {"time_title", "How time runs", "時間の進み方"},
    {"time_rule",
     "The speed runs simulated time at 0.1x to 100x real time. While a packet is in flight (a hop "
     "the simulation recorded lies within 1 ms ahead of the view), time runs 1000 times slower: at 1x, "
     "1 ms of packet travel takes 1 s on screen. Pause freezes every packet where it is.",
     "速度はシミュレーション時間を実時間の0.1倍から100倍で進めます。パケットの移動中（記録されたホップが"
     "表示時刻から1 ms以内にあるとき）は時間が1000分の1の速さになり、1倍速ではパケットの1 msの移動が画面上"
     "で1秒かかります。一時停止するとパケットはその場で止まります。"},
};

constexpr float kScales[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f};

} // namespace

void Workspace::drawMenuBar() {
    UiContext ctx = context();
    const Lang lang = m_settings.lang;
    auto label = [&](const char* key) {
        const char* s = kLabels.get(key, lang);
        recordLabel(ctx, s);
        return s;
    };
    if (!ImGui::BeginMainMenuBar()) return;
    m_menuHeight = ImGui::GetWindowSize().y;
    if (ImGui::BeginMenu(label("file"))) {
        if (ImGui::MenuItem(label("quit"), "Ctrl+Q")) m_quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label("view"))) {
        for (const auto& panel : m_panels) {
            auto it = m_settings.panels.find(panel->id());
            if (it == m_settings.panels.end()) continue;
            const std::string item = std::string(panel->title(lang)) + "##" + panel->id();
            recordLabel(ctx, item);
            ImGui::MenuItem(item.c_str(), nullptr, &it->second.open);
        }
        ImGui::Separator();
        if (ImGui::MenuItem(label("reset_layout"))) m_resetLayout = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label("lang"))) {
        if (ImGui::MenuItem("English", nullptr, lang == Lang::En)) setLang(Lang::En);
        if (ImGui::MenuItem("日本語", nullptr, lang == Lang::Ja)) setLang(Lang::Ja);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label("scale"))) {
        for (float s : kScales) {
            char item[16];
            std::snprintf(item, sizeof item, "%d%%", static_cast<int>(s * 100.0f + 0.5f));
            if (ImGui::MenuItem(item, nullptr, m_settings.scale == s) && m_settings.scale != s) {
                m_settings.scale = s;
                m_fontRebuild = true;
                m_styleChange = true;
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label("theme"))) {
        const Theme before = m_settings.theme;
        if (ImGui::MenuItem(label("standard"), nullptr, before == Theme::Standard)) m_settings.theme = Theme::Standard;
        if (ImGui::MenuItem(label("high_contrast"), nullptr, before == Theme::HighContrast)) m_settings.theme = Theme::HighContrast;
        if (m_settings.theme != before) m_styleChange = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label("help"))) {
        if (ImGui::MenuItem(label("shortcuts"), "F1", m_helpOpen)) m_helpOpen = !m_helpOpen;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void Workspace::drawHelp() {
    UiContext ctx = context();
    const Lang lang = m_settings.lang;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560.0f * m_settings.scale, 0.0f), ImGuiCond_Appearing);
    const std::string title = std::string(kLabels.get("help_title", lang)) + "###help";
    if (ImGui::Begin(title.c_str(), &m_helpOpen)) {
        recordLabel(ctx, kLabels.get("help_title", lang));
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_BordersInnerH)) {
            ImGui::TableSetupColumn(kLabels.get("keys", lang), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(kLabels.get("action", lang));
            ImGui::TableHeadersRow();
            recordLabel(ctx, kLabels.get("keys", lang));
            recordLabel(ctx, kLabels.get("action", lang));
            std::size_t n = 0;
            const Shortcut* all = shortcuts(n);
            for (std::size_t i = 0; i < n; ++i) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ui::text(ctx, all[i].keys);
                ImGui::TableNextColumn();
                ui::text(ctx, lang == Lang::Ja ? all[i].what.ja : all[i].what.en);
            }
            ImGui::EndTable();
        }
        textWrapped(ctx, kLabels.get("keys_rule", lang));
        ImGui::Spacing();
        textColored(ctx, ctx.palette.evaluating, kLabels.get("time_title", lang));
        textWrapped(ctx, kLabels.get("time_rule", lang));
    }
    ImGui::End();
}

} // namespace kns::ui
