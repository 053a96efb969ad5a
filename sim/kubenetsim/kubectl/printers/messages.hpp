#pragma once
// The one-line confirmations kubectl prints after changing something, per era:
//  - Legacy (kubectl 1.5): `replicationcontroller "rcsise" scaled`, `service "x" deleted`,
//    `deployment "x" created`. 1.5's apply has no "unchanged": it says "configured".
//  - Modern (kubectl 1.30): `replicationcontroller/rcsise scaled`, `deployment.apps/x created`,
//    `pod/x labeled`; but delete keeps the quoted form: `service "x" deleted`,
//    `deployment.apps "x" deleted`.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>

namespace kns::printers {

// verb: created, configured, unchanged, deleted, scaled, labeled, exposed, "rolled back", ...
// Returns the line with its trailing newline.
std::string actionMessage(Era era, Kind kind, const std::string& name, const std::string& verb);

} // namespace kns::printers
