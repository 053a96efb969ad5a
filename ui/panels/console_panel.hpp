#pragma once
// The console: the shell the CLI runs, with its prompt, the transcript (outputs appear once the
// view reaches the end of their command), history on up/down, tab completion of commands and
// object names, copy (all, the last output, or a selection in the select view) and paste.
#include <memory>
#include <string>

#include <ui/app/panel.hpp>
#include <ui/model/console_model.hpp>

namespace kns::ui {

class ConsolePanel : public Panel {
public:
    const char* id() const override { return "console"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

    ConsoleModel* model() { return m_model.get(); }

private:
    void drawTranscript(UiContext& ctx);
    void drawInput(UiContext& ctx);
    static int inputCallback(ImGuiInputTextCallbackData* data);

    const UiSession* m_session = nullptr;
    std::unique_ptr<ConsoleModel> m_model;
    std::string m_candidates;   // completion candidates of the last Tab, shown under the input
    bool m_selectView = false;  // show the transcript as selectable text
    std::string m_selectBuffer;
    std::size_t m_shownLines = 0;  // to scroll to the bottom when lines arrive
    // The input takes the keyboard after a command typed there or a paste, not when the window
    // opens: until the user clicks into the console, letter keys are the window's shortcuts.
    bool m_focusInput = false;
};

} // namespace kns::ui
