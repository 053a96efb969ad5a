#pragma once
// The project's hook on the text drawn in a frame. Every piece of text the panels draw goes
// through the ui::text helpers (ui/app/draw_text.hpp), which draw it with ImGui and record it here.
// Tests and the screenshot mode read what a frame showed without reading pixels: the chain name
// and the rule under evaluation are "on screen" when they were recorded in the saved frame.
//
// Contract: beginFrame() forgets the previous frame's text; record() keeps text in drawing order;
// missingGlyphs counts characters the font could not draw (Japanese drawn as boxes shows here).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kns::ui {

class TextRecorder {
public:
    void beginFrame() { m_lines.clear(); m_missingGlyphs = 0; }
    void record(std::string_view text) { m_lines.emplace_back(text); }
    void addMissingGlyphs(std::size_t n) { m_missingGlyphs += n; }

    const std::vector<std::string>& lines() const { return m_lines; }
    std::size_t missingGlyphs() const { return m_missingGlyphs; }
    // True when some recorded text contains `needle`.
    bool contains(std::string_view needle) const {
        for (const auto& l : m_lines)
            if (l.find(needle) != std::string::npos) return true;
        return false;
    }

private:
    std::vector<std::string> m_lines;
    std::size_t m_missingGlyphs = 0;
};

} // namespace kns::ui
