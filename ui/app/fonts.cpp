#include <ui/app/fonts.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace kns::ui {

namespace {

bool exists(const std::string& p) {
    std::error_code ec;
    return !p.empty() && std::filesystem::is_regular_file(p, ec);
}

// fontconfig's choice for Japanese, read from `fc-match` (empty when it is not installed).
std::string fcMatchJapanese() {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen("fc-match -f '%{file}' ':lang=ja' 2>/dev/null", "r"), pclose);
    if (!pipe) return {};
    std::string out;
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// Everything the labels and narration use besides kana and kanji.
constexpr ImWchar kSymbolRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1
    0x2000, 0x206F,  // general punctuation (– — … ‘ ’ “ ”)
    0x2190, 0x21FF,  // arrows (→ ← ↔)
    0x2200, 0x22FF,  // mathematical operators (≤ ≥ ≠ ∞)
    0x2500, 0x25FF,  // box drawing, geometric shapes (● ▶ ■)
    0x2700, 0x27BF,  // dingbats (✓ ✗)
    0,
};

} // namespace

FontFiles findFonts() {
    FontFiles f;
    const char* env = std::getenv("KUBENETSIM_FONT");
    for (const std::string& p : {std::string(env ? env : ""),
                                 std::string("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
                                 std::string("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
                                 std::string("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
                                 std::string("/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf")}) {
        if (exists(p)) { f.cjk = p; break; }
    }
    if (f.cjk.empty()) {
        const std::string fc = fcMatchJapanese();
        if (exists(fc)) f.cjk = fc;
    }
    if (exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) f.symbols = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    return f;
}

bool buildFontAtlas(ImFontAtlas& atlas, const FontFiles& files, float scale, const std::vector<ImWchar>& extra) {
    atlas.Clear();
    const float size = kBaseFontSize * scale;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kSymbolRanges);
    builder.AddRanges(atlas.GetGlyphRangesJapanese());
    for (ImWchar c : extra) builder.AddChar(c);
    ImVector<ImWchar> ranges;  // must outlive Build(): the atlas keeps a pointer until then
    builder.BuildRanges(&ranges);

    bool loaded = false;
    if (!files.cjk.empty()) {
        ImFontConfig cfg;
        cfg.OversampleH = 1;  // CJK glyphs are many: keep the atlas small
        cfg.PixelSnapH = true;
        loaded = atlas.AddFontFromFileTTF(files.cjk.c_str(), size, &cfg, ranges.Data) != nullptr;
    }
    if (!loaded) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        atlas.AddFontDefault(&cfg);
    }
    if (!files.symbols.empty()) {
        ImFontConfig cfg;
        cfg.MergeMode = true;  // only glyphs the first font lacks come from here
        cfg.OversampleH = 1;
        cfg.PixelSnapH = true;
        atlas.AddFontFromFileTTF(files.symbols.c_str(), loaded ? size : 13.0f * scale, &cfg, kSymbolRanges);
    }
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    return loaded;
}

} // namespace kns::ui
