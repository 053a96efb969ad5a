#pragma once
// What every panel receives each frame: the session (read state, run commands), the language,
// the colours, the shared selection and the text hook. Panels keep their own transient state as
// members; persisted settings belong to the app.
#include <set>

#include <ui/app/palette.hpp>
#include <ui/model/labels.hpp>
#include <ui/model/selection.hpp>
#include <ui/model/text_recorder.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui {

class PacingDriver;

struct UiContext {
    UiSession& session;
    PacingDriver& pacing;
    Selection& selection;
    TextRecorder& text;
    const Palette& palette;
    Lang lang = Lang::En;
    float scale = 1.0f;  // the UI scale (1.0 to 2.5), already applied to fonts and style
    // Characters drawn this session that the font had no glyph for; the app adds them to the
    // font atlas when its font has them (rare kanji in a narration). Null: not collected.
    std::set<unsigned>* missingCodepoints = nullptr;
};

} // namespace kns::ui
