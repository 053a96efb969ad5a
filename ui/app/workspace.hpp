#pragma once
// Everything the window shows, without the window: the panels, the menu bar, the help window,
// the settings they change, the pacing driver and the shared selection. The app (app.hpp) owns
// the SFML window and the OpenGL renderer and calls, each frame:
//     advance(realSeconds);  ImGui::NewFrame();  draw(width, height);  ImGui::Render();
// Tests do the same on a headless ImGui context.
#include <map>
#include <memory>
#include <string>
#include <set>
#include <vector>

#include <ui/app/actions.hpp>
#include <ui/app/panel.hpp>
#include <ui/model/pacing.hpp>
#include <ui/model/selection.hpp>
#include <ui/model/settings.hpp>
#include <ui/model/text_recorder.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui {

class Workspace {
public:
    Workspace(UiSession& session, Settings settings);
    ~Workspace();

    // Moves simulated time for a frame that took realSeconds (the pacing driver), and the view to
    // an event the user clicked in the log.
    void advance(double realSeconds);
    // Draws the menu bar, every open panel and the help window (between NewFrame and Render).
    void draw(float width, float height);
    // A shortcut or a menu command.
    void act(Action action);

    // The settings as the user left them, with every panel's current window (for saving).
    const Settings& settings() const { return m_settings; }
    // Sets the style (theme, sizes scaled) on the current ImGui context.
    void applyStyle() const;
    // True once after the scale changed or new characters need glyphs: the app rebuilds the fonts.
    bool takeFontRebuild();
    // True once after the theme or the scale changed: the app calls applyStyle().
    bool takeStyleChange();
    const std::set<unsigned>& missingCodepoints() const { return m_missing; }
    bool quitRequested() const { return m_quit; }
    bool helpOpen() const { return m_helpOpen; }

    UiSession& session() { return m_session; }
    PacingDriver& pacing() { return m_pacing; }
    Selection& selection() { return m_selection; }
    const TextRecorder& text() const { return m_text; }
    UiContext context();
    // CPU milliseconds each panel's drawContent took, summed over every frame drawn (--bench-frames).
    const std::map<std::string, double>& panelMilliseconds() const { return m_panelMs; }
    void resetPanelMilliseconds() { m_panelMs.clear(); }
    // Opens every panel at the next draw, closed ones where they open by default (--bench-frames).
    void openEveryPanel() { m_openEvery = true; }

private:
    void drawMenuBar();
    void drawPanels(float width, float height, float menuHeight);
    void drawHelp();
    void setLang(Lang lang);

    UiSession& m_session;
    Settings m_settings;
    PacingDriver m_pacing;
    Selection m_selection;
    TextRecorder m_text;
    std::vector<std::unique_ptr<Panel>> m_panels;
    std::set<unsigned> m_missing;
    std::map<std::string, double> m_panelMs;
    bool m_openEvery = false;
    std::size_t m_missingBuilt = 0;  // m_missing.size() at the last font rebuild
    bool m_fontRebuild = false;
    bool m_styleChange = false;
    bool m_resetLayout = false;
    bool m_helpOpen = false;
    bool m_quit = false;
    float m_menuHeight = 0;
};

} // namespace kns::ui
