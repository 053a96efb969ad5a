// Pod READY, STATUS and RESTARTS as kubectl's printPod computes them (1.5 and 1.30).
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/get_tables.hpp>

namespace kns::printers {

PodSummary summarizePod(const Simulation& sim, const Pod& pod) {
    const bool modern = sim.era() == Era::Modern;
    PodSummary s;
    s.total = static_cast<int>(pod.spec.containers.size());
    std::string reason = pod.status.phase;
    if (!pod.status.reason.empty()) reason = pod.status.reason;

    bool hasRunning = false;
    bool haveLastRestart = false;
    SimTime lastRestart;
    // kubectl walks the statuses last to first, so the first container's reason wins.
    for (auto it = pod.status.containerStatuses.rbegin(); it != pod.status.containerStatuses.rend(); ++it) {
        const ContainerStatus& c = *it;
        s.restarts += c.restartCount;
        // finishedAt of the last termination: the moment of the latest restart.
        if (c.restartCount > 0 && c.lastState == "terminated" && (!haveLastRestart || lastRestart < c.finishedAt)) {
            lastRestart = c.finishedAt;
            haveLastRestart = true;
        }
        if (c.state == "waiting" && !c.reason.empty()) {
            reason = c.reason;
        } else if (c.state == "terminated" && !c.reason.empty()) {
            reason = c.reason;
        } else if (c.state == "terminated") {
            reason = "ExitCode:" + std::to_string(c.exitCode);
        } else if (c.ready && c.state == "running") {
            hasRunning = true;
            ++s.ready;
        }
    }
    if (modern && reason == "Completed" && hasRunning) reason = pod.status.isReady() ? "Running" : "NotReady";

    if (pod.meta.deletionTimestamp) {
        const bool terminal = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
        if (!modern) reason = "Terminating";
        else if (pod.status.reason == "NodeLost") reason = "Unknown";
        else if (!terminal) reason = "Terminating";
    }
    s.status = reason;
    s.restartsText = std::to_string(s.restarts);
    if (modern && s.restarts != 0 && haveLastRestart)
        s.restartsText += " (" + humanDuration(sim.now() - lastRestart) + " ago)";
    return s;
}

} // namespace kns::printers
