#pragma once
// The window's font: a CJK font found at runtime so that Japanese never renders as boxes.
//
// Search order: $KUBENETSIM_FONT; IPA Gothic (fonts-ipafont-gothic, which ImGui renders well);
// the Debian alternative fonts-japanese-gothic.ttf; Noto Sans CJK (fonts-noto-cjk); then
// `fc-match :lang=ja`. Symbols the CJK font lacks (✓ ✗ → and the like) are merged from DejaVu Sans
// when it is installed. Without any CJK font the window still runs with ImGui's built-in font
// (Latin only), and the text recorder counts every Japanese character as a missing glyph.
//
// Glyph ranges: Latin, punctuation, arrows, mathematical operators, box drawing and dingbats, the
// kana and ImGui's 2,999 common ideographs, plus `extra` (characters seen in this session's text
// that were missing: the app collects them and rebuilds, so rare kanji appear a frame later).
#include <string>
#include <vector>

#include <imgui.h>

namespace kns::ui {

struct FontFiles {
    std::string cjk;      // empty: none found
    std::string symbols;  // empty: none found
};

FontFiles findFonts();

// Base size in pixels at scale 1.
constexpr float kBaseFontSize = 15.0f;

// Clears `atlas` and adds the window's font at kBaseFontSize * scale; builds the atlas (RGBA32).
// Returns false when the CJK font file could not be loaded (the built-in font is used instead).
bool buildFontAtlas(ImFontAtlas& atlas, const FontFiles& files, float scale, const std::vector<ImWchar>& extra);

} // namespace kns::ui
