#pragma once
// Recording Kubernetes Events (the objects `kubectl describe` lists), with the API server's
// aggregation: an event equal in object, reason, message and source to an earlier one bumps its
// count and lastTimestamp instead of adding a row.
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>

namespace kns {

class Simulation;

void recordEvent(Simulation& sim, const ObjectReference& object, const std::string& type, const std::string& reason,
                 const std::string& message, const std::string& sourceComponent, const std::string& sourceHost = {},
                 const std::string& fieldPath = {});

// The events of one object (matched by kind, namespace and name), oldest first.
std::vector<const KubeEvent*> eventsFor(const Simulation& sim, const std::string& kind, const std::string& ns, const std::string& name);

} // namespace kns
