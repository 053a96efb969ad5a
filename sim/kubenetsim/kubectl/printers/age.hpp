#pragma once
// How kubectl shows durations and instants.
//  - Legacy (kubectl 1.5 `translateTimestamp`): one unit, truncated: 57s, 15m, 5h, 3d, 2y.
//  - Modern (apimachinery `duration.HumanDuration`): two units while they matter: 95s, 5m12s,
//    15m, 3h5m, 10h, 2d3h, 30d, 2y45d, 9y.
// Both tolerate a clock skew of up to one second as "0s" and print "<invalid>" beyond it.
#include <cstdint>
#include <string>

#include <kubenetsim/core/config.hpp>
#include <kubenetsim/time/sim_time.hpp>

namespace kns {
class Simulation;
}

namespace kns::printers {

std::string shortHumanDuration(SimTime d);  // kubectl 1.5
std::string humanDuration(SimTime d);       // kubectl 1.30
// The age column of the era for an elapsed duration.
std::string formatAge(Era era, SimTime elapsed);
// The age of something that happened at simulated time `t`, seen now.
std::string ageSince(const Simulation& sim, SimTime t);

// Go's time.RFC1123Z layout, "Tue, 25 Apr 2017 14:47:45 +0100", for Unix seconds shown in a
// time zone `tzOffsetMinutes` east of UTC.
std::string formatRfc1123z(std::int64_t unixSeconds, int tzOffsetMinutes);
// An instant of the simulation on its wall clock (config startEpochSeconds, tzOffsetMinutes).
std::string wallClock(const Simulation& sim, SimTime t);

} // namespace kns::printers
