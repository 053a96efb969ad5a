#pragma once
// The private state of every control-plane process, held by value inside Simulation::State so
// that snapshots capture it. Each process owns one member.
#include <map>
#include <string>

#include <kubenetsim/time/event.hpp>

namespace kns {

struct ControllerStates {
    // Pending reconcile of an object key per controller (coalesces bursts of watch events).
    std::map<std::string, EventId> pendingSyncs;
};

} // namespace kns
