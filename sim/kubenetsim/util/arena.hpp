#pragma once
// Memory handed out in order and given back all at once, for data built once and then read hot:
// the evaluator's compiled chains (netfilter/compiled_table.hpp). At 10,000 services a packet
// reads chains spread over tens of megabytes, and with 4 KiB pages nearly every one of them is
// also a TLB miss (on a virtual machine a two-level page walk). Chunks grow geometrically, and
// those of 2 MiB and more are offered to the kernel for transparent huge pages (madvise), so that
// a large table's code sits on a few dozen pages while a small one costs a few kilobytes.
#include <cstddef>
#include <vector>

namespace kns {

class Arena {
public:
    static constexpr std::size_t kFirstChunk = 16 * 1024;
    static constexpr std::size_t kHugePage = 2 * 1024 * 1024;
    static constexpr std::size_t kMaxChunk = 8 * kHugePage;

    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena();

    // `bytes` aligned to `alignment` (a power of two, at most 4096), valid until the arena dies.
    void* allocate(std::size_t bytes, std::size_t alignment);
    std::size_t reserved() const { return m_reserved; }  // bytes taken from the system
    std::size_t hugeChunks() const { return m_hugeChunks; }  // chunks offered for huge pages

private:
    struct Chunk {
        char* base;
        std::size_t size;
    };
    void grow(std::size_t atLeast);

    std::vector<Chunk> m_chunks;
    char* m_next = nullptr;
    char* m_end = nullptr;
    std::size_t m_reserved = 0;
    std::size_t m_hugeChunks = 0;
};

} // namespace kns
