#include <ui/app/style.hpp>

#include <imgui.h>

#include <ui/app/palette.hpp>

namespace kns::ui {

void applyStyle(Theme theme, float scale) {
    ImGuiStyle style;  // a fresh style: scaling is never applied twice
    if (theme == Theme::HighContrast) {
        ImGui::StyleColorsDark(&style);
        ImVec4* c = style.Colors;
        const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1, 1, 0, 1), blue(0.0f, 0.35f, 0.8f, 1);
        c[ImGuiCol_Text] = white;
        c[ImGuiCol_TextDisabled] = ImVec4(0.8f, 0.8f, 0.8f, 1);
        c[ImGuiCol_WindowBg] = black;
        c[ImGuiCol_ChildBg] = black;
        c[ImGuiCol_PopupBg] = black;
        c[ImGuiCol_MenuBarBg] = black;
        c[ImGuiCol_Border] = white;
        c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
        c[ImGuiCol_FrameBgHovered] = blue;
        c[ImGuiCol_FrameBgActive] = blue;
        c[ImGuiCol_TitleBg] = black;
        c[ImGuiCol_TitleBgActive] = blue;
        c[ImGuiCol_Button] = ImVec4(0.15f, 0.15f, 0.15f, 1);
        c[ImGuiCol_ButtonHovered] = blue;
        c[ImGuiCol_ButtonActive] = yellow;
        c[ImGuiCol_Header] = blue;
        c[ImGuiCol_HeaderHovered] = blue;
        c[ImGuiCol_HeaderActive] = yellow;
        c[ImGuiCol_CheckMark] = yellow;
        c[ImGuiCol_SliderGrab] = yellow;
        c[ImGuiCol_SliderGrabActive] = white;
        style.WindowBorderSize = 2.0f;
        style.FrameBorderSize = 1.0f;
    } else {
        ImGui::StyleColorsDark(&style);
        style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(Palette::standard().panel);
        style.WindowRounding = 3.0f;
        style.FrameRounding = 2.0f;
    }
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

} // namespace kns::ui
