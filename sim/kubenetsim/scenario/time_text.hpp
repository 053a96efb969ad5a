#pragma once
// The time notations scenarios use.
#include <cstdint>
#include <optional>
#include <string>

#include <kubenetsim/time/sim_time.hpp>

namespace kns::scenario {

// "57s", "5m", "1m30s", "250ms", "1h2m3s": one or more NUMBER UNIT pairs (units h, m, s, ms,
// us, ns; each pair as SimTime::parse reads it). nullopt when malformed.
std::optional<SimTime> parseDuration(const std::string& text);

// "+01:00", "-05:30", "Z": minutes east of UTC. nullopt when malformed.
std::optional<int> parseUtcOffset(const std::string& text);

struct Rfc3339 {
    std::int64_t epochSeconds = 0;  // fractional seconds are dropped
    int offsetMinutes = 0;          // the offset the text was written in
};
// "2017-04-25T14:47:45+01:00", "2017-04-25T13:47:45Z" (RFC 3339 with a mandatory offset).
std::optional<Rfc3339> parseRfc3339(const std::string& text);

} // namespace kns::scenario
