// The hold model of `kubenetsim-bench kernel` on ns-3's simulator with its default scheduler
// (MapScheduler), for comparison only. Built by scripts/bench when Debian's libns3-dev is
// installed; never part of the CMake build, and kubenetsim does not depend on ns-3.
//
// Same workload: P pending events; each dispatched event schedules one successor at now + an
// exponential delay with a 1 us mean (the same ziggurat sampler and seed, see hold_delays.hpp,
// rounded to ns-3's default nanosecond resolution); N dispatches; nothing else attached.
// Prints one JSON line.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <ns3/core-module.h>

#include "hold_delays.hpp"

namespace {

struct Hold {
    HoldDelays delays{12345};
    long long remaining = 0;

    ns3::Time delay() { return ns3::NanoSeconds(delays.nextNs()); }
};

Hold* g_hold = nullptr;  // ns-3 schedules plain functions; this program holds one model

void fire() {
    if (--g_hold->remaining <= 0) {
        ns3::Simulator::Stop();
        return;
    }
    ns3::Simulator::Schedule(g_hold->delay(), &fire);
}

double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace

int main(int argc, char** argv) {
    long long events = 10'000'000, pending = 1000;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--events") && i + 1 < argc) events = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--pending") && i + 1 < argc) pending = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--json")) continue;
        else {
            std::fprintf(stderr, "usage: ns3-hold [--events N] [--pending P] [--json]\n");
            return 2;
        }
    }
    if (events <= 0 || pending <= 0) {
        std::fprintf(stderr, "ns3-hold: --events and --pending need positive numbers\n");
        return 2;
    }
    Hold hold;
    hold.remaining = events;
    g_hold = &hold;
    for (long long i = 0; i < pending; ++i) ns3::Simulator::Schedule(hold.delay(), &fire);

    const double c0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    ns3::Simulator::Run();
    const auto t1 = std::chrono::steady_clock::now();
    const double cpu = cpuSeconds() - c0;
    const double secs = std::chrono::duration<double>(t1 - t0).count();
    const long long dispatched = events;  // Stop() returns after the N-th event
    std::printf("{\"benchmark\":\"ns3-hold\",\"scheduler\":\"ns3::MapScheduler\",\"events\":%lld,\"pending\":%lld,"
                "\"seconds\":%.9g,\"events_per_s\":%.9g,\"cpu_seconds\":%.9g,\"cpu_events_per_s\":%.9g,"
                "\"sim_time_s\":%.9g}\n",
                dispatched, pending, secs, static_cast<double>(dispatched) / secs, cpu,
                static_cast<double>(dispatched) / cpu, ns3::Simulator::Now().GetSeconds());
    ns3::Simulator::Destroy();
    return 0;
}
