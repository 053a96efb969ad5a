#include <doctest/doctest.h>

#include <ios>

#include <ui/app/fonts.hpp>

#include "headless_imgui.hpp"

using namespace kns::ui;

TEST_CASE("a Japanese font is found at runtime when fonts-ipafont-gothic is installed") {
    const FontFiles files = findFonts();
    REQUIRE_MESSAGE(!files.cjk.empty(), "install fonts-ipafont-gothic (scripts/lib.sh does)");
    ImFontAtlas atlas;
    CHECK(buildFontAtlas(atlas, files, 1.0f, {}));
    REQUIRE(atlas.Fonts.Size == 1);
    const ImFont* font = atlas.Fonts[0];
    for (ImWchar c : {ImWchar('A'), ImWchar(0x30B5) /* サ */, ImWchar(0x65E5) /* 日 */, ImWchar(0x2192) /* → */})
        CHECK_MESSAGE(font->FindGlyphNoFallback(c) != nullptr, "U+" << std::hex << unsigned(c));
}

TEST_CASE("the font is rebuilt at the UI scale and takes in characters found missing") {
    const FontFiles files = findFonts();
    REQUIRE(!files.cjk.empty());
    ImFontAtlas atlas;
    buildFontAtlas(atlas, files, 1.0f, {});
    const float small = atlas.Fonts[0]->FontSize;
    // A kanji outside ImGui's 2,999 common ideographs (薔薇 躑躅 鰯 鼈: rare in narrations).
    ImWchar rare = 0;
    for (ImWchar c : {ImWchar(0x8594), ImWchar(0x8587), ImWchar(0x8E91), ImWchar(0x8E85), ImWchar(0x9C2F), ImWchar(0x9F08)})
        if (!atlas.Fonts[0]->FindGlyphNoFallback(c)) { rare = c; break; }
    REQUIRE(rare != 0);
    buildFontAtlas(atlas, files, 2.0f, {rare});
    CHECK(atlas.Fonts[0]->FontSize == doctest::Approx(small * 2.0f));
    CHECK(atlas.Fonts[0]->FindGlyphNoFallback(rare) != nullptr);
}

TEST_CASE("without a CJK font the window falls back to ImGui's built-in font") {
    ImFontAtlas atlas;
    CHECK_FALSE(buildFontAtlas(atlas, FontFiles{}, 1.0f, {}));
    REQUIRE(atlas.Fonts.Size == 1);
    CHECK(atlas.Fonts[0]->FindGlyphNoFallback(ImWchar('A')) != nullptr);
    CHECK(atlas.Fonts[0]->FindGlyphNoFallback(ImWchar(0x30B5)) == nullptr);
}
