#pragma once
// The scenario player of the window: runs a scenario one step at a time through the session's
// command layer, remembers a snapshot before every step (Previous, Restart), stops at a step's
// pause point, and asks and reveals its prediction question.
//
// Contract (steps are 0-based here; the window shows them 1-based):
//  - runNext() runs the step at current() with the scenario's variables substituted, exactly as
//    kubenetsim-cli run does (same outputs, same expectations checked), then current() moves on.
//    A step with `pause_at` puts the view at its pause point: the session's view time at the
//    recorded hop where the packet enters that node's chain (or hook), and cursor() on the rule
//    being evaluated there; atPause() is then true until the view moves on.
//  - previous() and restart() restore the snapshot taken before that step (simulation, console
//    transcript, event log), so the same seed replays the same way.
//  - Between steps (or with no scenario at all) the user runs commands of their own: the session
//    hands the stepper a snapshot before each (keepBeforeCommand), the last kCommandUndoLimit of
//    them, and stepBack() goes back over the last command run since the last step, or else over
//    that step (previous()). Going back over a step forgets the commands run after it.
//  - A failed expectation does not stop the stepper: lastReport() says what differed.
//  - runNext() leaves the view where it was (the pacing driver animates the step's packets);
//    runThrough(n) brings the view to the end of step n, or to its pause point.
//  - The stepper lives in the session (UiSession::stepper()); the scenario panel, the shortcut
//    and the screenshot mode share it.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <kubenetsim/scenario/step_runner.hpp>

#include <ui/model/selection.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui {

class ScenarioStepper {
public:
    explicit ScenarioStepper(UiSession& session);
    ~ScenarioStepper();

    std::size_t stepCount() const;
    std::size_t current() const;  // the next step to run; stepCount() when all ran
    bool finished() const { return current() >= stepCount(); }

    bool runNext();   // false when finished
    void previous();  // back to before the step that ran last
    void restart();   // back to before step 0

    static constexpr std::size_t kCommandUndoLimit = 16;
    void keepBeforeCommand(SessionSnapshot before);
    bool canStepBack() const;
    bool stepBack();  // false when there is nothing to go back over

    // Runs steps until step n has completed, or stopped at its pause point when it has one.
    void runThrough(std::size_t n);
    // The first step with a pause point, if any (`--at-step pause`).
    std::optional<std::size_t> firstPauseStep() const;

    bool atPause() const;
    Selection::PacketCursor cursor() const;  // where the pause point put the packet cursor

    // Empty when the last step's expectations held; otherwise what differed (the CLI player's words).
    const std::string& lastReport() const;

    // The step itself (i < stepCount()).
    const scenario::Step& step(std::size_t i) const;
    // What step i did when it last ran: its commands' results, pause point and question answer;
    // nullptr when it has not run since the last previous()/restart() went back before it.
    const scenario::StepRun* result(std::size_t i) const;
    // Command c of step i as the step list shows it: once the step ran, the line it ran (its
    // variables substituted as the player did, against the state of that moment); for the step
    // that runs next, substituted against the current state, which is what the player will do
    // for its first command; otherwise, or when a variable selects nothing yet (a pod not
    // created), as written.
    std::string shownCommand(std::size_t i, std::size_t c) const;
    // The step whose narration the player shows: the one that ran last while the view still shows
    // it (or is paused in it), then the upcoming one, inviting the next press; nullopt once every
    // step ran and the view has caught up.
    std::optional<std::size_t> narratedStep() const;
    bool narratingLast() const;  // narratedStep() is the step that ran last
    // The pause point of the step that ran last, if it had one and the packet reached it.
    const std::optional<scenario::PausePoint>& pausePoint() const;
    // Puts the view (and cursor()) back at the last pause point, e.g. after the user played on.
    bool goToPause();
private:
    struct Impl;
    UiSession& m_session;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kns::ui
