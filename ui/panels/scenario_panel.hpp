#pragma once
// The scenario player: the step list, the current step's narration in the chosen language, Run
// step / Next / Previous / Restart, the step's prediction question with a Reveal button, where a
// pause point stopped the packet, and the last step's expectation report when it failed.
//
// Buttons drive the session's stepper (UiSession::stepper()). "Run step" runs the next step and
// lets the view animate it; "Next" runs it and shows its end (or its pause point) at once.
#include <cstdint>
#include <memory>
#include <utility>

#include <ui/app/panel.hpp>
#include <ui/model/question.hpp>

namespace kns::ui {

class ScenarioPanel : public Panel {
public:
    const char* id() const override { return "scenario"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    void drawButtons(UiContext& ctx);
    void drawStepList(UiContext& ctx);
    void drawNarration(UiContext& ctx);
    void drawPause(UiContext& ctx);
    void drawQuestion(UiContext& ctx);
    void drawReport(UiContext& ctx);
    // After the stepper moved: a pause point moves the shared packet cursor there.
    void followStepper(UiContext& ctx);

    const UiSession* m_session = nullptr;  // the session m_question belongs to
    std::unique_ptr<QuestionModel> m_question;
    std::pair<std::size_t, std::size_t> m_pauseSeen{0, SIZE_MAX};  // (stepper's current, pause hop) last followed
};

} // namespace kns::ui
