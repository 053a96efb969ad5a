#include <ui/model/settings.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kns::ui {

namespace {

using nlohmann::json;

const char* themeName(Theme t) { return t == Theme::HighContrast ? "high-contrast" : "standard"; }

// Reads one optional field; a wrong type leaves `out` unchanged and notes why.
template <class T, class Check>
void field(const json& obj, const char* key, const std::string& path, T& out, std::vector<std::string>& problems,
           Check valid, const char* expected) {
    const auto it = obj.find(key);
    if (it == obj.end()) return;
    const std::string where = path + "." + key;
    try {
        T v = it->template get<T>();
        if (!valid(v)) {
            problems.push_back(where + ": " + it->dump() + " is not " + expected);
            return;
        }
        out = v;
    } catch (const json::exception&) {
        problems.push_back(where + ": " + it->dump() + " is not " + expected);
    }
}

} // namespace

std::string settingsPath() {
    std::string base;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::string(home) + "/.config";
    else return {};
    return base + "/kubenetsim/settings.json";
}

LoadedSettings parseSettings(const std::string& text, const std::string& where) {
    LoadedSettings out;
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        out.problems.push_back(where + ": not a JSON object; using the defaults");
        return out;
    }
    Settings& s = out.settings;
    auto& p = out.problems;
    const std::string root = where + ": $";
    std::string lang = s.lang == Lang::Ja ? "ja" : "en";
    field(doc, "lang", root, lang, p, [](const std::string& v) { return v == "en" || v == "ja"; }, "en or ja");
    s.lang = lang == "ja" ? Lang::Ja : Lang::En;
    field(doc, "scale", root, s.scale, p,
          [](float v) { return v >= Settings::kMinScale && v <= Settings::kMaxScale; }, "a scale from 1.0 to 2.5");
    std::string theme = themeName(s.theme);
    field(doc, "theme", root, theme, p,
          [](const std::string& v) { return v == "standard" || v == "high-contrast"; }, "standard or high-contrast");
    s.theme = theme == "high-contrast" ? Theme::HighContrast : Theme::Standard;
    field(doc, "speed", root, s.speed, p, [](double v) { return v >= 0.1 && v <= 100.0; }, "a speed from 0.1 to 100");
    if (const auto it = doc.find("panels"); it != doc.end()) {
        if (!it->is_object()) {
            p.push_back(root + ".panels: not an object");
        } else {
            for (const auto& [id, v] : it->items()) {
                const std::string path = root + ".panels." + id;
                if (!v.is_object()) { p.push_back(path + ": not an object"); continue; }
                PanelLayout l;
                auto finite = [](float f) { return f == f && f > -1e6f && f < 1e6f; };
                auto positive = [](float f) { return f == f && f >= 0.0f && f < 1e6f; };
                field(v, "x", path, l.x, p, finite, "a position");
                field(v, "y", path, l.y, p, finite, "a position");
                field(v, "width", path, l.width, p, positive, "a size");
                field(v, "height", path, l.height, p, positive, "a size");
                field(v, "open", path, l.open, p, [](bool) { return true; }, "true or false");
                s.panels[id] = l;
            }
        }
    }
    return out;
}

LoadedSettings loadSettings(const std::string& path) {
    std::ifstream in(path);
    if (!in) return {};  // no file yet: the defaults, silently
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseSettings(buffer.str(), path);
}

std::string settingsJson(const Settings& s) {
    json doc;
    doc["lang"] = s.lang == Lang::Ja ? "ja" : "en";
    doc["scale"] = s.scale;
    doc["theme"] = themeName(s.theme);
    doc["speed"] = s.speed;
    json panels = json::object();
    for (const auto& [id, l] : s.panels)
        panels[id] = {{"x", l.x}, {"y", l.y}, {"width", l.width}, {"height", l.height}, {"open", l.open}};
    doc["panels"] = panels;
    return doc.dump(2) + "\n";
}

bool saveSettings(const Settings& s, const std::string& path, std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) { error = path + ": " + ec.message(); return false; }
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) { error = tmp + ": cannot write"; return false; }
        out << settingsJson(s);
        if (!out) { error = tmp + ": write failed"; return false; }
    }
    fs::rename(tmp, path, ec);
    if (ec) { error = path + ": " + ec.message(); return false; }
    return true;
}

} // namespace kns::ui
