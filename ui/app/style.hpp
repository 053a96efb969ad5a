#pragma once
// The ImGui style for a theme and a UI scale: the standard theme is ImGui's dark style with the
// palette's background; the high-contrast theme is black and white with saturated accents and
// borders on every frame, for projectors. Sizes (padding, rounding, scrollbars) scale with the
// UI scale; fonts are rebuilt at that scale separately (fonts.hpp), never stretched.
#include <ui/model/settings.hpp>

namespace kns::ui {

void applyStyle(Theme theme, float scale);

} // namespace kns::ui
