#include <ui/app/panel_list.hpp>

// The app's own panels (controls, help).
// -- app panels: includes --
#include <ui/panels/controls_panel.hpp>

// The cluster, packets, chains, rules, statistics and event log.
// -- view panels: includes --

// The scenario player, the console and the what-if controls.
// -- scenario panels: includes --

namespace kns::ui {

std::vector<std::unique_ptr<Panel>> makePanels() {
    std::vector<std::unique_ptr<Panel>> panels;

    // -- app panels --
    panels.push_back(std::make_unique<ControlsPanel>());

    // -- view panels --

    // -- scenario panels --

    return panels;
}

} // namespace kns::ui
