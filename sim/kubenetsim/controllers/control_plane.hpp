#pragma once
// The control plane as simulated processes: registering it makes a Simulation behave like a
// cluster (objects written to the API get reconciled, pods get scheduled and run).
//
// Every process is a handler per Component receiving plain Events: watch notifications from
// the API (kind kWatchEvent) and its own timers. All their state lives in
// Simulation::State::controllers (controllers/controller_state.hpp), so snapshots capture it.
#include <kubenetsim/time/sim_time.hpp>

namespace kns {

class Simulation;

// Registers the replication manager, deployment controller, scheduler, kubelets, endpoints
// controller, garbage collector, namespace controller and node lifecycle controller.
// Idempotent; needed again on a fresh Simulation before restoring a snapshot into it.
void registerControlPlane(Simulation& sim);

// Runs events until nothing is pending or the next one lies beyond now + limit (periodic
// probes never let the queue drain). The clock stays at the last event run.
void runUntilSettled(Simulation& sim, SimTime limit);

} // namespace kns
