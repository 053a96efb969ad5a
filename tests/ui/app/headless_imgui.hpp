#pragma once
// A headless ImGui context for the window's tests: the fonts built (with the CJK font when one is
// installed), no renderer; frame() runs NewFrame, the given drawing, and Render.
#include <imgui.h>

#include <ui/app/fonts.hpp>

namespace kns::ui::test {

struct HeadlessImGui {
    ImGuiContext* ctx;
    explicit HeadlessImGui(float scale = 1.0f) : ctx(ImGui::CreateContext()) {
        ImGui::GetIO().IniFilename = nullptr;
        buildFontAtlas(*ImGui::GetIO().Fonts, findFonts(), scale, {});
    }
    ~HeadlessImGui() { ImGui::DestroyContext(ctx); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    template <class Draw>
    void frame(float width, float height, Draw&& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        draw();
        ImGui::Render();
    }
};

} // namespace kns::ui::test
