#include <ui/app/draw_text.hpp>

#include <string>

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace kns::ui {

namespace {

// Counts the characters of s that the current font cannot draw (it would show its fallback box).
std::size_t missingGlyphs(std::string_view s, std::set<unsigned>* collect) {
    const ImFont* font = ImGui::GetFont();
    if (!font) return 0;
    std::size_t missing = 0;
    const char* p = s.data();
    const char* end = s.data() + s.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c < 0x20) continue;  // newlines and tabs are layout, not glyphs
        if (c > IM_UNICODE_CODEPOINT_MAX || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
            ++missing;
            if (collect) collect->insert(c);
        }
    }
    return missing;
}

// ImGui labels may carry an id after "##"; only the part before it is shown.
std::string_view shownPart(std::string_view label) {
    const auto hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

} // namespace

void recordLabel(UiContext& ctx, std::string_view label) {
    const std::string_view shown = shownPart(label);
    if (shown.empty()) return;
    ctx.text.record(shown);
    ctx.text.addMissingGlyphs(missingGlyphs(shown, ctx.missingCodepoints));
}

void text(UiContext& ctx, std::string_view s) {
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    recordLabel(ctx, s);
}

void textColored(UiContext& ctx, ImU32 colour, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    recordLabel(ctx, s);
}

void textWrapped(UiContext& ctx, std::string_view s) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    recordLabel(ctx, s);
}

void drawListText(UiContext& ctx, ImDrawList* list, ImVec2 pos, ImU32 colour, std::string_view s) {
    list->AddText(pos, colour, s.data(), s.data() + s.size());
    recordLabel(ctx, s);
}

bool button(UiContext& ctx, const std::string& label, bool enabled, const char* tip) {
    recordLabel(ctx, label);
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label.c_str());
    if (tip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
    if (!enabled) ImGui::EndDisabled();
    return pressed && enabled;
}

} // namespace kns::ui
