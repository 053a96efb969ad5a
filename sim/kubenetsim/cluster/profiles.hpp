#pragma once
// The two built-in clusters and how a cluster is brought up.
//  - legacy: the seed tutorial's OpenShift 3.5-era single node `localhost` (Kubernetes 1.5).
//  - modern: a kind-like v1.30-era cluster (a control plane and two workers).
#include <optional>
#include <string>

#include <kubenetsim/core/config.hpp>

namespace kns {

class Simulation;

std::optional<ClusterConfig> builtinProfile(const std::string& name);

// Registers the event handler of every simulated process (control plane and data plane) without
// creating anything: what a Simulation needs before restore() of another one's snapshot.
void registerProcesses(Simulation& sim);

// Registers every control-plane process (controllers, scheduler, kubelets) with the simulation,
// creates the profile's initial objects (namespaces, nodes, system services and pods) and runs
// the simulation until they have settled. Call once on a fresh Simulation.
void bootCluster(Simulation& sim);

} // namespace kns
