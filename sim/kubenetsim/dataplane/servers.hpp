#pragma once
// The applications that answer inside pods: which port each container image listens on once
// the container runs, and what it answers. simpleservice (the tutorial's image) is modelled on
// its source: GET /info, /health (delayed by HEALTH_MIN/HEALTH_MAX), /endpoint0, /env, and
// Tornado's 404 page for anything else.
#include <cstdint>
#include <optional>
#include <string>

namespace kns {
class Simulation;
struct Container;
}

namespace kns::dataplane {

struct Listener {
    std::string app;  // simpleservice | nginx
    std::string pod;  // "ns/name"
    int container = 0;
};

// What listens on TCP `port` in namespace `ns` now (a running container's application).
std::optional<Listener> findListener(Simulation& sim, const std::string& ns, std::uint16_t port);

// The port an image's application listens on, if kubenetsim models the image.
std::optional<int> applicationPort(const Container& c);

// Data arrived on a server socket: once a whole request is in, answer after the app's delay.
void serverData(Simulation& sim, std::uint64_t socket);
void serverReply(Simulation& sim, std::uint64_t socket);

// "Tue, 25 Apr 2017 13:48:30 GMT" for the simulated wall clock (HTTP Date headers).
std::string httpDate(const Simulation& sim);

} // namespace kns::dataplane
