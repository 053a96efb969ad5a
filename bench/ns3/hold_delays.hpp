#pragma once
// The hold model's delays for the ns-3 comparison program: the same ziggurat sampler and seed as
// `kubenetsim-bench kernel`. ns-3.37's headers need C++17, kubenetsim's need C++20, so the ns-3
// program sees only this small C++17 interface.
#include <cstdint>
#include <memory>

class HoldDelays {
public:
    explicit HoldDelays(std::uint64_t seed);
    ~HoldDelays();
    // Exp(mean 1us) rounded to the nearest nanosecond.
    std::int64_t nextNs();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};
