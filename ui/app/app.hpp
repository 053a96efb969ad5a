#pragma once
// The window: an SFML window with an OpenGL (2.1 compatibility) context, our SFML-to-ImGui glue,
// ImGui's OpenGL 2 renderer, and the workspace (workspace.hpp) that draws every panel.
//
// Each frame: SFML events -> glue (and shortcuts) -> pacing (simulated time) -> ImGui frame ->
// panels -> render. The CPU side of a frame (advance + ImGui frame + draw lists) is what
// --bench-frames measures; the OpenGL render and the buffer swap are not part of it.
//
// Modes (options.hpp): interactive; --screenshot (replay to a point, render, save a PNG, exit 0);
// --bench-frames N (print one JSON line of frame-time percentiles, exit 0).
#include <memory>
#include <optional>
#include <string>

#include <SFML/Window/Cursor.hpp>
#include <SFML/Window/Window.hpp>
#include <nlohmann/json.hpp>

#include <ui/app/fonts.hpp>
#include <ui/app/workspace.hpp>
#include <ui/model/options.hpp>

namespace kns::ui {

class App {
public:
    // Returns the process exit code: 0 done, 1 the window or a file failed, 2 bad arguments or
    // a scenario that does not load.
    static int main(const Options& options);

private:
    App(const Options& options, std::unique_ptr<UiSession> session, Settings settings);
    ~App();

    bool openWindow();
    void rebuildFonts();
    // The CPU side of one frame: pacing, ImGui frame, panels, draw lists. Returns the share of it,
    // in milliseconds, the simulation's own advance took (the frame bench reports it apart).
    double cpuFrame(double realSeconds);
    // The GPU side: OpenGL draw of the last frame's draw lists (not swapped).
    void render();
    void updateCursor();
    int runInteractive();
    int runScreenshot();
    int runBench();
    // Puts the session at the screenshot point; false (with the reason on stderr) when it cannot.
    bool replayTo(const ShotPoint& at);
    // The packet cursor and the rule it points at, for the text dump (null when none).
    nlohmann::json cursorJson() const;

    Options m_options;
    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<Workspace> m_workspace;
    sf::Window m_window;
    FontFiles m_fonts;
    float m_fontScale = 0;
    std::optional<ImGuiMouseCursor> m_cursor;
    std::unique_ptr<sf::Cursor> m_sfCursor;
    std::string m_narration;  // the screenshot's step narration, for the text dump
};

} // namespace kns::ui
