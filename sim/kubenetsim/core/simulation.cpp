#include <kubenetsim/core/simulation.hpp>

namespace kns {

const char* eraName(Era e) { return e == Era::Legacy ? "legacy" : "modern"; }

Simulation::Simulation(ClusterConfig config, std::uint64_t seed, Reservations reservations)
    : m_kernel([this](const Event& e) { dispatch(e); }) {
    m_state.config = std::move(config);
    m_state.reservations = std::move(reservations);
    m_state.rng = RngStreams(seed);
}

void Simulation::dispatch(const Event& e) {
    const Handler& h = m_handlers[static_cast<std::size_t>(e.target)];
    if (h) h(*this, e);
}

void Simulation::emit(TraceKind kind, std::string source, std::string subject, std::string message,
                      std::vector<std::pair<std::string, std::string>> fields) {
    if (!m_observers.active()) return;
    m_observers.emit(TraceRecord{now(), kind, std::move(source), std::move(subject), std::move(message), std::move(fields)});
}

void Simulation::restore(const Snapshot& s) {
    m_state = s.state;
    m_kernel.restore(s.kernel);
}

} // namespace kns
