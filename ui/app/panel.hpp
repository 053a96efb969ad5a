#pragma once
// One panel, one class, one file (ui/panels/). The app owns the list (panel_list.hpp), places each
// window (its default position and size come from the layout in the settings), does
// ImGui::Begin/End and the open flag; a panel draws only its content.
#include <ui/app/ui_context.hpp>

namespace kns::ui {

class Panel {
public:
    virtual ~Panel() = default;
    // Stable identifier: the ImGui window id and the key of its layout in the settings ("chains").
    virtual const char* id() const = 0;
    // The window title in the current language.
    virtual const char* title(Lang lang) const = 0;
    virtual void drawContent(UiContext& ctx) = 0;
};

} // namespace kns::ui
