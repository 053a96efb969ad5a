#include <doctest/doctest.h>

#include <ui/app/actions.hpp>
#include <ui/app/workspace.hpp>

#include "headless_imgui.hpp"

using namespace kns;
using namespace kns::ui;

namespace {

std::unique_ptr<UiSession> tutorial() {
    auto s = UiSession::open({});
    REQUIRE(s.ok());
    return std::move(*s);
}

void frames(test::HeadlessImGui& imgui, Workspace& w, int n) {
    for (int i = 0; i < n; ++i) {
        w.advance(1.0 / 60.0);
        imgui.frame(1280, 800, [&] { w.draw(1280, 800); });
    }
}

} // namespace

TEST_CASE("the workspace draws the menu bar and the controls, recording their text") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Workspace w(*session, Settings{});
    frames(imgui, w, 2);
    CHECK(w.text().contains("View"));
    CHECK(w.text().contains("Controls"));
    CHECK(w.text().contains("Step event"));
    CHECK(w.text().missingGlyphs() == 0);
    // Every panel got a window in the settings, inside the display.
    REQUIRE(w.settings().panels.count("controls") == 1);
    const PanelLayout& l = w.settings().panels.at("controls");
    CHECK(l.open);
    CHECK(l.x + l.width <= 1280.5f);
}

TEST_CASE("in Japanese every label is drawn with real glyphs") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Settings settings;
    settings.lang = Lang::Ja;
    Workspace w(*session, settings);
    w.act(Action::Help);
    frames(imgui, w, 2);
    CHECK(w.text().contains("表示"));
    CHECK(w.text().contains("操作"));
    CHECK(w.text().contains("シミュレーションの再生・一時停止"));
    CHECK(w.text().missingGlyphs() == 0);
}

TEST_CASE("the help window lists the shortcuts and the slow-motion rule") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Workspace w(*session, Settings{});
    CHECK_FALSE(w.helpOpen());
    w.act(Action::Help);
    frames(imgui, w, 2);
    CHECK(w.text().contains("Space / F5"));
    CHECK(w.text().contains("Step the packet to its next hop"));
    CHECK(w.text().contains("Ctrl+Q"));
    CHECK(w.text().contains("press Esc"));
    CHECK(w.text().contains("1 ms of packet travel takes 1 s"));
    w.act(Action::Help);
    frames(imgui, w, 1);
    CHECK_FALSE(w.text().contains("Space / F5"));
}

TEST_CASE("play from the shortcut moves simulated time; pause stops it") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Workspace w(*session, Settings{});
    const SimTime start = session->viewTime();
    frames(imgui, w, 3);
    CHECK(session->viewTime() == start);  // the window opens paused
    w.act(Action::PlayPause);
    frames(imgui, w, 3);
    CHECK(session->viewTime() > start);
    w.act(Action::PlayPause);
    const SimTime paused = session->viewTime();
    frames(imgui, w, 3);
    CHECK(session->viewTime() == paused);
}

TEST_CASE("a saved panel layout is where the panel opens, and a closed panel stays closed") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Settings settings;
    settings.panels["controls"] = PanelLayout{100, 200, 420, 260, true};
    Workspace w(*session, settings);
    frames(imgui, w, 2);
    CHECK(w.settings().panels.at("controls").x == 100);
    CHECK(w.settings().panels.at("controls").width == 420);
    settings.panels["controls"].open = false;
    Workspace closed(*session, settings);
    frames(imgui, closed, 2);
    CHECK_FALSE(closed.text().contains("Step event"));
    // Opening every panel (the frame bench) opens the closed one too, once.
    closed.openEveryPanel();
    frames(imgui, closed, 1);
    CHECK(closed.text().contains("Step event"));
    CHECK(closed.settings().panels.at("controls").open);
    std::size_t open = 0;
    for (const auto& [id, layout] : closed.settings().panels) open += layout.open ? 1 : 0;
    CHECK(open == closed.settings().panels.size());
}

TEST_CASE("a pressed Space plays when no text field holds the keyboard, is text while one does (F5 still plays), and Ctrl+Q quits") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Workspace w(*session, Settings{});
    frames(imgui, w, 3);
    ImGuiIO& io = ImGui::GetIO();
    CHECK_FALSE(io.WantTextInput);
    sf::Event space;
    space.type = sf::Event::KeyPressed;
    space.key = sf::Event::KeyEvent{sf::Keyboard::Space, false, false, false, false};
    const auto action = actionFor(space, io.WantTextInput);
    REQUIRE(action);
    CHECK(*action == Action::PlayPause);
    const SimTime start = session->viewTime();
    w.act(*action);
    frames(imgui, w, 3);
    CHECK(session->viewTime() > start);
    // Typing in a text field, the same key is text, not a shortcut; a function key still acts.
    CHECK_FALSE(actionFor(space, true));
    sf::Event f5 = space;
    f5.key.code = sf::Keyboard::F5;
    CHECK(actionFor(f5, true) == Action::PlayPause);
    sf::Event quit = space;
    quit.key = sf::Event::KeyEvent{sf::Keyboard::Q, false, true, false, false};
    REQUIRE(actionFor(quit, true) == Action::Quit);
    CHECK_FALSE(w.quitRequested());
    w.act(Action::Quit);
    CHECK(w.quitRequested());
}

TEST_CASE("selecting an object opens the closed Inspector on its describe output, and it follows the selection") {
    test::HeadlessImGui imgui;
    auto session = tutorial();
    Workspace w(*session, Settings{});
    frames(imgui, w, 2);
    CHECK_FALSE(w.settings().panels.at("inspector").open);  // closed by default
    // What a click on the node in the cluster view does.
    w.selection().kind = "node";
    w.selection().key = "localhost";
    w.selection().focusPanel = "inspector";
    frames(imgui, w, 2);
    CHECK(w.settings().panels.at("inspector").open);
    CHECK(w.selection().focusPanel.empty());
    CHECK(w.text().contains("kubectl describe node localhost"));
    CHECK(w.text().contains("ip route"));
    w.selection().kind = "service";
    w.selection().key = "default/no-such-service";
    frames(imgui, w, 1);
    CHECK(w.text().contains("no longer exists."));
    CHECK_FALSE(w.text().contains("kubectl describe node localhost"));
}
