#include <ui/app/scenario_control.hpp>

namespace kns::ui::scenario_control {

// This build's session has no scenario player yet: no steps.
std::size_t stepCount(const UiSession&) { return 0; }
std::size_t current(const UiSession&) { return 0; }
bool runNext(UiSession&) { return false; }
bool previous(UiSession&) { return false; }
bool restart(UiSession&) { return false; }
std::optional<std::size_t> firstPauseStep(const UiSession&) { return std::nullopt; }
Reached runThrough(UiSession&, std::size_t) { return {}; }

} // namespace kns::ui::scenario_control
