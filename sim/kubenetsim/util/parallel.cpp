#include <kubenetsim/util/parallel.hpp>

#include <atomic>

namespace kns {

namespace {
std::atomic<std::size_t> g_override{0};  // 0: the hardware's count
} // namespace

std::size_t workerThreads() {
    static const std::size_t hardware = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    const std::size_t set = g_override.load(std::memory_order_relaxed);
    return set != 0 ? set : hardware;
}

ScopedWorkerThreads::ScopedWorkerThreads(std::size_t threads) : m_before(g_override.exchange(std::max<std::size_t>(threads, 1))) {}

ScopedWorkerThreads::~ScopedWorkerThreads() { g_override.store(m_before); }

} // namespace kns
