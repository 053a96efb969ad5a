#pragma once
// Randomness comes only from named streams derived from the scenario seed:
//   rng("node/localhost/kube-proxy"), rng("names/pods"), ...
// Each stream is an independent xoshiro256** generator whose state is seeded from
// splitmix64(seed ^ fnv1a64(name)), so adding a new stream never shifts the draws of another.
// No rand(), no std::random_device, no static engines: streams live in the simulation state
// and are copied by snapshots.
#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace kns {

class Rng {
public:
    Rng() = default;
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    std::uint32_t next32() { return static_cast<std::uint32_t>(next() >> 32); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform();
    // Uniform integer in [0, n); unbiased (rejection). Precondition: n > 0.
    std::uint64_t below(std::uint64_t n);
    // Exponentially distributed with the given mean.
    double exponential(double mean);
    const std::array<std::uint64_t, 4>& state() const { return m_s; }
    void setState(const std::array<std::uint64_t, 4>& s) { m_s = s; }
    friend bool operator==(const Rng&, const Rng&) = default;

private:
    std::array<std::uint64_t, 4> m_s{};
};

std::uint64_t fnv1a64(const std::string& text);
std::uint64_t splitmix64(std::uint64_t& state);

class RngStreams {
public:
    explicit RngStreams(std::uint64_t seed = 0) : m_seed(seed) {}
    std::uint64_t seed() const { return m_seed; }
    // The stream of that name, created on first use.
    Rng& stream(const std::string& name);
    const std::map<std::string, Rng>& streams() const { return m_streams; }
    void setStream(const std::string& name, const Rng& rng) { m_streams[name] = rng; }

private:
    std::uint64_t m_seed;
    std::map<std::string, Rng> m_streams;
};

} // namespace kns
