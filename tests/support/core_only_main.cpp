// Links the headless core alone (no SFML, no ImGui) and runs a tiny simulation.
#include <kubenetsim/core/simulation.hpp>

int main() {
    kns::Simulation sim(kns::ClusterConfig{}, 1);
    sim.schedule(kns::SimTime::ms(1), kns::Event{});
    sim.runFor(kns::SimTime::s(1));
    return sim.now() == kns::SimTime::s(1) ? 0 : 1;
}
