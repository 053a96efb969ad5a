#pragma once
// Every panel of the window, in one list (the order is the View menu's).
#include <memory>
#include <vector>

#include <ui/app/panel.hpp>

namespace kns::ui {

std::vector<std::unique_ptr<Panel>> makePanels();

} // namespace kns::ui
