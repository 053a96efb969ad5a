#include <ui/glue/sfml_imgui.hpp>

#include <string>

#include <SFML/Window/Clipboard.hpp>

namespace kns::ui::glue {

namespace {

// ImGui keeps the returned pointer until the next call: the text lives here.
std::string& clipboardBuffer() {
    static std::string buffer;  // the callback contract leaves no other owner for it
    return buffer;
}

const char* getClipboard(void*) {
    const sf::String text = sf::Clipboard::getString();
    const auto utf8 = text.toUtf8();
    clipboardBuffer().assign(utf8.begin(), utf8.end());
    return clipboardBuffer().c_str();
}

void setClipboard(void*, const char* text) {
    const std::string s(text);
    sf::Clipboard::setString(sf::String::fromUtf8(s.begin(), s.end()));
}

bool validKey(sf::Keyboard::Key k) { return k >= 0 && k < sf::Keyboard::KeyCount; }

void updateModifiers(ImGuiIO& io, const sf::Event::KeyEvent& key) {
    io.KeyCtrl = key.control;
    io.KeyShift = key.shift;
    io.KeyAlt = key.alt;
    io.KeySuper = key.system;
}

int mouseIndex(sf::Mouse::Button b) {
    switch (b) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    case sf::Mouse::XButton1: return 3;
    case sf::Mouse::XButton2: return 4;
    default: return -1;
    }
}

} // namespace

void install(ImGuiIO& io) {
    io.BackendPlatformName = "kubenetsim_sfml";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    static_assert(sf::Keyboard::KeyCount <= IM_ARRAYSIZE(io.KeysDown));
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;  // SFML 2.5 does not tell the two apart
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
    io.GetClipboardTextFn = getClipboard;
    io.SetClipboardTextFn = setClipboard;
    io.ClipboardUserData = nullptr;
}

bool processEvent(ImGuiIO& io, const sf::Event& e) {
    switch (e.type) {
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
        if (validKey(e.key.code)) io.KeysDown[e.key.code] = e.type == sf::Event::KeyPressed;
        updateModifiers(io, e.key);
        return io.WantCaptureKeyboard;
    case sf::Event::TextEntered:
        // Control characters (backspace, return, tab) arrive as keys; DEL likewise.
        if (e.text.unicode >= 0x20 && e.text.unicode != 0x7F) io.AddInputCharacter(e.text.unicode);
        return io.WantTextInput;
    case sf::Event::MouseMoved:
        io.MousePos = ImVec2(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
        return io.WantCaptureMouse;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
        io.MousePos = ImVec2(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
        const int i = mouseIndex(e.mouseButton.button);
        if (i >= 0) io.MouseDown[i] = e.type == sf::Event::MouseButtonPressed;
        return io.WantCaptureMouse;
    }
    case sf::Event::MouseWheelScrolled:
        if (e.mouseWheelScroll.wheel == sf::Mouse::HorizontalWheel) io.MouseWheelH += e.mouseWheelScroll.delta;
        else io.MouseWheel += e.mouseWheelScroll.delta;
        return io.WantCaptureMouse;
    case sf::Event::MouseLeft:
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return false;
    case sf::Event::GainedFocus:
    case sf::Event::LostFocus:
        io.AddFocusEvent(e.type == sf::Event::GainedFocus);
        return false;
    case sf::Event::Resized:
        io.DisplaySize = ImVec2(static_cast<float>(e.size.width), static_cast<float>(e.size.height));
        return false;
    default:
        return false;
    }
}

void newFrame(ImGuiIO& io, float width, float height, float deltaSeconds) {
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = deltaSeconds > 0.0f ? deltaSeconds : 1.0f / 1000.0f;
}

std::optional<sf::Cursor::Type> cursorType(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None: return std::nullopt;
    case ImGuiMouseCursor_TextInput: return sf::Cursor::Text;
    case ImGuiMouseCursor_ResizeAll: return sf::Cursor::SizeAll;
    case ImGuiMouseCursor_ResizeNS: return sf::Cursor::SizeVertical;
    case ImGuiMouseCursor_ResizeEW: return sf::Cursor::SizeHorizontal;
    case ImGuiMouseCursor_ResizeNESW: return sf::Cursor::SizeBottomLeftTopRight;
    case ImGuiMouseCursor_ResizeNWSE: return sf::Cursor::SizeTopLeftBottomRight;
    case ImGuiMouseCursor_Hand: return sf::Cursor::Hand;
    case ImGuiMouseCursor_NotAllowed: return sf::Cursor::NotAllowed;
    default: return sf::Cursor::Arrow;
    }
}

} // namespace kns::ui::glue
