#pragma once
// Simulated time: a strong integer type counting nanoseconds since the start of a simulation.
// There is no implicit conversion from or to floating point; use the named constructors and
// toSeconds() where a double is really wanted (display, statistics).
#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace kns {

class SimTime {
public:
    constexpr SimTime() = default;
    static constexpr SimTime ns(std::int64_t v) { return SimTime(v); }
    static constexpr SimTime us(std::int64_t v) { return SimTime(v * 1'000); }
    static constexpr SimTime ms(std::int64_t v) { return SimTime(v * 1'000'000); }
    static constexpr SimTime s(std::int64_t v) { return SimTime(v * 1'000'000'000); }
    static constexpr SimTime minutes(std::int64_t v) { return s(v * 60); }
    static constexpr SimTime hours(std::int64_t v) { return s(v * 3600); }
    static constexpr SimTime zero() { return SimTime(0); }
    static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }
    // Rounds to the nearest nanosecond; for parsed user input and random delays only.
    static SimTime fromSeconds(double seconds);

    constexpr std::int64_t nanos() const { return m_ns; }
    constexpr std::int64_t wholeSeconds() const { return m_ns / 1'000'000'000; }
    double toSeconds() const { return static_cast<double>(m_ns) / 1e9; }

    constexpr auto operator<=>(const SimTime&) const = default;
    constexpr SimTime operator+(SimTime o) const { return SimTime(m_ns + o.m_ns); }
    constexpr SimTime operator-(SimTime o) const { return SimTime(m_ns - o.m_ns); }
    constexpr SimTime& operator+=(SimTime o) { m_ns += o.m_ns; return *this; }
    constexpr SimTime operator*(std::int64_t k) const { return SimTime(m_ns * k); }

    // "1.5s", "250ms", "3m", "2h", "90" (seconds). Returns false on malformed text.
    static bool parse(const std::string& text, SimTime& out);
    // Shortest exact rendering: "0s", "1.5s", "250ms", "12us".
    std::string str() const;

private:
    constexpr explicit SimTime(std::int64_t v) : m_ns(v) {}
    std::int64_t m_ns = 0;
};

} // namespace kns
