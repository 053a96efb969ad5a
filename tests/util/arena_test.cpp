#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include <kubenetsim/util/arena.hpp>

using namespace kns;

TEST_CASE("an arena hands out aligned blocks that never overlap, growing chunk by chunk") {
    Arena arena;
    CHECK(arena.reserved() == 0);  // nothing is taken before the first block
    struct Block {
        unsigned char* p;
        std::size_t size;
        unsigned char fill;
    };
    std::vector<Block> blocks;
    std::size_t total = 0;
    for (std::size_t k = 0; k < 2000; ++k) {
        const std::size_t size = 1 + (k * 7919) % 3000;
        const std::size_t alignment = std::size_t{1} << (k % 8);  // 1 .. 128
        auto* p = static_cast<unsigned char*>(arena.allocate(size, alignment));
        REQUIRE(p != nullptr);
        CHECK(reinterpret_cast<std::uintptr_t>(p) % alignment == 0);
        const auto fill = static_cast<unsigned char>(k);
        std::memset(p, fill, size);
        blocks.push_back(Block{p, size, fill});
        total += size;
    }
    // Every block still holds what was written into it: none was handed out twice.
    for (const Block& b : blocks)
        for (std::size_t i = 0; i < b.size; ++i) REQUIRE(b.p[i] == b.fill);
    CHECK(arena.reserved() >= total);
    CHECK(arena.reserved() < 4 * total + Arena::kFirstChunk);  // geometric growth wastes at most a few chunks
}

TEST_CASE("an arena keeps a small table small and offers a large one's chunks for huge pages on huge-page boundaries") {
    Arena small;
    small.allocate(100, 64);
    CHECK(small.reserved() == Arena::kFirstChunk);
    CHECK(small.hugeChunks() == 0);

    Arena large;
    void* big = large.allocate(3 * Arena::kHugePage, 64);  // larger than any chunk so far: a chunk of its own size
    CHECK(reinterpret_cast<std::uintptr_t>(big) % Arena::kHugePage == 0);
    CHECK(large.reserved() % Arena::kHugePage == 0);
    std::memset(big, 1, 3 * Arena::kHugePage);
    // madvise refuses only on a kernel built without transparent huge pages; the memory works either way.
    if (std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) CHECK(large.hugeChunks() == 1);
    else CHECK(large.hugeChunks() == 0);
}
