#include <ui/app/workspace.hpp>

#include <chrono>
#include <utility>

#include <ui/app/draw_text.hpp>
#include <ui/app/layout.hpp>
#include <ui/app/panel_list.hpp>
#include <ui/app/style.hpp>

namespace kns::ui {

Workspace::Workspace(UiSession& session, Settings settings)
    : m_session(session), m_settings(std::move(settings)), m_panels(makePanels()) {
    m_pacing.setSpeed(m_settings.speed);
}

Workspace::~Workspace() = default;

UiContext Workspace::context() {
    const Palette& palette = m_settings.theme == Theme::HighContrast ? Palette::highContrast() : Palette::standard();
    return UiContext{m_session, m_pacing, m_selection, m_text, palette, m_settings.lang, m_settings.scale, &m_missing};
}

void Workspace::advance(double realSeconds) {
    // Bounding the hop records renumbers them: the packet cursor moves with its hop (or is lost
    // with it). Nothing holds a hop index across this point but the cursor and the timelines.
    if (const std::size_t dropped = m_session.trimHops(); dropped > 0 && m_selection.cursor.valid()) {
        if (static_cast<std::size_t>(m_selection.cursor.hop) < dropped) m_selection.cursor = {};
        else m_selection.cursor.hop -= static_cast<int>(dropped);
    }
    if (m_selection.goToTime) {
        m_pacing.setMode(PacingDriver::Mode::Paused);
        m_session.setViewTime(*m_selection.goToTime);
        m_selection.goToTime.reset();
    }
    m_pacing.frame(m_session, realSeconds);
    m_settings.speed = m_pacing.speed();
}

void Workspace::act(Action action) {
    if (action == Action::Help) {
        m_helpOpen = !m_helpOpen;
        return;
    }
    if (action == Action::Quit) {
        m_quit = true;
        return;
    }
    UiContext ctx = context();
    perform(action, ctx);
}

bool Workspace::takeFontRebuild() {
    if (m_missing.size() != m_missingBuilt) {
        m_missingBuilt = m_missing.size();
        m_fontRebuild = true;
    }
    return std::exchange(m_fontRebuild, false);
}

bool Workspace::takeStyleChange() { return std::exchange(m_styleChange, false); }

void Workspace::applyStyle() const { ui::applyStyle(m_settings.theme, m_settings.scale); }

void Workspace::setLang(Lang lang) { m_settings.lang = lang; }

void Workspace::draw(float width, float height) {
    m_text.beginFrame();
    drawMenuBar();
    drawPanels(width, height, m_menuHeight);
    if (m_helpOpen) drawHelp();
    m_resetLayout = false;
}

void Workspace::drawPanels(float width, float height, float menuHeight) {
    UiContext ctx = context();
    const ImGuiCond cond = m_resetLayout ? ImGuiCond_Always : ImGuiCond_Once;
    for (const auto& panel : m_panels) {
        const std::string id = panel->id();
        auto it = m_settings.panels.find(id);
        if (it == m_settings.panels.end() || m_resetLayout)
            it = m_settings.panels.insert_or_assign(id, defaultLayout(id, width, height, menuHeight)).first;
        PanelLayout& l = it->second;
        if (m_openEvery) l.open = true;
        const bool focus = m_selection.focusPanel == id;  // another panel asked for this one
        if (focus) {
            l.open = true;
            ImGui::SetNextWindowFocus();
            m_selection.focusPanel.clear();
        }
        if (!l.open) continue;
        ImGui::SetNextWindowPos(ImVec2(l.x, l.y), cond);
        ImGui::SetNextWindowSize(ImVec2(l.width, l.height), cond);
        const char* title = panel->title(m_settings.lang);
        const std::string windowName = std::string(title) + "###" + id;  // the id survives a language switch
        bool open = true;
        if (ImGui::Begin(windowName.c_str(), &open)) {
            recordLabel(ctx, title);
            const auto start = std::chrono::steady_clock::now();
            panel->drawContent(ctx);
            m_panelMs[id] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        }
        const ImVec2 pos = ImGui::GetWindowPos();
        const ImVec2 size = ImGui::GetWindowSize();
        ImGui::End();
        l = PanelLayout{pos.x, pos.y, size.x, size.y, open};
    }
    m_openEvery = false;
}

} // namespace kns::ui
