#include <doctest/doctest.h>

#include <atomic>
#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <kubenetsim/util/parallel.hpp>

using namespace kns;

TEST_CASE("parallelFor calls every index exactly once, whatever the split") {
    for (std::size_t n : {0u, 1u, 7u, 1000u, 4099u}) {
        for (std::size_t minPerThread : {1u, 64u, 100000u}) {
            std::vector<int> seen(n, 0);
            std::atomic<std::size_t> calls{0};
            parallelFor(n, minPerThread, [&](std::size_t i) {
                ++seen[i];  // each index has its own slot: no two threads write the same one
                ++calls;
            });
            CHECK(calls == n);
            CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<std::ptrdiff_t>(n));
        }
    }
}

TEST_CASE("parallelFor gives the same results as a plain loop") {
    std::vector<std::uint64_t> a(5000), b(5000);
    auto work = [](std::size_t i) {
        std::uint64_t x = i * 0x9E3779B97F4A7C15ull;
        for (int k = 0; k < 50; ++k) x ^= x >> 13, x *= 0xBF58476D1CE4E5B9ull;
        return x;
    };
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = work(i);
    parallelFor(b.size(), 16, [&](std::size_t i) { b[i] = work(i); });
    CHECK(a == b);
}

TEST_CASE("parallelFor rethrows what an item threw, after every thread has finished") {
    std::atomic<std::size_t> calls{0};
    CHECK_THROWS_AS(parallelFor(1000, 1,
                                [&](std::size_t i) {
                                    ++calls;
                                    if (i == 999) throw std::runtime_error("item 999");
                                }),
                    std::runtime_error);
    CHECK(calls >= 1);
    CHECK(workerThreads() >= 1);
    CHECK(workerThreads() <= 8);
}

TEST_CASE("ScopedWorkerThreads sets the thread count while it lives") {
    const std::size_t before = workerThreads();
    {
        ScopedWorkerThreads four(4);
        CHECK(workerThreads() == 4);
        std::vector<int> seen(1000, 0);
        parallelFor(seen.size(), 1, [&](std::size_t i) { ++seen[i]; });
        CHECK(std::count(seen.begin(), seen.end(), 1) == 1000);
        {
            ScopedWorkerThreads one(1);
            CHECK(workerThreads() == 1);
        }
        CHECK(workerThreads() == 4);
    }
    CHECK(workerThreads() == before);
}

TEST_CASE("parallelFor hands out work in runs, so a thread held up by one slow item does not keep half of the rest") {
    ScopedWorkerThreads two(2);
    constexpr std::size_t n = 3200;
    std::vector<std::thread::id> by(n);
    parallelFor(n, 1, [&](std::size_t i) {
        if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
        by[i] = std::this_thread::get_id();
    });
    const auto slow = static_cast<std::size_t>(std::count(by.begin(), by.end(), by[0]));
    CHECK(slow < n / 2);  // with a fixed split the slow thread would have done 1,600
}
