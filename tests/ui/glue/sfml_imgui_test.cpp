#include <doctest/doctest.h>

#include <string>

#include <ui/glue/sfml_imgui.hpp>

using namespace kns::ui;

namespace {

// A headless ImGui context with the glue installed; destroyed at the end of the test.
struct Headless {
    ImGuiContext* ctx = ImGui::CreateContext();
    Headless() {
        ImGui::GetIO().IniFilename = nullptr;
        glue::install(ImGui::GetIO());
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Headless() { ImGui::DestroyContext(ctx); }
    ImGuiIO& io() { return ImGui::GetIO(); }
    void frame() {
        glue::newFrame(io(), 800, 600, 1.0f / 60.0f);
        ImGui::NewFrame();
        ImGui::Render();
    }
};

sf::Event key(sf::Keyboard::Key code, bool pressed, bool ctrl = false, bool shift = false) {
    sf::Event e;
    e.type = pressed ? sf::Event::KeyPressed : sf::Event::KeyReleased;
    e.key = {code, false, ctrl, shift, false};
    return e;
}

sf::Event textEntered(sf::Uint32 c) {
    sf::Event e;
    e.type = sf::Event::TextEntered;
    e.text.unicode = c;
    return e;
}

sf::Event mouseButton(sf::Mouse::Button b, bool pressed, int x, int y) {
    sf::Event e;
    e.type = pressed ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
    e.mouseButton = {b, x, y};
    return e;
}

} // namespace

TEST_CASE("a key press and release reach ImGui's key state with their modifiers") {
    Headless h;
    glue::processEvent(h.io(), key(sf::Keyboard::C, true, true));
    CHECK(h.io().KeysDown[sf::Keyboard::C]);
    CHECK(h.io().KeyCtrl);
    CHECK_FALSE(h.io().KeyShift);
    CHECK(h.io().KeyMap[ImGuiKey_C] == sf::Keyboard::C);
    glue::processEvent(h.io(), key(sf::Keyboard::C, false, false, true));
    CHECK_FALSE(h.io().KeysDown[sf::Keyboard::C]);
    CHECK_FALSE(h.io().KeyCtrl);
    CHECK(h.io().KeyShift);
}

TEST_CASE("an unknown key changes no key state") {
    Headless h;
    glue::processEvent(h.io(), key(sf::Keyboard::Unknown, true));
    for (bool down : h.io().KeysDown) CHECK_FALSE(down);
}

TEST_CASE("committed text, Japanese included, is queued as characters and control characters are not") {
    Headless h;
    // "日本" as an input method commits it: one TextEntered per code point.
    glue::processEvent(h.io(), textEntered(0x65E5));
    glue::processEvent(h.io(), textEntered(0x672C));
    glue::processEvent(h.io(), textEntered(0x08));  // backspace arrives as a key, not text
    glue::processEvent(h.io(), textEntered('a'));
    REQUIRE(h.io().InputQueueCharacters.Size == 3);
    CHECK(h.io().InputQueueCharacters[0] == 0x65E5);
    CHECK(h.io().InputQueueCharacters[1] == 0x672C);
    CHECK(h.io().InputQueueCharacters[2] == 'a');
}

TEST_CASE("mouse moves, buttons and both wheels reach ImGui") {
    Headless h;
    sf::Event move;
    move.type = sf::Event::MouseMoved;
    move.mouseMove = {120, 45};
    glue::processEvent(h.io(), move);
    CHECK(h.io().MousePos.x == 120.0f);
    CHECK(h.io().MousePos.y == 45.0f);
    glue::processEvent(h.io(), mouseButton(sf::Mouse::Right, true, 10, 20));
    CHECK(h.io().MouseDown[1]);
    CHECK(h.io().MousePos.x == 10.0f);
    glue::processEvent(h.io(), mouseButton(sf::Mouse::Right, false, 10, 20));
    CHECK_FALSE(h.io().MouseDown[1]);

    sf::Event wheel;
    wheel.type = sf::Event::MouseWheelScrolled;
    wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, -1.5f, 0, 0};
    glue::processEvent(h.io(), wheel);
    wheel.mouseWheelScroll = {sf::Mouse::HorizontalWheel, 2.0f, 0, 0};
    glue::processEvent(h.io(), wheel);
    CHECK(h.io().MouseWheel == -1.5f);
    CHECK(h.io().MouseWheelH == 2.0f);

    sf::Event left;
    left.type = sf::Event::MouseLeft;
    glue::processEvent(h.io(), left);
    CHECK(h.io().MousePos.x == -FLT_MAX);
}

TEST_CASE("a resize sets the display size and newFrame sets a positive delta time") {
    Headless h;
    sf::Event resize;
    resize.type = sf::Event::Resized;
    resize.size = {1024, 700};
    glue::processEvent(h.io(), resize);
    CHECK(h.io().DisplaySize.x == 1024.0f);
    CHECK(h.io().DisplaySize.y == 700.0f);
    glue::newFrame(h.io(), 640, 480, 0.0f);
    CHECK(h.io().DeltaTime > 0.0f);
    CHECK(h.io().DisplaySize.x == 640.0f);
}

TEST_CASE("losing focus releases the keys ImGui holds") {
    Headless h;
    h.frame();
    glue::processEvent(h.io(), key(sf::Keyboard::A, true));
    CHECK(h.io().KeysDown[sf::Keyboard::A]);
    sf::Event lost;
    lost.type = sf::Event::LostFocus;
    glue::processEvent(h.io(), lost);
    h.frame();  // ImGui clears the input state on the next frame
    CHECK_FALSE(h.io().KeysDown[sf::Keyboard::A]);
}

TEST_CASE("typed text lands in a focused input field") {
    Headless h;
    char buffer[64] = "";
    auto frame = [&] {
        glue::newFrame(h.io(), 800, 600, 1.0f / 60.0f);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::Begin("w");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("field", buffer, sizeof buffer);
        ImGui::End();
        ImGui::Render();
    };
    frame();
    frame();
    for (sf::Uint32 c : {0x30B5u, 0x30FCu, 0x30D3u, 0x30B9u}) glue::processEvent(h.io(), textEntered(c));  // サービス
    frame();
    CHECK(std::string(buffer) == "サービス");
}

TEST_CASE("ImGui's cursor shapes map to SFML cursors and None hides it") {
    CHECK(glue::cursorType(ImGuiMouseCursor_Arrow) == sf::Cursor::Arrow);
    CHECK(glue::cursorType(ImGuiMouseCursor_TextInput) == sf::Cursor::Text);
    CHECK(glue::cursorType(ImGuiMouseCursor_ResizeNWSE) == sf::Cursor::SizeTopLeftBottomRight);
    CHECK(glue::cursorType(ImGuiMouseCursor_Hand) == sf::Cursor::Hand);
    CHECK_FALSE(glue::cursorType(ImGuiMouseCursor_None).has_value());
}

TEST_CASE("the clipboard callbacks are installed") {
    Headless h;
    CHECK(static_cast<bool>(h.io().GetClipboardTextFn));
    CHECK(static_cast<bool>(h.io().SetClipboardTextFn));
}
