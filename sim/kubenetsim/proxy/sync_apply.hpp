#pragma once
// applySync's way of writing a sync from its parts (sync_apply.cpp).
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns::proxy {

// Writes `sync` (its jump rules already ensured) into `rules` as `iptables-restore --noflush` of
// sync.restoreText() would, and records it in cache.applied. Returns false, having changed
// nothing, when it cannot prove that result (the restore must then run and decide), including
// for a sync written for another state of the tables.
bool applySyncParts(netfilter::Ruleset& rules, const SyncOutput& sync, SyncCache& cache, netfilter::RestoreResult& result);

} // namespace kns::proxy
