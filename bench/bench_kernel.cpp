// The hold model: a fixed population of P pending events; each dispatch schedules one successor
// at now + Exp(1us). Measures dispatches per second of kubenetsim's own Kernel (not a copy of it).
#include "bench_kernel.hpp"
#include "exponential_sampler.hpp"

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include <kubenetsim/random/rng.hpp>
#include <kubenetsim/time/kernel.hpp>

namespace kns::bench {

int runKernel(int argc, char** argv, std::ostream& out, std::ostream& err) {
    long long events = 10'000'000, pending = 1000;
    bool json = false;
    bool viaFunction = false;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&](long long& v) {
            if (i + 1 >= argc) return false;
            char* end = nullptr;
            v = std::strtoll(argv[++i], &end, 10);
            return *end == 0 && v > 0;
        };
        if (a == "--events") { if (!next(events)) { err << "kubenetsim-bench kernel: --events needs a positive number\n"; return 2; } }
        else if (a == "--pending") { if (!next(pending)) { err << "kubenetsim-bench kernel: --pending needs a positive number\n"; return 2; } }
        else if (a == "--json") json = true;
        else if (a == "--dispatch" && i + 1 < argc && std::string(argv[i + 1]) == "function") { viaFunction = true; ++i; }
        else if (a == "--dispatch" && i + 1 < argc && std::string(argv[i + 1]) == "template") ++i;
        else { err << "kubenetsim-bench kernel: unknown option '" << a << "'\n"; return 2; }
    }
    Rng rng(12345);
    const ExponentialSampler exponential;
    // Exp(mean 1us) rounded to the nearest nanosecond.
    auto delay = [&] { return SimTime::ns(static_cast<std::int64_t>(exponential(rng) * 1000.0 + 0.5)); };
    long long remaining = events;
    Kernel kernel;
    Event next;  // reused: its fields are all set again before each use
    auto hold = [&](const Event& e) {
        if (--remaining <= 0) { kernel.stop(); return; }
        next.target = e.target;
        next.kind = e.kind;
        next.node.clear();
        next.key.clear();
        next.arg = e.arg;
        next.arg2 = 0;
        kernel.schedule(delay(), std::move(next));
    };
    if (viaFunction) kernel.setHandler(hold);
    for (long long i = 0; i < pending; ++i) kernel.schedule(delay(), Event{Component::Bench, 0, {}, {}, i, 0});
    auto cpuNow = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    const double c0 = cpuNow();
    auto t0 = std::chrono::steady_clock::now();
    if (viaFunction) kernel.run();  // through the installed std::function handler
    else kernel.run(hold);          // the handler inlined into the run loop
    auto t1 = std::chrono::steady_clock::now();
    const double cpuSecs = cpuNow() - c0;
    double secs = std::chrono::duration<double>(t1 - t0).count();
    double rate = static_cast<double>(kernel.dispatched()) / secs;
    if (json) {
        nlohmann::ordered_json j;
        j["benchmark"] = "kernel";
        j["events"] = kernel.dispatched();
        j["pending"] = pending;
        j["dispatch"] = viaFunction ? "function" : "template";
        j["seconds"] = secs;
        j["events_per_s"] = rate;
        j["cpu_seconds"] = cpuSecs;
        j["cpu_events_per_s"] = static_cast<double>(kernel.dispatched()) / cpuSecs;
        j["sim_time_s"] = kernel.now().toSeconds();
        out << j.dump() << "\n";
    } else {
        out << "kernel hold model: " << kernel.dispatched() << " events, " << pending << " pending, " << secs << " s, "
            << rate / 1e6 << " M events/s\n";
    }
    return 0;
}

} // namespace kns::bench
