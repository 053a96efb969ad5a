#pragma once
// Where each panel opens the first time (and after View > Reset layout): fractions of the window,
// designed for 1280x800 and scaled to any other size. A saved layout (settings.panels) wins.
//
//   +-------------+--------------------------+----------------+
//   | scenario    | cluster view             | chains         |
//   |             |                          |                |
//   +-------------+                          |                |
//   | controls    +--------------------------+----------------+
//   +-------------+ console                  | rules / stats  |
//   | what-if     |                          | / event log    |
//   +-------------+--------------------------+----------------+
#include <string>

#include <ui/model/settings.hpp>

namespace kns::ui {

// The default window of panel `id` in a display of width x height pixels below a menu bar of
// menuHeight. Unknown ids cascade from the top left, open.
PanelLayout defaultLayout(const std::string& id, float width, float height, float menuHeight);

} // namespace kns::ui
