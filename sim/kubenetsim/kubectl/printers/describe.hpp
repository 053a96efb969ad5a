#pragma once
// `kubectl describe` for pod, service, replicationcontroller, replicaset, deployment, node and
// endpoints, in the layout of the simulation's era:
//  - Legacy (kubectl 1.5 describe.go, with OpenShift 3.5's "Security Policy" line): a tabwriter
//    padding with tabs (minwidth 0, tabwidth 8, padding 1), shown with the tabs expanded at
//    stops of 8 as a terminal does; events as "FirstSeen LastSeen Count From SubObjectPath Type
//    Reason Message", or "No events." (without a newline, as 1.5 prints it).
//  - Modern (kubectl 1.30): spaces (padding 2), Annotations, Controlled By, IPs, Host Port,
//    "Events: <none>" or the "Type Reason Age From Message" table.
// Events come from eventsFor() (cluster/events.hpp). Pure functions of the simulation's state.
//
// Deliberate simplifications (the object model has no volumes, tolerations or leases): the
// service-account token volume and its mount are not shown; modern pods show the two default
// tolerations the DefaultTolerationSeconds admission plugin adds to every pod.
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>

namespace kns {
class Simulation;
}

namespace kns::printers {

// The description of one object, or nullopt when the key names none. The text is exactly what
// kubectl prints for it (legacy output may end without a newline).
std::optional<std::string> describe(const Simulation& sim, Kind kind, const std::string& key);

// Several objects as one `kubectl describe` prints them: descriptions separated by "\n\n";
// keys naming no object are skipped.
std::string describeAll(const Simulation& sim, Kind kind, const std::vector<std::string>& keys);

} // namespace kns::printers
