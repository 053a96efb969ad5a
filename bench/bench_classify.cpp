// First packets through the nat table: new TCP connections from a client outside the cluster to
// random services' ClusterIPs, walked through PREROUTING as the kernel does for a connection's
// first packet (counters, statistic draws; traces off), through classifyHook (the table's
// compiled form, what evaluateHook uses without a trace). Also reports how many rules the kernel's
// linear walk evaluates per packet, and the rate of kubenetsim's own linear walk for comparison.
#include "bench_sync.hpp"

#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include <kubenetsim/netfilter/evaluator.hpp>

#include "bench_options.hpp"
#include "service_fixture.hpp"

namespace kns::bench {

namespace {

double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Run {
    double seconds = 0;
    double cpuSeconds = 0;
    double walkedMean = 0;
    std::size_t dnat = 0;
};

Run classify(netfilter::Table& nat, const std::vector<Ipv4>& vips, long long packets, netfilter::Walk walk, std::uint64_t seed) {
    Rng pick(seed), draws(seed + 1);
    netfilter::RecentLists recent;
    const Ipv4 node = *Ipv4::parse(ServiceFixture::kNodeIP);
    netfilter::EvalContext ctx;
    ctx.rng = &draws;
    ctx.recent = &recent;
    ctx.isLocal = [node](Ipv4 ip) { return ip == node; };
    ctx.walk = walk;
    netfilter::PacketFields f;  // one packet's fields, reused: only what differs is set again
    f.proto = "tcp";
    f.in = "eth0";
    f.dport = 80;
    const std::uint32_t client = Ipv4::parse("192.168.0.0")->value;
    Run run;
    std::size_t walked = 0;
    const double c0 = cpuSeconds();
    timespec t0{};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long long p = 0; p < packets; ++p) {
        const std::uint64_t r = pick.next();
        f.dst = vips[r % vips.size()];
        f.src = Ipv4{client + static_cast<std::uint32_t>((r >> 32) & 0xFFFF)};
        f.sport = static_cast<std::uint16_t>(32768 + ((r >> 48) & 0x3FFF));
        f.mark = 0;
        if (walk == netfilter::Walk::Indexed) {
            const netfilter::Classification res = netfilter::classifyHook(nat, netfilter::Hook::Prerouting, f, ctx);
            walked += res.rulesWalked;
            if (res.target && res.target->kind == netfilter::TargetKind::Dnat) ++run.dnat;
        } else {
            const netfilter::TableResult res = netfilter::evaluateHook(nat, netfilter::Hook::Prerouting, f, ctx, nullptr);
            walked += res.rulesWalked;
            if (res.nat && res.nat->kind == netfilter::TargetKind::Dnat) ++run.dnat;
        }
    }
    run.seconds = secondsSince(t0);
    run.cpuSeconds = cpuSeconds() - c0;
    run.walkedMean = static_cast<double>(walked) / static_cast<double>(packets);
    return run;
}

} // namespace

int runClassify(int argc, char** argv, std::ostream& out, std::ostream& err) {
    DataPlaneOptions o;
    if (!parseDataPlaneOptions("classify", argc, argv, o, err)) return 2;
    ServiceFixture fixture(static_cast<int>(o.services), static_cast<int>(o.endpoints), o.era);
    netfilter::Ruleset rules = fixture.nodeRules();
    Rng order(o.seed);
    proxy::SyncInput in = fixture.syncInput(rules, order);
    const proxy::SyncOutput sync = o.era == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
    if (netfilter::RestoreResult r = proxy::applySync(rules, sync); !r.ok) {
        err << "kubenetsim-bench classify: the restore failed: " << r.errorText;
        return 1;
    }
    std::vector<Ipv4> vips;
    for (int s = 0; s < o.services; ++s) vips.push_back(*Ipv4::parse(fixture.clusterIP(s)));
    netfilter::Table& nat = *rules.table(netfilter::TableId::Nat);
    // The compiled form is built when a packet first enters each chain: one packet to every
    // service first, timed apart, so that the figure is the steady rate.
    const Run warmup = classify(nat, vips, static_cast<long long>(vips.size()) * 4, netfilter::Walk::Indexed, o.seed + 7);
    const Run indexed = classify(nat, vips, o.packets, netfilter::Walk::Indexed, o.seed);
    // The linear walk on a sample: slow at many services, which is the point.
    const long long sample = std::max<long long>(1, std::min<long long>(o.packets, 20'000'000 / (o.services + 100)));
    const Run linear = classify(nat, vips, sample, netfilter::Walk::Linear, o.seed);
    const double rate = static_cast<double>(o.packets) / indexed.seconds;
    if (o.json) {
        nlohmann::ordered_json j;
        j["benchmark"] = "classify";
        j["profile"] = o.era == Era::Legacy ? "legacy" : "modern";
        j["services"] = o.services;
        j["endpoints"] = o.endpoints;
        j["rules"] = rules.ruleCount();
        j["packets"] = o.packets;
        j["seconds"] = indexed.seconds;
        j["packets_per_s"] = rate;
        j["cpu_packets_per_s"] = static_cast<double>(o.packets) / indexed.cpuSeconds;
        j["cpu_seconds"] = indexed.cpuSeconds;
        j["rules_walked_mean"] = indexed.walkedMean;
        j["warmup_s"] = warmup.seconds;
        j["dnat_fraction"] = static_cast<double>(indexed.dnat) / static_cast<double>(o.packets);
        j["linear_packets"] = sample;
        j["linear_packets_per_s"] = static_cast<double>(sample) / linear.seconds;
        j["linear_rules_walked_mean"] = linear.walkedMean;
        out << j.dump() << "\n";
    } else {
        out << "classify " << (o.era == Era::Legacy ? "legacy" : "modern") << ": " << o.services << " services x " << o.endpoints
            << " endpoints, " << rules.ruleCount() << " rules\n"
            << "  " << rate << " first packets/s through nat PREROUTING; a linear walk evaluates " << indexed.walkedMean
            << " rules per packet\n"
            << "  kubenetsim's own linear walk: " << static_cast<double>(sample) / linear.seconds << " packets/s\n";
    }
    return 0;
}

} // namespace kns::bench
