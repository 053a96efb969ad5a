#pragma once
// The window's one access to the session's scenario stepper (scenario_stepper.hpp): the
// shortcuts, the Controls panel and the screenshot mode go through these. Steps are 0-based.
#include <cstddef>
#include <optional>
#include <string>

#include <ui/model/selection.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui::scenario_control {

std::size_t stepCount(const UiSession& session);
std::size_t current(const UiSession& session);  // the next step to run
bool runNext(UiSession& session);
// Back over the last command the user ran since the last step, or else over that step; false
// when there is nothing to go back over.
bool stepBack(UiSession& session);
bool canStepBack(const UiSession& session);
bool restart(UiSession& session);   // false without steps
std::optional<std::size_t> firstPauseStep(const UiSession& session);

struct Reached {
    bool atPause = false;
    Selection::PacketCursor cursor;  // where the pause point put the packet cursor
    std::string report;              // empty when every expectation held
};
// Runs steps until step n has completed, or stopped at its pause point when it has one.
Reached runThrough(UiSession& session, std::size_t n);

} // namespace kns::ui::scenario_control
