#pragma once
// parallelFor: the same work on each index, spread over the machine's cores. For work whose items
// are independent and whose results land in slots of their own (a sync's services, a restore's
// chains), so that the outcome is the same, byte for byte, whatever the number of threads: the
// simulation stays deterministic. Items are handed out in contiguous runs, one run a thread.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace kns {

// How many threads parallelFor uses at most: the hardware's count, at most 8, unless a
// ScopedWorkerThreads says otherwise.
std::size_t workerThreads();

// Sets workerThreads() while it lives, for tests that compare one thread with several.
class ScopedWorkerThreads {
public:
    explicit ScopedWorkerThreads(std::size_t threads);
    ~ScopedWorkerThreads();
    ScopedWorkerThreads(const ScopedWorkerThreads&) = delete;
    ScopedWorkerThreads& operator=(const ScopedWorkerThreads&) = delete;

private:
    std::size_t m_before;
};

// Calls f(i) for every i in [0, n), on up to workerThreads() threads, each taking at least
// `minPerThread` items (so that small jobs do not pay for threads). Returns when all are done;
// the first exception an item threw is rethrown then.
template <class F> void parallelFor(std::size_t n, std::size_t minPerThread, F&& f) {
    const std::size_t threads = std::min(workerThreads(), std::max<std::size_t>(1, n / std::max<std::size_t>(1, minPerThread)));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) f(i);
        return;
    }
    std::vector<std::exception_ptr> errors(threads);
    auto run = [&](std::size_t t) {
        try {
            for (std::size_t i = t * n / threads, end = (t + 1) * n / threads; i < end; ++i) f(i);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

} // namespace kns
