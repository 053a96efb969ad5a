#pragma once
// kube-proxy in iptables mode as a simulated process, one per node.
//
// It hears about Services, Endpoints/EndpointSlices and Nodes through the API server's watch, and
// syncs at most as often as minSyncPeriod allows (a burst of two, like the real
// BoundedFrequencyRunner). Without changes, the legacy era (v1.5) syncs every syncPeriod; the
// modern one (v1.28+) syncs once an hour and polls its KUBE-PROXY-CANARY chains every syncPeriod
// instead, resyncing in full when someone deleted them (flushed the tables).
//
// A sync computes the whole ruleset from what it knows now and writes it in one atomic
// iptables-restore, which takes simulated time:
// modelledRestoreDuration() grows with the size of the restore input. Packets in the meantime
// still see the old rules; a change arriving during a sync causes another sync afterwards.
#include <cstddef>
#include <string>

#include <kubenetsim/core/config.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns {

class Simulation;

// Registers kube-proxy's event handler (what a restored snapshot needs)...
void registerKubeProxyHandler(Simulation& sim);
// ... and, on a fresh simulation, also starts every node's kube-proxy (first sync right away).
void registerKubeProxy(Simulation& sim);

// Asks the node's kube-proxy for a sync (after `sim proxy-era` changes the era of its rules).
void resyncKubeProxy(Simulation& sim, const std::string& node);

// The era whose rules kube-proxy writes: the cluster's, unless `sim proxy-era` switched it.
Era kubeProxyEra(const Simulation& sim);

// The modelled wall time of one iptables-restore of `lines` lines (chains and rules): a fixed
// cost for the process and the nf_tables transaction, a cost per line, and a cost per line that
// grows with the lines before it (measured on a real kernel; see kube_proxy.cpp).
SimTime modelledRestoreDuration(std::size_t lines);

} // namespace kns
