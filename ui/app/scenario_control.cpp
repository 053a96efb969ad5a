#include <ui/app/scenario_control.hpp>

#include <ui/model/scenario_stepper.hpp>

namespace kns::ui::scenario_control {

// The session's own stepper (UiSession::stepper()), shared with the Scenario panel.
std::size_t stepCount(const UiSession& session) { return session.stepper().stepCount(); }
std::size_t current(const UiSession& session) { return session.stepper().current(); }
bool runNext(UiSession& session) { return session.stepper().runNext(); }

bool stepBack(UiSession& session) { return session.stepper().stepBack(); }
bool canStepBack(const UiSession& session) { return session.stepper().canStepBack(); }

bool restart(UiSession& session) {
    if (session.stepper().stepCount() == 0) return false;
    session.stepper().restart();
    return true;
}

std::optional<std::size_t> firstPauseStep(const UiSession& session) { return session.stepper().firstPauseStep(); }

Reached runThrough(UiSession& session, std::size_t n) {
    ScenarioStepper& stepper = session.stepper();
    stepper.runThrough(n);
    Reached r;
    r.atPause = stepper.atPause();
    if (r.atPause) r.cursor = stepper.cursor();
    r.report = stepper.lastReport();
    return r;
}

} // namespace kns::ui::scenario_control
