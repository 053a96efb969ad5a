#include <kubenetsim/time/sim_time.hpp>

#include <cmath>
#include <cstdlib>

namespace kns {

SimTime SimTime::fromSeconds(double seconds) { return SimTime(std::llround(seconds * 1e9)); }

bool SimTime::parse(const std::string& text, SimTime& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(v) || v < 0) return false;
    std::string unit(end);
    double scale = 1e9;
    if (unit.empty() || unit == "s") scale = 1e9;
    else if (unit == "ms") scale = 1e6;
    else if (unit == "us") scale = 1e3;
    else if (unit == "ns") scale = 1;
    else if (unit == "m" || unit == "min") scale = 60e9;
    else if (unit == "h") scale = 3600e9;
    else return false;
    out = SimTime(std::llround(v * scale));
    return true;
}

std::string SimTime::str() const {
    std::int64_t v = m_ns;
    if (v == 0) return "0s";
    if (v % 1'000'000'000 == 0) return std::to_string(v / 1'000'000'000) + "s";
    if (v % 1'000'000 == 0) {
        if (v >= 1'000'000'000) {
            std::string s = std::to_string(v / 1'000'000'000) + ".";
            std::string frac = std::to_string(v % 1'000'000'000 / 1'000'000);
            s += std::string(3 - frac.size(), '0') + frac;
            while (s.back() == '0') s.pop_back();
            return s + "s";
        }
        return std::to_string(v / 1'000'000) + "ms";
    }
    if (v % 1'000 == 0) return std::to_string(v / 1'000) + "us";
    return std::to_string(v) + "ns";
}

} // namespace kns
