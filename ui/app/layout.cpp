#include <ui/app/layout.hpp>

#include <functional>

namespace kns::ui {

namespace {

// Fractions of the area below the menu bar: x, y, width, height; open by default.
struct Slot {
    const char* id;
    float x, y, w, h;
    bool open;
};

// Three columns (0.23 | 0.44 | 0.33) and two rows (0.58 | 0.42) on a 1280x800 window.
constexpr Slot kSlots[] = {
    {"scenario", 0.00f, 0.00f, 0.23f, 0.50f, true},
    {"controls", 0.00f, 0.50f, 0.23f, 0.25f, true},
    {"what_if", 0.00f, 0.75f, 0.23f, 0.25f, true},
    {"cluster", 0.23f, 0.00f, 0.44f, 0.58f, true},
    {"console", 0.23f, 0.58f, 0.44f, 0.42f, true},
    {"chains", 0.67f, 0.00f, 0.33f, 0.58f, true},
    {"rules", 0.67f, 0.58f, 0.33f, 0.42f, true},
    {"statistics", 0.67f, 0.58f, 0.33f, 0.42f, false},
    {"eventlog", 0.67f, 0.58f, 0.33f, 0.42f, false},
    {"inspector", 0.67f, 0.00f, 0.33f, 0.58f, false},  // opens over the chains when something is clicked
};

} // namespace

PanelLayout defaultLayout(const std::string& id, float width, float height, float menuHeight) {
    const float area = height - menuHeight;
    for (const Slot& s : kSlots)
        if (id == s.id) return PanelLayout{s.x * width, menuHeight + s.y * area, s.w * width, s.h * area, s.open};
    // An unknown panel: cascade by a stable offset from its id, a third of the window in size.
    const float step = static_cast<float>(std::hash<std::string>{}(id) % 8) * 24.0f;
    return PanelLayout{40.0f + step, menuHeight + 40.0f + step, width / 3.0f, area / 3.0f, true};
}

} // namespace kns::ui
