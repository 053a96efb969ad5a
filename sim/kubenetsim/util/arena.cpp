#include <kubenetsim/util/arena.hpp>

#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace kns {

Arena::~Arena() {
    for (const Chunk& c : m_chunks) std::free(c.base);
}

void* Arena::allocate(std::size_t bytes, std::size_t alignment) {
    auto aligned = [alignment](char* p) {
        const auto v = reinterpret_cast<std::uintptr_t>(p);
        return reinterpret_cast<char*>((v + alignment - 1) & ~(std::uintptr_t{alignment} - 1));
    };
    char* p = m_next ? aligned(m_next) : nullptr;
    if (!p || p + bytes > m_end) {
        grow(bytes + alignment);
        p = aligned(m_next);
    }
    m_next = p + bytes;
    return p;
}

void Arena::grow(std::size_t atLeast) {
    std::size_t size = m_chunks.empty() ? kFirstChunk : std::min(m_chunks.back().size * 2, kMaxChunk);
    while (size < atLeast) size *= 2;
    const bool huge = size >= kHugePage;
    if (huge) size = (size + kHugePage - 1) / kHugePage * kHugePage;
    // Huge-page chunks start on a huge-page boundary, so that every 2 MiB of them can be one page.
    void* base = std::aligned_alloc(huge ? kHugePage : 4096, size);
    if (!base) throw std::bad_alloc();
    // Only advice: where the kernel has no huge page to give, the chunk is ordinary memory.
    if (huge && madvise(base, size, MADV_HUGEPAGE) == 0) ++m_hugeChunks;
    m_chunks.push_back(Chunk{static_cast<char*>(base), size});
    m_next = static_cast<char*>(base);
    m_end = m_next + size;
    m_reserved += size;
}

} // namespace kns
