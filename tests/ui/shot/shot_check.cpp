// Checks a frame saved by `kubenetsim --screenshot OUT.png --dump-text OUT.json`:
//   kubenetsim-shot-check OUT.png OUT.json [--contains TEXT]... [--cursor-rule] [--narration] [--japanese]
//                         [--no-missing-glyphs]
// The PNG: at least 1024x700, at least 200 distinct colours, no colour over 85% of the pixels.
// The text (what the frame drew, recorded by the project's text hook): every --contains TEXT
// occurs in some line; --cursor-rule: the rule under evaluation at the pause point (its chain
// and iptables-save text, which the dump takes from the simulation) was drawn; --narration: the
// current step's narration (in the frame's language) was drawn; --japanese: that narration has
// Japanese characters; --no-missing-glyphs: every character had a glyph. Prints each failed
// claim and exits 1 when any failed.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

namespace {

int g_failures = 0;

void claim(bool ok, const std::string& what) {
    std::cout << (ok ? "ok:   " : "FAIL: ") << what << "\n";
    if (!ok) ++g_failures;
}

bool drawn(const nlohmann::json& lines, const std::string& needle) {
    for (const auto& l : lines)
        if (l.get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

void checkPng(const char* path) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(path, &w, &h, &n, 3);
    claim(px != nullptr, std::string("the PNG loads: ") + path);
    if (!px) return;
    claim(w >= 1024 && h >= 700, "at least 1024x700 (" + std::to_string(w) + "x" + std::to_string(h) + ")");
    std::unordered_map<unsigned, std::size_t> counts;
    const std::size_t total = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    for (std::size_t i = 0; i < total; ++i)
        ++counts[(unsigned(px[3 * i]) << 16) | (unsigned(px[3 * i + 1]) << 8) | px[3 * i + 2]];
    std::size_t most = 0;
    for (const auto& [c, k] : counts) most = std::max(most, k);
    claim(counts.size() >= 200, "at least 200 distinct colours (" + std::to_string(counts.size()) + ")");
    const double share = static_cast<double>(most) / static_cast<double>(total);
    claim(share <= 0.85, "no colour over 85% of the pixels (largest " + std::to_string(share * 100.0) + "%)");
    stbi_image_free(px);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: kubenetsim-shot-check OUT.png OUT.json [--contains TEXT]... [--cursor-rule] [--narration] [--japanese] "
                     "[--no-missing-glyphs]\n";
        return 2;
    }
    checkPng(argv[1]);
    std::ifstream in(argv[2]);
    const nlohmann::json dump = nlohmann::json::parse(in, nullptr, false);
    claim(!dump.is_discarded() && dump.contains("lines"), std::string("the text dump loads: ") + argv[2]);
    if (dump.is_discarded() || !dump.contains("lines")) return 1;
    const auto& lines = dump["lines"];
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--contains" && i + 1 < argc) {
            const std::string t = argv[++i];
            claim(drawn(lines, t), "drawn: " + t);
        } else if (a == "--cursor-rule") {
            const auto& c = dump.value("cursor", nlohmann::json());
            const bool has = c.is_object() && c.contains("rule_text");
            claim(has, "the pause point put the cursor on a rule");
            if (has) {
                claim(drawn(lines, c["chain"].get<std::string>()), "drawn: the chain " + c["chain"].get<std::string>());
                claim(drawn(lines, c["rule_text"].get<std::string>()), "drawn: the rule " + c["rule_text"].get<std::string>());
            }
        } else if (a == "--narration") {
            const std::string narration = dump.value("narration", "");
            const std::string first = narration.substr(0, narration.find('\n'));
            claim(!first.empty(), "the frame is at a step with a narration");
            if (!first.empty()) claim(drawn(lines, first), "drawn: the narration \"" + first + "\"");
        } else if (a == "--japanese") {
            // The narration is the Japanese one: it has kana or kanji (UTF-8 lead bytes E3-E9),
            // so a window that ignored --lang ja fails here even with every glyph present.
            const std::string narration = dump.value("narration", "");
            const bool cjk = std::any_of(narration.begin(), narration.end(), [](char ch) {
                const auto b = static_cast<unsigned char>(ch);
                return b >= 0xE3 && b <= 0xE9;
            });
            claim(cjk, "the narration is in Japanese: \"" + narration.substr(0, narration.find('\n')) + "\"");
        } else if (a == "--no-missing-glyphs") {
            const auto missing = dump.value("missing_glyphs", -1);
            claim(missing == 0, "every character had a glyph (missing: " + std::to_string(missing) + ")");
        } else {
            std::cerr << "kubenetsim-shot-check: unknown argument " << a << "\n";
            return 2;
        }
    }
    return g_failures == 0 ? 0 : 1;
}
