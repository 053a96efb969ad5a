#pragma once
// The window's persisted settings: one plain struct, saved as JSON in
// $XDG_CONFIG_HOME/kubenetsim/settings.json (else ~/.config/kubenetsim/settings.json).
//
// Robustness: a missing, unreadable or broken file gives the defaults; a field of the wrong type
// or out of range keeps its default while the valid fields around it still load (the reason is
// kept in LoadedSettings::problems, which the app prints once). Saving writes a temporary file
// and renames it, so a crash never leaves half a file.
#include <map>
#include <string>
#include <vector>

#include <ui/model/labels.hpp>

namespace kns::ui {

enum class Theme : std::uint8_t { Standard, HighContrast };

// A panel's window: position and size in window pixels as the user left them (they do not follow
// the UI scale: the text grows inside them; View > Reset layout lays every panel out again for
// the window's size), and whether it is open.
struct PanelLayout {
    float x = 0, y = 0, width = 0, height = 0;
    bool open = true;
};

struct Settings {
    static constexpr float kMinScale = 1.0f;
    static constexpr float kMaxScale = 2.5f;

    Lang lang = Lang::En;
    float scale = 1.0f;
    Theme theme = Theme::Standard;
    double speed = 1.0;
    std::map<std::string, PanelLayout> panels;  // by panel id; a panel not here gets its default
};

struct LoadedSettings {
    Settings settings;
    std::vector<std::string> problems;  // "settings.json: $.scale: 7 is outside 1.0..2.5"
};

// The settings file's path from the environment; empty when neither XDG_CONFIG_HOME nor HOME is set.
std::string settingsPath();
LoadedSettings loadSettings(const std::string& path);
LoadedSettings parseSettings(const std::string& json, const std::string& where);
std::string settingsJson(const Settings& s);
// Creates the folder when needed. False (with the reason in `error`) when it cannot write.
bool saveSettings(const Settings& s, const std::string& path, std::string& error);

} // namespace kns::ui
