#pragma once
// Names to positions, for an index built once and then looked up many times: open addressing
// over one array of slots (name, its hash, position), so that building it costs no allocation per
// name and a look-up compares a name only when its whole hash matches. kube-proxy's sync builds
// one of ten thousand services on every sync and looks each up in a random order.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace kns {

class NameIndex {
public:
    static constexpr std::uint32_t npos = ~std::uint32_t{0};

    // Room for `names` names without growing.
    void reserve(std::size_t names) {
        std::size_t size = 16;
        while (size < 2 * names) size *= 2;
        if (size > m_slots.size()) rehash(size);
    }

    // Adds `name` (viewed, not copied: it must outlive the index) at position `pos`; false, and
    // nothing changed, when the name is there already.
    bool insert(std::string_view name, std::uint32_t pos) {
        if (2 * (m_count + 1) > m_slots.size()) rehash(m_slots.empty() ? 16 : 2 * m_slots.size());
        const std::uint64_t h = hashOf(name);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            Slot& s = m_slots[i];
            if (s.pos == npos) {
                s = Slot{name, h, pos};
                ++m_count;
                return true;
            }
            if (s.hash == h && s.name == name) return false;
        }
    }

    // The position of `name`, or npos.
    std::uint32_t find(std::string_view name) const {
        if (m_slots.empty()) return npos;
        const std::uint64_t h = hashOf(name);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            const Slot& s = m_slots[i];
            if (s.pos == npos) return npos;
            if (s.hash == h && s.name == name) return s.pos;
        }
    }

    std::size_t size() const { return m_count; }

private:
    struct Slot {
        std::string_view name;
        std::uint64_t hash = 0;
        std::uint32_t pos = npos;
    };

    static std::uint64_t hashOf(std::string_view name) { return std::hash<std::string_view>{}(name); }
    std::size_t mask() const { return m_slots.size() - 1; }

    void rehash(std::size_t size) {
        std::vector<Slot> old(size);
        old.swap(m_slots);
        for (const Slot& s : old) {
            if (s.pos == npos) continue;
            std::size_t i = s.hash & mask();
            while (m_slots[i].pos != npos) i = (i + 1) & mask();
            m_slots[i] = s;
        }
    }

    std::vector<Slot> m_slots;  // a power of two in size, at most half full
    std::size_t m_count = 0;
};

} // namespace kns
