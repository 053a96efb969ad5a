#include <kubenetsim/kubectl/printers/age.hpp>

#include <cstdio>

#include <kubenetsim/core/simulation.hpp>

namespace kns::printers {

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

// Go's int(d.Seconds()) etc. truncate toward zero; integer division does the same.
std::string num(std::int64_t v, const char* unit) { return std::to_string(v) + unit; }

} // namespace

std::string shortHumanDuration(SimTime d) {
    const std::int64_t ns = d.nanos();
    const std::int64_t seconds = ns / kSecond;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 60) return num(seconds, "s");
    const std::int64_t minutes = ns / kMinute;
    if (minutes < 60) return num(minutes, "m");
    const std::int64_t hours = ns / kHour;
    if (hours < 24) return num(hours, "h");
    // kubectl 1.5 switches to years at 364 days but divides by 365 (so day 364 shows "0y").
    if (hours < 24 * 364) return num(hours / 24, "d");
    return num(hours / 24 / 365, "y");
}

std::string humanDuration(SimTime d) {
    const std::int64_t ns = d.nanos();
    const std::int64_t seconds = ns / kSecond;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 60 * 2) return num(seconds, "s");
    const std::int64_t minutes = ns / kMinute;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        return s == 0 ? num(minutes, "m") : num(minutes, "m") + num(s, "s");
    }
    if (minutes < 60 * 3) return num(minutes, "m");
    const std::int64_t hours = ns / kHour;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        return m == 0 ? num(hours, "h") : num(hours, "h") + num(m, "m");
    }
    if (hours < 48) return num(hours, "h");
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        return h == 0 ? num(hours / 24, "d") : num(hours / 24, "d") + num(h, "h");
    }
    if (hours < 24 * 365 * 2) return num(hours / 24, "d");
    if (hours < 24 * 365 * 8) {
        const std::int64_t dy = (hours / 24) % 365;
        return dy == 0 ? num(hours / 24 / 365, "y") : num(hours / 24 / 365, "y") + num(dy, "d");
    }
    return num(hours / 24 / 365, "y");
}

std::string formatAge(Era era, SimTime elapsed) {
    return era == Era::Legacy ? shortHumanDuration(elapsed) : humanDuration(elapsed);
}

std::string ageSince(const Simulation& sim, SimTime t) { return formatAge(sim.era(), sim.now() - t); }

std::string formatRfc1123z(std::int64_t unixSeconds, int tzOffsetMinutes) {
    const std::int64_t local = unixSeconds + std::int64_t{tzOffsetMinutes} * 60;
    std::int64_t days = local / 86400;
    std::int64_t secs = local % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);

    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = tzOffsetMinutes < 0 ? -tzOffsetMinutes : tzOffsetMinutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d %c%02d%02d", kDays[weekday], static_cast<int>(day),
                  kMonths[month - 1], static_cast<long long>(year), static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), tzOffsetMinutes < 0 ? '-' : '+',
                  offset / 60, offset % 60);
    return buf;
}

std::string wallClock(const Simulation& sim, SimTime t) {
    return formatRfc1123z(sim.wallSeconds(t), sim.config().tzOffsetMinutes);
}

} // namespace kns::printers
