#include <kubenetsim/dataplane/kube_proxy.hpp>

#include <algorithm>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/netfilter/save.hpp>

namespace kns {

namespace {

enum ProxyEvent : std::uint16_t { kSyncNow = 1, kApply = 2, kPeriodic = 3 };

// Calibration: a restore of kube-proxy's rules for 10,000 services with 10 endpoints each
// (about 420,000 lines) takes 16-17 s into a network namespace on the development machines;
// a tiny restore about 8 ms, mostly process start-up and the nf_tables commit.
constexpr std::int64_t kFixedMicros = 8000;
constexpr std::int64_t kPerLineNanos = 39000;

const NodeDef* nodeDef(const Simulation& sim, const std::string& node) {
    for (const auto& n : sim.config().nodes)
        if (n.name == node) return &n;
    return nullptr;
}

std::size_t countLines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

void schedule(Simulation& sim, const std::string& node, ProxyEvent kind, SimTime delay) {
    sim.schedule(delay, Event{Component::KubeProxy, kind, node, {}, 0, 0});
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
    auto nsIt = sim.state().dataPlane.namespaces.find(nodeNamespaceKey(node));
    const NodeDef* def = nodeDef(sim, node);
    if (nsIt == sim.state().dataPlane.namespaces.end() || !def) return;
    net::NetNamespace& ns = nsIt->second;

    // `sim proxy-era` may have switched kube-proxy to the other era's rules.
    const Era era = sim.state().dataPlane.proxyEra.value_or(sim.era());
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
    if (const auto* nat = ns.rules.table(netfilter::TableId::Nat))
        for (const auto& c : nat->chains()) in.existingNatChains.push_back(c.name);

    st.pending = era == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
    const std::size_t lines = countLines(st.pending.restoreInput);
    st.syncing = true;
    st.lastSyncStart = sim.now();
    st.lastSyncDuration = modelledRestoreDuration(lines);
    st.recentRuns.push_back(sim.now());
    if (st.recentRuns.size() > 2) st.recentRuns.erase(st.recentRuns.begin());
    st.applyAt = sim.schedule(st.lastSyncDuration, Event{Component::KubeProxy, kApply, node, {}, 0, 0});
    sim.emit(TraceKind::ProxySync, "kube-proxy/" + node, "node/" + node, "sync started",
             {{"lines", std::to_string(lines)}, {"modelled_restore", st.lastSyncDuration.str()}});
}

void finishSync(Simulation& sim, const std::string& node) {
    KubeProxyState& st = sim.state().dataPlane.proxies[node];
    auto nsIt = sim.state().dataPlane.namespaces.find(nodeNamespaceKey(node));
    if (nsIt == sim.state().dataPlane.namespaces.end()) return;
    net::NetNamespace& ns = nsIt->second;
    st.previousSave = netfilter::saveRuleset(ns.rules, {});
    netfilter::RestoreResult r = proxy::applySync(ns.rules, st.pending);
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
    if (st.dirty) {
        st.dirty = false;
        requestSync(sim, node);
    }
}

void handle(Simulation& sim, const Event& e) {
    switch (e.kind) {
    case kSyncNow: startSync(sim, e.node); break;
    case kApply: finishSync(sim, e.node); break;
    case kPeriodic:
        requestSync(sim, e.node);
        schedule(sim, e.node, kPeriodic, sim.config().proxy.syncPeriod);
        break;
    default:  // a watch notification: Services, Endpoints, EndpointSlices, Nodes
        requestSync(sim, e.node);
        break;
    }
}

} // namespace

SimTime modelledRestoreDuration(std::size_t lines) {
    return SimTime::us(kFixedMicros) + SimTime::ns(kPerLineNanos * static_cast<std::int64_t>(lines));
}

void resyncKubeProxy(Simulation& sim, const std::string& node) { requestSync(sim, node); }

void registerKubeProxyHandler(Simulation& sim) { sim.setHandler(Component::KubeProxy, handle); }

void registerKubeProxy(Simulation& sim) {
    registerKubeProxyHandler(sim);
    for (const auto& n : sim.config().nodes) {
        sim.state().dataPlane.proxies[n.name];
        requestSync(sim, n.name);
        if (sim.config().proxy.syncPeriod > SimTime::zero()) schedule(sim, n.name, kPeriodic, sim.config().proxy.syncPeriod);
    }
}

} // namespace kns
