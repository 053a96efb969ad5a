#include <kubenetsim/dataplane/conntrack_expiry.hpp>

#include <algorithm>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

namespace kns::dataplane {

void armConntrackExpiry(Simulation& sim, const std::string& nsKey) {
    net::NetNamespace* ns = findNamespace(sim, nsKey);
    const std::optional<SimTime> next = ns ? ns->conntrack.nextExpiry() : std::nullopt;
    if (!next) return;
    ConntrackExpiry& timer = sim.state().dataPlane.conntrackExpiries[nsKey];
    if (sim.kernel().isPending(timer.event) && timer.at <= *next) return;
    sim.cancel(timer.event);
    timer.at = std::max(*next, sim.now());
    timer.event = sim.kernel().scheduleAt(timer.at, Event{Component::Network, kConntrackExpiry, "", nsKey});
}

void conntrackExpiryDue(Simulation& sim, const std::string& nsKey) {
    auto& timers = sim.state().dataPlane.conntrackExpiries;
    net::NetNamespace* ns = findNamespace(sim, nsKey);
    if (!ns) {  // the namespace went away with its pod
        timers.erase(nsKey);
        return;
    }
    const std::size_t n = ns->conntrack.expire(sim.now());
    if (n > 0 && sim.tracing())
        sim.emit(TraceKind::Note, "conntrack", nsKey, std::to_string(n) + (n == 1 ? " connection" : " connections") + " timed out");
    timers.erase(nsKey);
    armConntrackExpiry(sim, nsKey);
}

} // namespace kns::dataplane
