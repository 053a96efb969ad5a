#include "hold_delays.hpp"

#include "../exponential_sampler.hpp"

struct HoldDelays::Impl {
    kns::Rng rng;
    kns::bench::ExponentialSampler exponential;
};

HoldDelays::HoldDelays(std::uint64_t seed) : m_impl(std::make_unique<Impl>(Impl{kns::Rng(seed), {}})) {}
HoldDelays::~HoldDelays() = default;

std::int64_t HoldDelays::nextNs() { return static_cast<std::int64_t>(m_impl->exponential(m_impl->rng) * 1000.0 + 0.5); }
