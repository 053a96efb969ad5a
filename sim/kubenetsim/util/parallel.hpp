#pragma once
// parallelFor: the same work on each index, spread over the machine's cores. For work whose items
// are independent and whose results land in slots of their own (a sync's services, a restore's
// chains), so that the outcome is the same, byte for byte, whatever the number of threads: the
// simulation stays deterministic. Items are handed out in small contiguous runs, each to whichever
// thread is free: on a shared machine one core may run at half speed for a while, and a fixed
// half of the work each would leave the other core waiting.
#include <algorithm>
#include <atomic>
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
    // About 16 runs a thread: few enough that taking one costs nothing, enough to even out.
    const std::size_t run = std::max<std::size_t>(1, n / (threads * 16));
    std::atomic<std::size_t> next{0};
    auto work = [&](std::size_t t) {
        try {
            for (std::size_t from = next.fetch_add(run); from < n; from = next.fetch_add(run))
                for (std::size_t i = from, end = std::min(n, from + run); i < end; ++i) f(i);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

} // namespace kns
