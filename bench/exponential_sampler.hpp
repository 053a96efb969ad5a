#pragma once
// Exponential variates by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for
// Generating Random Variables", 2000), 256 layers: about 99% of draws cost one 64-bit random
// number, a table lookup and a multiplication; the rest fall back to exact rejection tests.
// The bits come from a kubenetsim Rng stream. Unlike the paper's version, the layer index and the
// position within the layer come from disjoint bits of one 64-bit draw.
#include <array>
#include <cmath>
#include <cstdint>

#include <kubenetsim/random/rng.hpp>

namespace kns::bench {

class ExponentialSampler {
public:
    ExponentialSampler() {
        constexpr double kScale = 9007199254740992.0;  // 2^53
        double d = kR;
        double t = d;
        const double q = kArea / std::exp(-d);
        m_k[0] = static_cast<std::uint64_t>((d / q) * kScale);
        m_k[1] = 0;
        m_w[0] = q / kScale;
        m_w[255] = d / kScale;
        m_f[0] = 1.0;
        m_f[255] = std::exp(-d);
        for (int i = 254; i >= 1; --i) {
            d = -std::log(kArea / d + std::exp(-d));
            m_k[static_cast<std::size_t>(i + 1)] = static_cast<std::uint64_t>((d / t) * kScale);
            t = d;
            m_f[static_cast<std::size_t>(i)] = std::exp(-d);
            m_w[static_cast<std::size_t>(i)] = d / kScale;
        }
    }

    // A draw with mean 1.
    double operator()(Rng& rng) const {
        const std::uint64_t u = rng.next();
        const std::size_t layer = u & 255;
        const std::uint64_t j = u >> 11;  // 53 bits
        if (j < m_k[layer]) [[likely]] return static_cast<double>(j) * m_w[layer];
        return slow(rng, layer, j);
    }

private:
    static constexpr double kR = 7.697117470131487;        // start of the tail
    static constexpr double kArea = 3.949659822581572e-3;  // area of each layer

    double slow(Rng& rng, std::size_t layer, std::uint64_t j) const {
        for (;;) {
            if (layer == 0) return kR - std::log(1.0 - rng.uniform());  // the tail beyond kR
            const double x = static_cast<double>(j) * m_w[layer];
            if (m_f[layer] + rng.uniform() * (m_f[layer - 1] - m_f[layer]) < std::exp(-x)) return x;
            const std::uint64_t u = rng.next();
            layer = u & 255;
            j = u >> 11;
            if (j < m_k[layer]) return static_cast<double>(j) * m_w[layer];
        }
    }

    std::array<std::uint64_t, 256> m_k{};
    std::array<double, 256> m_w{};
    std::array<double, 256> m_f{};
};

} // namespace kns::bench
