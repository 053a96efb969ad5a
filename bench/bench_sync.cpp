// kube-proxy's sync into kubenetsim's engine, in wall time: the full sync of S services with E
// endpoints each (generating the restore input and applying it), then single endpoint changes.
// Both go through applySync with kube-proxy's cache, as the simulated kube-proxy does: the parts
// of the sync are written without joining them into one text (proxy/sync_apply.cpp).
#include "bench_sync.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include <kubenetsim/dataplane/kube_proxy.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "bench_options.hpp"
#include "service_fixture.hpp"

namespace kns::bench {

namespace {

double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct SyncTiming {
    double cpu = 0;  // process CPU time of the whole sync (steadier on a busy machine)
    double generate = 0;  // reading the input and writing the restore text
    double apply = 0;
    std::size_t lines = 0;
    std::size_t bytes = 0;
    bool ok = true;
    std::string error;
};

SyncTiming timedSync(const ServiceFixture& fixture, netfilter::Ruleset& rules, Rng& rng, proxy::SyncCache* cache, bool measureBytes) {
    SyncTiming t;
    const double c0 = cpuSeconds();
    timespec t0{};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    // What kube-proxy reads first: the services in a fresh random order, the chains the node has.
    proxy::SyncInput in = fixture.syncInput(rules, rng);
    in.cache = cache;
    proxy::SyncOutput out = fixture.era() == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
    t.generate = secondsSince(t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    netfilter::RestoreResult r = proxy::applySync(rules, out, cache);
    t.apply = secondsSince(t0);
    t.cpu = cpuSeconds() - c0;
    t.ok = r.ok;
    t.error = r.errorText;
    t.lines = out.lines;
    if (measureBytes) t.bytes = out.restoreText().size();  // after the clock: the sync never builds the whole text
    return t;
}

} // namespace

int runSync(int argc, char** argv, std::ostream& out, std::ostream& err) {
    DataPlaneOptions o;
    if (!parseDataPlaneOptions("sync", argc, argv, o, err)) return 2;
    ServiceFixture fixture(static_cast<int>(o.services), static_cast<int>(o.endpoints), o.era);
    netfilter::Ruleset rules = fixture.nodeRules();
    Rng rng(o.seed);
    proxy::SyncCache cache;
    const SyncTiming full = timedSync(fixture, rules, rng, &cache, true);
    if (!full.ok) {
        err << "kubenetsim-bench sync: the restore failed: " << full.error;
        return 1;
    }
    const std::size_t ruleCount = rules.ruleCount();
    if (!o.writeDump.empty()) {
        std::ofstream f(o.writeDump);
        f << netfilter::saveRuleset(rules, {std::nullopt, false, "Thu Jan  1 00:00:00 1970"});
        if (!f) {
            err << "kubenetsim-bench sync: cannot write " << o.writeDump << "\n";
            return 1;
        }
    }
    // One endpoint change at a time, five times; the median is the figure.
    std::vector<double> incremental, incrementalCpu;
    SyncTiming lastIncremental;
    for (int k = 0; k < 5; ++k) {
        fixture.replaceEndpoint(static_cast<int>((k * 7919 + 1) % o.services));
        const SyncTiming t = timedSync(fixture, rules, rng, &cache, false);
        if (!t.ok) {
            err << "kubenetsim-bench sync: an incremental restore failed: " << t.error;
            return 1;
        }
        incremental.push_back(t.generate + t.apply);
        incrementalCpu.push_back(t.cpu);
        lastIncremental = t;
    }
    std::vector<double> sorted = incremental;
    std::sort(sorted.begin(), sorted.end());
    std::sort(incrementalCpu.begin(), incrementalCpu.end());
    const SimTime modelled = modelledRestoreDuration(full.lines);
    if (o.json) {
        nlohmann::ordered_json j;
        j["benchmark"] = "sync";
        j["profile"] = o.era == Era::Legacy ? "legacy" : "modern";
        j["services"] = o.services;
        j["endpoints"] = o.endpoints;
        j["rules"] = ruleCount;
        j["restore_lines"] = full.lines;
        j["restore_bytes"] = full.bytes;
        j["full_sync_s"] = full.generate + full.apply;
        j["full_sync_cpu_s"] = full.cpu;
        j["generate_s"] = full.generate;
        j["apply_s"] = full.apply;
        j["incremental_sync_s"] = sorted[sorted.size() / 2];
        j["incremental_max_s"] = sorted.back();
        j["incremental_sync_cpu_s"] = incrementalCpu[incrementalCpu.size() / 2];
        j["incremental_generate_s"] = lastIncremental.generate;
        j["incremental_apply_s"] = lastIncremental.apply;
        j["modelled_sync_s"] = modelled.toSeconds();
        out << j.dump() << "\n";
    } else {
        out << "sync " << (o.era == Era::Legacy ? "legacy" : "modern") << ": " << o.services << " services x " << o.endpoints
            << " endpoints, " << ruleCount << " rules, " << full.lines << " restore lines\n"
            << "  full sync " << full.generate + full.apply << " s (generate " << full.generate << " s, apply " << full.apply << " s)\n"
            << "  one endpoint change " << sorted[sorted.size() / 2] << " s (median of 5)\n"
            << "  modelled iptables-restore " << modelled.toSeconds() << " s\n";
    }
    return 0;
}

} // namespace kns::bench
