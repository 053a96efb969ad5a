#pragma once
// One simulated cluster: the event kernel, named random streams, the API objects, address
// management and every controller's state, all held by value so that a snapshot is a copy and a
// restore puts the simulation back exactly (observers are not part of the state).
//
// Processes (controllers, kubelets, kube-proxy, the network) are handlers registered per
// Component; they receive plain Events and keep their own state inside State.
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/cluster/ipam.hpp>
#include <kubenetsim/controllers/controller_state.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>
#include <kubenetsim/random/rng.hpp>
#include <kubenetsim/time/kernel.hpp>
#include <kubenetsim/trace/observer.hpp>

namespace kns {

class Simulation {
public:
    struct State {
        ClusterConfig config;
        Reservations reservations;
        RngStreams rng;
        ClusterState objects;
        std::uint64_t resourceVersion = 0;
        IpamState ipam;
        ControllerStates controllers;
        DataPlaneState dataPlane;
    };
    struct Snapshot {
        State state;
        Kernel::State kernel;
    };
    using Handler = std::function<void(Simulation&, const Event&)>;

    Simulation(ClusterConfig config, std::uint64_t seed, Reservations reservations = {});
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    const ClusterConfig& config() const { return m_state.config; }
    Era era() const { return m_state.config.era; }
    SimTime now() const { return m_kernel.now(); }
    // Seconds since the Unix epoch on the simulated wall clock.
    std::int64_t wallSeconds(SimTime t) const { return m_state.config.startEpochSeconds + t.wholeSeconds(); }

    Kernel& kernel() { return m_kernel; }
    EventId schedule(SimTime delay, Event e, std::int16_t priority = 0) { return m_kernel.schedule(delay, std::move(e), priority); }
    bool cancel(EventId id) { return m_kernel.cancel(id); }
    void runUntil(SimTime t) { m_kernel.runUntil(t); }
    void runFor(SimTime d) { m_kernel.runUntil(now() + d); }
    bool step() { return m_kernel.step(); }

    Rng& rng(const std::string& stream) { return m_state.rng.stream(stream); }
    Api api() { return Api(*this); }
    const ClusterState& objects() const { return m_state.objects; }
    State& state() { return m_state; }
    const State& state() const { return m_state; }

    ObserverHub& observers() { return m_observers; }
    bool tracing() const { return m_observers.active(); }
    void emit(TraceKind kind, std::string source, std::string subject, std::string message,
              std::vector<std::pair<std::string, std::string>> fields = {});

    // Processes register here; an event for a component without a handler is dropped.
    void setHandler(Component c, Handler h) { m_handlers[static_cast<std::size_t>(c)] = std::move(h); }

    Snapshot snapshot() const { return Snapshot{m_state, m_kernel.state()}; }
    void restore(const Snapshot& s);

    // Increases whenever anything observable may have changed (for views that cache).
    std::uint64_t generation() const { return m_kernel.dispatched() + m_state.resourceVersion; }

private:
    void dispatch(const Event& e);

    State m_state;
    Kernel m_kernel;
    ObserverHub m_observers;
    std::array<Handler, 32> m_handlers;
};

} // namespace kns
