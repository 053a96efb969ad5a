#pragma once
// What the keyboard shortcuts and the Controls panel do, in one place so both behave the same.
// Every action changes the simulation only through the session (its commands, its stepper) and
// the pacing driver.
#include <cstdint>
#include <optional>

#include <SFML/Window/Event.hpp>

#include <ui/app/ui_context.hpp>
#include <ui/model/labels.hpp>

namespace kns::ui {

enum class Action : std::uint8_t {
    PlayPause,     // Space, F5
    StepEvent,     // E, F6: run the simulation's next event (pauses)
    NextHop,       // H, F7: the followed packet's next recorded hop (pauses)
    NextStep,      // S, F8: run the scenario's next step
    StepBack,      // B, F9: back to before the last command or scenario step
    Restart,       // R, Ctrl+R: back to before the first step
    Help,          // F1, ?: the help window
    Quit,          // Ctrl+Q: close the window (the settings are saved)
};

struct Shortcut {
    Action action;
    const char* keys;  // as the help window shows them
    Label what;
};

// Every shortcut with its keys and its description in both languages (the help window's table).
const Shortcut* shortcuts(std::size_t& count);

// The action of a key press. Letter keys act only when no text field is being edited
// (textInput false); function keys always act.
std::optional<Action> shortcutFor(const sf::Event::KeyEvent& key, bool textInput);
// The action of a window event: a key press that is a shortcut. textInput is whether a text field
// held the keyboard in the last frame (ImGuiIO::WantTextInput).
std::optional<Action> actionFor(const sf::Event& event, bool textInput);

// Performs an action other than Help and Quit (the window handles those). Returns false when it could not
// act (no scenario, nothing to step back to, no packet to follow).
bool perform(Action action, UiContext& ctx);

} // namespace kns::ui
