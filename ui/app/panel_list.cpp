#include <ui/app/panel_list.hpp>

// The app's own panels (controls, help).
// -- app panels: includes --
#include <ui/panels/controls_panel.hpp>

// The cluster, packets, chains, rules, statistics and event log.
// -- view panels: includes --

// The scenario player, the console and the what-if controls.
// -- scenario panels: includes --
#include <ui/panels/console_panel.hpp>
#include <ui/panels/scenario_panel.hpp>
#include <ui/panels/what_if_panel.hpp>

namespace kns::ui {

std::vector<std::unique_ptr<Panel>> makePanels() {
    std::vector<std::unique_ptr<Panel>> panels;

    // -- app panels --
    panels.push_back(std::make_unique<ControlsPanel>());

    // -- view panels --

    // -- scenario panels --
    panels.push_back(std::make_unique<ScenarioPanel>());
    panels.push_back(std::make_unique<ConsolePanel>());
    panels.push_back(std::make_unique<WhatIfPanel>());

    return panels;
}

} // namespace kns::ui
