#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <ui/model/settings.hpp>

using namespace kns::ui;

namespace {

std::filesystem::path tempDir(const char* name) {
    auto dir = std::filesystem::temp_directory_path() / ("kns-settings-" + std::string(name));
    std::filesystem::remove_all(dir);
    return dir;
}

} // namespace

TEST_CASE("settings round-trip through their JSON file") {
    const auto dir = tempDir("roundtrip");
    const std::string path = (dir / "kubenetsim" / "settings.json").string();
    Settings s;
    s.lang = Lang::Ja;
    s.scale = 1.75f;
    s.theme = Theme::HighContrast;
    s.speed = 10.0;
    s.panels["chains"] = PanelLayout{400, 30, 500, 420, false};
    std::string error;
    REQUIRE(saveSettings(s, path, error));
    const LoadedSettings loaded = loadSettings(path);
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.lang == Lang::Ja);
    CHECK(loaded.settings.scale == 1.75f);
    CHECK(loaded.settings.theme == Theme::HighContrast);
    CHECK(loaded.settings.speed == 10.0);
    REQUIRE(loaded.settings.panels.count("chains") == 1);
    CHECK(loaded.settings.panels.at("chains").x == 400);
    CHECK(loaded.settings.panels.at("chains").height == 420);
    CHECK_FALSE(loaded.settings.panels.at("chains").open);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing settings file gives the defaults without a complaint") {
    const LoadedSettings loaded = loadSettings("/nonexistent/kubenetsim/settings.json");
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.lang == Lang::En);
    CHECK(loaded.settings.scale == 1.0f);
}

TEST_CASE("a broken settings file gives the defaults and says why") {
    const LoadedSettings loaded = parseSettings("{\"lang\": \"ja\", ", "settings.json");
    CHECK(loaded.settings.lang == Lang::En);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0] == "settings.json: not a JSON object; using the defaults");
}

TEST_CASE("a wrong field keeps its default while the valid fields around it load") {
    const LoadedSettings loaded = parseSettings(
        R"({"lang": "ja", "scale": 7, "theme": 3, "speed": 5,
            "panels": {"controls": {"x": "left", "y": 20, "open": false}, "rules": 4}})",
        "settings.json");
    CHECK(loaded.settings.lang == Lang::Ja);
    CHECK(loaded.settings.scale == 1.0f);
    CHECK(loaded.settings.theme == Theme::Standard);
    CHECK(loaded.settings.speed == 5.0);
    REQUIRE(loaded.settings.panels.count("controls") == 1);
    CHECK(loaded.settings.panels.at("controls").x == 0);
    CHECK(loaded.settings.panels.at("controls").y == 20);
    CHECK_FALSE(loaded.settings.panels.at("controls").open);
    CHECK(loaded.settings.panels.count("rules") == 0);
    REQUIRE(loaded.problems.size() == 4);
    CHECK(loaded.problems[0] == "settings.json: $.scale: 7 is not a scale from 1.0 to 2.5");
    CHECK(loaded.problems[1] == "settings.json: $.theme: 3 is not standard or high-contrast");
}

TEST_CASE("the settings file lives under XDG_CONFIG_HOME, else under ~/.config") {
    const char* oldXdg = std::getenv("XDG_CONFIG_HOME");
    const std::string savedXdg = oldXdg ? oldXdg : "";
    setenv("XDG_CONFIG_HOME", "/tmp/xdg", 1);
    CHECK(settingsPath() == "/tmp/xdg/kubenetsim/settings.json");
    unsetenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (home) CHECK(settingsPath() == std::string(home) + "/.config/kubenetsim/settings.json");
    if (oldXdg) setenv("XDG_CONFIG_HOME", savedXdg.c_str(), 1);
}
