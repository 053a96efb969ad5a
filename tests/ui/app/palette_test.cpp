#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include <ui/app/palette.hpp>
#include <ui/app/style.hpp>

#include "headless_imgui.hpp"

using namespace kns::ui;

namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(ImU32 c) {
    auto channel = [](unsigned v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

TEST_CASE("both palettes keep text readable on their background, the high-contrast one more so") {
    for (const auto& [name, p] : {std::pair{"standard", &Palette::standard()}, std::pair{"high contrast", &Palette::highContrast()}}) {
        const std::string which = name;
        INFO(which);
        CHECK(contrast(p->text, p->background) >= 7.0);    // WCAG AAA for body text
        CHECK(contrast(p->dimText, p->background) >= 4.5);  // AA for the dimmed text
        CHECK(contrast(p->text, p->panel) >= 7.0);
    }
    CHECK(contrast(Palette::highContrast().text, Palette::highContrast().background) >
          contrast(Palette::standard().text, Palette::standard().background));
}

TEST_CASE("the colours the cluster view puts side by side are all different, in both palettes") {
    for (const Palette* p : {&Palette::standard(), &Palette::highContrast()}) {
        const std::vector<std::pair<const char*, ImU32>> shown = {
            {"node", p->node},         {"pod", p->pod},          {"podUnready", p->podUnready}, {"vip", p->vip},
            {"kubeProxy", p->kubeProxy}, {"apiServer", p->apiServer}, {"packet", p->packet},     {"reply", p->reply}};
        for (std::size_t i = 0; i < shown.size(); ++i)
            for (std::size_t j = i + 1; j < shown.size(); ++j) {
                const std::string pair = std::string(shown[i].first) + " and " + shown[j].first;
                INFO(pair);
                CHECK(shown[i].second != shown[j].second);
            }
        // The Chains view's marks: matched, not matched and under evaluation differ.
        CHECK(p->matched != p->notMatched);
        CHECK(p->matched != p->evaluating);
        CHECK(p->notMatched != p->evaluating);
    }
}

TEST_CASE("the style scales its sizes with the UI scale, and the high-contrast theme is black and white with borders") {
    test::HeadlessImGui imgui;
    applyStyle(Theme::Standard, 1.0f);
    const ImGuiStyle base = ImGui::GetStyle();
    applyStyle(Theme::Standard, 2.5f);
    CHECK(ImGui::GetStyle().FramePadding.x == doctest::Approx(base.FramePadding.x * 2.5f));
    CHECK(ImGui::GetStyle().ScrollbarSize == doctest::Approx(base.ScrollbarSize * 2.5f));
    applyStyle(Theme::Standard, 1.0f);  // never scaled twice
    CHECK(ImGui::GetStyle().FramePadding.x == doctest::Approx(base.FramePadding.x));
    applyStyle(Theme::HighContrast, 1.0f);
    const ImGuiStyle& hc = ImGui::GetStyle();
    CHECK(hc.Colors[ImGuiCol_WindowBg].x == 0.0f);
    CHECK(hc.Colors[ImGuiCol_Text].x == 1.0f);
    CHECK(hc.FrameBorderSize > 0.0f);
    CHECK(hc.WindowBorderSize > base.WindowBorderSize);
}
