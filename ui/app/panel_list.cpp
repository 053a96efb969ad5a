#include <ui/app/panel_list.hpp>

// The app's own panels (controls, help).
// -- app panels: includes --
#include <ui/panels/controls_panel.hpp>

// The cluster, packets, chains, rules, statistics, event log and inspector.
// -- view panels: includes --
#include <ui/panels/chains_view.hpp>
#include <ui/panels/cluster_view.hpp>
#include <ui/panels/event_log_panel.hpp>
#include <ui/panels/inspector_panel.hpp>
#include <ui/panels/rules_panel.hpp>
#include <ui/panels/statistics_panel.hpp>

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
    panels.push_back(std::make_unique<ClusterView>());
    panels.push_back(std::make_unique<ChainsView>());
    panels.push_back(std::make_unique<RulesPanel>());
    panels.push_back(std::make_unique<StatisticsPanel>());
    panels.push_back(std::make_unique<EventLogPanel>());
    panels.push_back(std::make_unique<InspectorPanel>());

    // -- scenario panels --
    panels.push_back(std::make_unique<ScenarioPanel>());
    panels.push_back(std::make_unique<ConsolePanel>());
    panels.push_back(std::make_unique<WhatIfPanel>());

    return panels;
}

} // namespace kns::ui
