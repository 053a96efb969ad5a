#include <kubenetsim/dataplane/kube_proxy.hpp>

#include <algorithm>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns {

namespace {

enum ProxyEvent : std::uint16_t { kSyncNow = 1, kApply = 2, kPeriodic = 3, kRunnerTimer = 4, kFlushPoll = 5 };

// Modern kube-proxy's BoundedFrequencyRunner runs at least once per maxInterval, which the proxier
// sets to time.Hour ("arbitrary", says its comment: syncPeriod goes to the canary monitor instead).
// The timer restarts when a run finishes.
constexpr SimTime kRunnerMaxInterval = SimTime::hours(1);
// The monitor, having seen the mangle canary gone, waits for the nat and filter ones to go too
// (iptablesFlushPollTime, iptablesFlushTimeout), so as not to reload in the middle of a flush.
constexpr SimTime kFlushPollTime = SimTime::ms(100);
constexpr std::int64_t kFlushPolls = 50;  // 5 s

// Calibration, measured on the development machine (Linux, iptables 1.8.9 nf_tables) with
// scripts/calibrate-restore: the CPU time, user and system, of a real iptables-restore of
// kube-proxy's ruleset into a fresh network namespace, and again over the same rules, for 10, 100,
// 1,000 and 10,000 services with 10 endpoints each in both eras:
//      ~460 lines   0.011 - 0.019 s
//    ~4,300 lines   0.10  - 0.13 s
//   ~42,500 lines   0.87  - 1.18 s     (about 25 us a line)
//  ~425,000 lines  26.5   - 30.4 s     (about 65 us a line: the cost of a line grows with the ruleset)
// Least squares on the relative error gives 4 ms + 21.7 us a line + 0.1006 ns a line squared,
// within 25 % of every point. The machine was shared and busy while measuring (load about 8 on
// 2 cores), which lengthens wall time several-fold; CPU time is what the restore itself costs.
constexpr std::int64_t kFixedMicros = 4000;
constexpr std::int64_t kPerLineNanos = 21678;
constexpr double kPerLineSquaredNanos = 0.10057;

const NodeDef* nodeDef(const Simulation& sim, const std::string& node) {
    for (const auto& n : sim.config().nodes)
        if (n.name == node) return &n;
    return nullptr;
}

EventId schedule(Simulation& sim, const std::string& node, ProxyEvent kind, SimTime delay, std::int64_t arg = 0) {
    return sim.schedule(delay, Event{Component::KubeProxy, kind, node, {}, arg, 0});
}

// A modern kube-proxy starts its canary monitor (before its first sync): the canaries it watches.
void startCanaryMonitor(Simulation& sim, const std::string& node) {
    if (kubeProxyEra(sim) != Era::Modern) return;
    if (net::NetNamespace* ns = dataplane::findNodeNamespace(sim, node)) proxy::placeProxyCanaries(ns->rules);
}

void requestSync(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    if (st.syncing) {
        st.dirty = true;
        return;
    }
    if (sim.kernel().isPending(st.pendingSync)) return;  // already coming: changes coalesce
    const SimTime minPeriod = sim.config().proxy.minSyncPeriod;
    SimTime delay = SimTime::zero();
    // A burst of two runs, then at most one run per minSyncPeriod.
    if (minPeriod > SimTime::zero() && st.recentRuns.size() >= 2) {
        const SimTime allowed = st.recentRuns[st.recentRuns.size() - 2] + minPeriod;
        if (allowed > sim.now()) delay = allowed - sim.now();
    }
    st.pendingSync = sim.schedule(delay, Event{Component::KubeProxy, kSyncNow, node, {}, 0, 0});
}

void startSync(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    net::NetNamespace* nsp = dataplane::findNodeNamespace(sim, node);
    const NodeDef* def = nodeDef(sim, node);
    if (!nsp || !def) return;
    net::NetNamespace& ns = *nsp;

    const Era era = kubeProxyEra(sim);
    proxy::SyncInput in;
    in.era = era;
    in.objects = &sim.objects();
    in.nodeName = node;
    for (const auto& i : def->interfaces)
        if (i.kind != "loopback") in.nodeIPs.push_back(i.address.substr(0, i.address.find('/')));
    in.config = sim.config().proxy;
    // Go map iteration: a fresh random order on every sync, from this node's kube-proxy stream.
    for (const auto& [key, svc] : sim.objects().services) in.serviceOrder.push_back(key);
    Rng& rng = sim.rng("node/" + node + "/kube-proxy");
    for (std::size_t i = in.serviceOrder.size(); i > 1; --i) std::swap(in.serviceOrder[i - 1], in.serviceOrder[rng.below(i)]);
    in.natTable = ns.rules.table(netfilter::TableId::Nat);
    in.cache = &st.cache;

    st.pending = era == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
    const std::size_t lines = st.pending.lines;
    st.syncing = true;
    st.lastSyncStart = sim.now();
    st.lastSyncDuration = modelledRestoreDuration(lines);
    st.lastSyncLines = lines;
    // The monitor's reload calls syncProxyRules itself, not through the runner: it takes none of
    // the runner's burst.
    st.forced = st.forceNext;
    st.forceNext = false;
    if (!st.forced) {
        st.recentRuns.push_back(sim.now());
        if (st.recentRuns.size() > 2) st.recentRuns.erase(st.recentRuns.begin());
    }
    st.applyAt = sim.schedule(st.lastSyncDuration, Event{Component::KubeProxy, kApply, node, {}, 0, 0});
    sim.emit(TraceKind::ProxySync, "kube-proxy/" + node, "node/" + node, "sync started",
             {{"lines", std::to_string(lines)}, {"modelled_restore", st.lastSyncDuration.str()}});
}

void finishSync(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    net::NetNamespace* nsp = dataplane::findNodeNamespace(sim, node);
    if (!nsp) return;
    net::NetNamespace& ns = *nsp;
    netfilter::RestoreResult r = proxy::applySync(ns.rules, st.pending, &st.cache);
    const Era era = st.pending.era;
    st.syncing = false;
    ++st.syncs;
    st.lastRuleCount = ns.rules.ruleCount();
    st.pending = {};
    if (!r.ok) {
        sim.emit(TraceKind::ProxySync, "kube-proxy/" + node, "node/" + node, "iptables-restore failed: " + r.errorText);
    } else {
        sim.emit(TraceKind::ProxySync, "kube-proxy/" + node, "node/" + node, "rules applied",
                 {{"rules", std::to_string(st.lastRuleCount)}, {"took", st.lastSyncDuration.str()}});
    }
    if (st.forced) {
        // The monitor's reloadFunc returned: it creates the canaries again and watches on.
        if (era == Era::Modern) proxy::placeProxyCanaries(ns.rules);
        st.flushSeen = false;
        st.forced = false;
    } else if (era == Era::Modern) {
        // The runner: the next run within the hour, or after syncPeriod when the restore failed
        // (RetryAfter).
        sim.cancel(st.hourlySync);
        st.hourlySync = schedule(sim, node, kRunnerTimer, r.ok ? kRunnerMaxInterval : sim.config().proxy.syncPeriod);
    }
    if (st.forceNext) {
        st.dirty = false;
        sim.cancel(st.pendingSync);
        startSync(sim, node);
        return;
    }
    if (st.dirty) {
        st.dirty = false;
        requestSync(sim, node);
    }
}

// The monitor's reload (forceSyncProxyRules): a full sync now, or right after the running one.
void forceSync(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    st.forceNext = true;
    if (st.syncing) return;
    sim.cancel(st.pendingSync);
    startSync(sim, node);
}

// pkg/util/iptables Monitor: the canary in mangle is gone; poll (now, then every 100 ms for up to
// 5 s) until the nat and filter ones are gone too, then reload.
void pollFlush(Simulation& sim, const std::string& node, std::int64_t polls) {
    net::NetNamespace* ns = dataplane::findNodeNamespace(sim, node);
    if (!ns) return;
    using netfilter::TableId;
    const bool others = proxy::hasProxyCanary(ns->rules, TableId::Nat) || proxy::hasProxyCanary(ns->rules, TableId::Filter);
    if (others && polls < kFlushPolls) {
        schedule(sim, node, kFlushPoll, kFlushPollTime, polls + 1);
        return;
    }
    sim.emit(TraceKind::ProxySync, "kube-proxy/" + node, "node/" + node,
             others ? "canary deleted, iptables state inconsistent: reloading" : "canary deleted (iptables flushed): reloading");
    forceSync(sim, node);
}

// The monitor's poll, every syncPeriod: is the mangle canary still there? Simplification, named:
// the polls keep the ticker's rhythm, where the real monitor starts its interval again after a
// reload.
void checkCanary(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    net::NetNamespace* ns = dataplane::findNodeNamespace(sim, node);
    if (!ns || st.flushSeen || proxy::hasProxyCanary(ns->rules, netfilter::TableId::Mangle)) return;
    st.flushSeen = true;
    pollFlush(sim, node, 0);
}

void handle(Simulation& sim, const Event& e) {
    switch (e.kind) {
    case kSyncNow: startSync(sim, e.node); break;
    case kApply: finishSync(sim, e.node); break;
    case kPeriodic:
        // v1.5's SyncLoop syncs on every tick; modern kube-proxy gives syncPeriod to its canary
        // monitor instead and syncs only on changes (and hourly).
        if (kubeProxyEra(sim) == Era::Legacy) requestSync(sim, e.node);
        else checkCanary(sim, e.node);
        schedule(sim, e.node, kPeriodic, sim.config().proxy.syncPeriod);
        break;
    case kRunnerTimer:
        if (kubeProxyEra(sim) == Era::Modern) requestSync(sim, e.node);
        break;
    case kFlushPoll: pollFlush(sim, e.node, e.arg); break;
    default:  // a watch notification: Services, Endpoints, EndpointSlices, Nodes
        requestSync(sim, e.node);
        break;
    }
}

} // namespace

Era kubeProxyEra(const Simulation& sim) { return sim.state().dataPlane.proxyEra.value_or(sim.era()); }

SimTime modelledRestoreDuration(std::size_t lines) {
    const auto n = static_cast<std::int64_t>(lines);
    const auto squared = static_cast<std::int64_t>(kPerLineSquaredNanos * static_cast<double>(n) * static_cast<double>(n));
    return SimTime::us(kFixedMicros) + SimTime::ns(kPerLineNanos * n + squared);
}

void resyncKubeProxy(Simulation& sim, const std::string& node) {
    startCanaryMonitor(sim, node);  // another era's kube-proxy from now on
    requestSync(sim, node);
}

void registerKubeProxyHandler(Simulation& sim) { sim.setHandler(Component::KubeProxy, handle); }

void registerKubeProxy(Simulation& sim) {
    registerKubeProxyHandler(sim);
    for (const auto& n : sim.config().nodes) {
        sim.state().dataPlane.proxies[n.name];
        startCanaryMonitor(sim, n.name);
        requestSync(sim, n.name);
        if (sim.config().proxy.syncPeriod > SimTime::zero()) schedule(sim, n.name, kPeriodic, sim.config().proxy.syncPeriod);
    }
}

} // namespace kns
