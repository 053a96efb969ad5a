#pragma once
// Our own SFML 2.5 -> Dear ImGui 1.86 input glue (1.86 predates AddKeyEvent: keys go through
// io.KeyMap/io.KeysDown indexed by sf::Keyboard::Key). Rendering is not here: the app uses the
// OpenGL 2 backend that Debian's libimgui.a carries.
//
// Contract:
//  - install() sets the key map, the clipboard callbacks (sf::Clipboard) and the backend flags on
//    the current context's io; call it once after ImGui::CreateContext().
//  - processEvent() feeds one SFML event to the current context's io: keys and modifiers, mouse
//    position/buttons/wheel (vertical and horizontal), committed text (UTF-32 from TextEntered, so
//    Japanese typed through an input method arrives once committed; SFML 2.5 reports no
//    composition), focus, resize. It returns true when ImGui wants that event (the app then does
//    not use it for its own shortcuts).
//  - newFrame() sets DisplaySize and DeltaTime (clamped to > 0 as ImGui requires).
//  - cursor() maps ImGui's wanted cursor to an SFML cursor type (None hides it).
#include <optional>

#include <SFML/Window/Cursor.hpp>
#include <SFML/Window/Event.hpp>
#include <imgui.h>

namespace kns::ui::glue {

void install(ImGuiIO& io);
bool processEvent(ImGuiIO& io, const sf::Event& event);
void newFrame(ImGuiIO& io, float width, float height, float deltaSeconds);
// The SFML cursor for an ImGui cursor; nullopt for ImGuiMouseCursor_None (hide the cursor).
std::optional<sf::Cursor::Type> cursorType(ImGuiMouseCursor cursor);

} // namespace kns::ui::glue
