#pragma once
// Every piece of text a panel draws goes through these helpers: they draw it with ImGui and
// record it in the frame's TextRecorder (text_recorder.hpp), counting characters the current font
// has no glyph for. Never call ImGui::Text* directly from a panel.
#include <string>
#include <string_view>

#include <imgui.h>

#include <ui/app/ui_context.hpp>

namespace kns::ui {

void text(UiContext& ctx, std::string_view s);                       // ImGui::TextUnformatted
void textColored(UiContext& ctx, ImU32 colour, std::string_view s);
void textWrapped(UiContext& ctx, std::string_view s);
// Text at a point of a draw list (the cluster view's canvas).
void drawListText(UiContext& ctx, ImDrawList* list, ImVec2 pos, ImU32 colour, std::string_view s);
// Records text drawn by an ImGui widget that draws its own label (Button, Selectable, ...).
void recordLabel(UiContext& ctx, std::string_view label);
// A button, recorded; greyed out and inert when not enabled; `tip` shows on hover.
bool button(UiContext& ctx, const std::string& label, bool enabled = true, const char* tip = nullptr);

} // namespace kns::ui
