// --bench-frames N: the CPU cost of a frame with 1,000 pods and 200 packets in flight.
#include <ui/app/app.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace kns::ui {

namespace {

constexpr int kPods = 1000;
constexpr int kPackets = 200;
// Frames drawn before measuring: windows take their size, the views build their models of the
// 1,000 pods once, and the font atlas takes in any character it lacked (a one-off rebuild).
constexpr int kWarmupFrames = 10;

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// Runs a command and reports a failure; the bench stops on one.
bool must(UiSession& s, const std::string& line) {
    const ConsoleEntry& e = s.run(line, UiSession::Undo::Skip);
    if (e.result.status == 0) return true;
    std::cerr << "kubenetsim: bench: `" << line << "` failed: " << e.result.err << e.result.out << "\n";
    return false;
}

} // namespace

// The cluster: the bare legacy profile (one node, the pod range a /16), a Deployment of kPods
// simpleservice pods behind one Service, and a `load` of kPackets requests sent within one
// millisecond, so that all of them are in flight at the view time when the frames start. At 1x the
// view crosses their 2 ms of travel in about 125 frames; whenever it has caught up with the last
// of them, the load is sent again (outside the timed part), so that every frame measured has
// packets moving.
int App::runBench() {
    UiSession& s = *m_session;
    if (!must(s, "kubectl run sise --image=mhausenblas/simpleservice:0.5.0 --port=9876 --replicas=" + std::to_string(kPods)) ||
        !must(s, "kubectl expose deployment sise --port=80 --target-port=9876 --name=simpleservice"))
        return 1;
    s.advanceView(s.sim().now() - s.viewTime() + SimTime::s(120));
    int ready = 0;
    for (const auto& [key, pod] : s.sim().objects().pods)
        if (pod.meta.labels.count("run") && pod.status.podIP.size() && pod.status.phase == "Running") ++ready;
    const Service* svc = s.sim().objects().services.count("default/simpleservice")
                             ? &s.sim().objects().services.at("default/simpleservice") : nullptr;
    if (!svc) return 1;
    const std::string load = "load --to " + svc->clusterIP + ":80 --count " + std::to_string(kPackets) + " --rate 200000";
    const auto& hops = s.sim().state().dataPlane.transport.hops;
    const std::size_t hopsBefore = hops.size();
    if (!must(s, load)) return 1;
    const std::size_t pendingHops = hops.size() - hopsBefore;
    SimTime lastHop = hops.empty() ? SimTime::zero() : hops.back().at;  // hops are recorded in time order
    int loads = 1;

    m_workspace->openEveryPanel();  // the worst case: statistics and the event log too
    m_workspace->pacing().setMode(PacingDriver::Mode::RealTime);
    m_workspace->pacing().setSpeed(1.0);
    const double frame = 1.0 / 60.0;
    std::vector<double> cpuMs, advanceMs;
    cpuMs.reserve(static_cast<std::size_t>(m_options.benchFrames));
    advanceMs.reserve(static_cast<std::size_t>(m_options.benchFrames));
    for (int i = 0; i < kWarmupFrames; ++i) {
        cpuFrame(frame);
        render();
        m_window.display();
    }
    m_workspace->resetPanelMilliseconds();
    for (int i = 0; i < m_options.benchFrames; ++i) {
        sf::Event e;
        while (m_window.pollEvent(e)) {}  // keep the window responsive; input is ignored
        if (s.viewTime() > lastHop) {
            if (!must(s, load)) return 1;
            lastHop = hops.back().at;
            ++loads;
        }
        const auto start = std::chrono::steady_clock::now();
        advanceMs.push_back(cpuFrame(frame));
        const auto end = std::chrono::steady_clock::now();
        cpuMs.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        render();
        m_window.display();
    }
    nlohmann::json out{{"frames", m_options.benchFrames},
                       {"warmup_frames", kWarmupFrames},
                       {"pods_running", ready},
                       {"requests_per_load", kPackets},  // sent within 1 ms, so in flight together
                       {"loads_sent", loads},
                       {"hops_pending", pendingHops},
                       {"cpu_ms", {{"p50", percentile(cpuMs, 0.50)}, {"p90", percentile(cpuMs, 0.90)},
                                   {"p99", percentile(cpuMs, 0.99)}, {"max", percentile(cpuMs, 1.0)}}},
                       // The simulation's own share of the frame (events the frame's time span ran).
                       {"advance_ms", {{"p50", percentile(advanceMs, 0.50)}, {"p99", percentile(advanceMs, 0.99)},
                                       {"max", percentile(advanceMs, 1.0)}}}};
    nlohmann::json panels = nlohmann::json::object();
    for (const auto& [id, ms] : m_workspace->panelMilliseconds()) panels[id] = ms / m_options.benchFrames;
    out["panel_mean_ms"] = panels;
    std::cout << out.dump() << std::endl;
    return 0;
}

} // namespace kns::ui
