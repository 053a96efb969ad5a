#include <ui/panels/console_panel.hpp>

#include <algorithm>
#include <cstring>

#include <imgui.h>

#include <ui/app/draw_text.hpp>

namespace kns::ui {
namespace {

const Labels kLabels{
    {"title", "Console", "コンソール"},
    {"copy_all", "Copy all", "すべてコピー"},
    {"copy_last", "Copy last output", "直前の出力をコピー"},
    {"paste", "Paste", "貼り付け"},
    {"select", "Select text", "テキストを選択"},
    {"running", "(running...)", "(実行中...)"},
    {"hint", "Tab completes, up/down walk the history", "Tab で補完、上下キーで履歴"},
};

// The input line's edits need the panel's model; ImGui hands the callback a user pointer.
struct CallbackState {
    ConsoleModel* model;
    std::string* candidates;
};

void replaceBuffer(ImGuiInputTextCallbackData* data, const std::string& text) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text.c_str());
}

} // namespace

const char* ConsolePanel::title(Lang lang) const { return kLabels.get("title", lang); }

int ConsolePanel::inputCallback(ImGuiInputTextCallbackData* data) {
    auto* state = static_cast<CallbackState*>(data->UserData);
    ConsoleModel& model = *state->model;
    model.input.assign(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
        if (data->EventKey == ImGuiKey_UpArrow) model.historyUp();
        else if (data->EventKey == ImGuiKey_DownArrow) model.historyDown();
        replaceBuffer(data, model.input);
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
        const ConsoleModel::Completion c = model.completeInput();
        state->candidates->clear();
        if (c.candidates.size() > 1)
            for (const auto& w : c.candidates) *state->candidates += w + "  ";
        replaceBuffer(data, model.input);
    }
    return 0;
}

void ConsolePanel::drawContent(UiContext& ctx) {
    if (m_session != &ctx.session || !m_model) {
        m_session = &ctx.session;
        m_model = std::make_unique<ConsoleModel>(ctx.session);
    }
    const Lang lang = ctx.lang;
    auto button = [&](const char* label) {
        recordLabel(ctx, label);
        return ImGui::Button(label);
    };
    if (button(kLabels.get("copy_all", lang))) ImGui::SetClipboardText(m_model->text().c_str());
    ImGui::SameLine();
    if (button(kLabels.get("copy_last", lang)) && !ctx.session.transcript().empty())
        ImGui::SetClipboardText(m_model->entryText(ctx.session.transcript().size() - 1).c_str());
    ImGui::SameLine();
    if (button(kLabels.get("paste", lang))) {
        if (const char* clip = ImGui::GetClipboardText()) m_model->paste(clip);
        m_focusInput = true;
    }
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("select", lang));
    ImGui::Checkbox(kLabels.get("select", lang), &m_selectView);
    drawTranscript(ctx);
    drawInput(ctx);
}

void ConsolePanel::drawTranscript(UiContext& ctx) {
    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing();
    const auto lines = m_model->lines();
    if (m_selectView) {
        // A read-only text field: drag to select, Ctrl+C copies (ImGui has no selectable plain text).
        m_selectBuffer = m_model->text();
        recordLabel(ctx, m_selectBuffer);
        ImGui::InputTextMultiline("##select", m_selectBuffer.data(), m_selectBuffer.size() + 1, ImVec2(-1, -footer),
                                  ImGuiInputTextFlags_ReadOnly);
        return;
    }
    ImGui::BeginChild("transcript", ImVec2(0, -footer), false, ImGuiWindowFlags_HorizontalScrollbar);
    for (const auto& l : lines) {
        switch (l.kind) {
        case ConsoleModel::Line::Kind::Command: textColored(ctx, ctx.palette.packet, l.text); break;
        case ConsoleModel::Line::Kind::Err: textColored(ctx, ctx.palette.drop, l.text); break;
        case ConsoleModel::Line::Kind::Pending: textColored(ctx, ctx.palette.dimText, kLabels.get("running", ctx.lang)); break;
        case ConsoleModel::Line::Kind::Out: text(ctx, l.text); break;
        }
    }
    if (lines.size() != m_shownLines) ImGui::SetScrollHereY(1.0f);
    m_shownLines = lines.size();
    ImGui::EndChild();
}

void ConsolePanel::drawInput(UiContext& ctx) {
    if (!m_candidates.empty()) textColored(ctx, ctx.palette.dimText, m_candidates);
    else textColored(ctx, ctx.palette.dimText, kLabels.get("hint", ctx.lang));
    text(ctx, m_model->prompt());
    ImGui::SameLine(0, 0);
    // The input buffer: the model's line with room to type.
    char buffer[1024];
    const std::size_t n = std::min(m_model->input.size(), sizeof buffer - 1);
    std::memcpy(buffer, m_model->input.data(), n);
    buffer[n] = '\0';
    CallbackState state{m_model.get(), &m_candidates};
    ImGui::PushItemWidth(-1);
    if (m_focusInput) {
        ImGui::SetKeyboardFocusHere();
        m_focusInput = false;
    }
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                      ImGuiInputTextFlags_CallbackCompletion;
    const bool entered = ImGui::InputText("##input", buffer, sizeof buffer, flags, &ConsolePanel::inputCallback, &state);
    ImGui::PopItemWidth();
    m_model->input = buffer;
    recordLabel(ctx, m_model->input);
    if (entered) {
        m_model->submit();
        m_candidates.clear();
        m_focusInput = true;
    }
}

} // namespace kns::ui
