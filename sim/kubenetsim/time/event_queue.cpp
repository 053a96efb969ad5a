#include <kubenetsim/time/event_queue.hpp>

#include <algorithm>

namespace kns {

namespace {
// The lowest set bit of a 256-bit set; the set must not be empty.
unsigned lowestBit(const std::array<std::uint64_t, 4>& words) {
    std::size_t w = 0;
    while (words[w] == 0) ++w;
    return static_cast<unsigned>(w * 64) + static_cast<unsigned>(std::countr_zero(words[w]));
}
bool noBits(const std::array<std::uint64_t, 4>& words) { return (words[0] | words[1] | words[2] | words[3]) == 0; }
} // namespace

bool EventQueue::cancel(EventId id) {
    if (!isPending(id)) return false;
    Slot& s = m_slots[id.slot];
    s.live = false;
    if (s.strings != kNoStrings) {
        dropStrings(s.strings);
        s.strings = kNoStrings;
    }
    --m_live;
    ++m_dead;
    return true;  // the entry stays where it is until it comes up; its slot is freed then
}

SimTime EventQueue::peekTime() {
    if (m_live == 0) return SimTime::max();
    if (fastFront()) return timeOf(m_window[m_head].key);
    switch (settle()) {
    case Source::Window: return timeOf(m_window[m_head].key);
    case Source::Late: return timeOf(m_lateMin);
    case Source::Side: break;
    }
    return timeOf(m_side.front().key);
}

EventQueue::Scheduled EventQueue::pop() {
    Scheduled out;
    const Source source = fastFront() ? Source::Window : settle();
    std::uint32_t slot = 0;
    switch (source) {
    case Source::Window: slot = m_window[m_head].slot; break;
    case Source::Late: slot = m_late[m_lateMin & 255][m_lateHead[m_lateMin & 255]].slot; break;
    case Source::Side:
        slot = m_side.front().slot;
        out.priority = static_cast<std::int16_t>(static_cast<std::int32_t>(m_side.front().order >> 48) - 32768);
        break;
    }
    out.sequence = m_slots[slot].sequence;
    out.time = pop(out.event);
    return out;
}

// Drops cancelled entries at the fronts and says where the earliest live event is.
// Precondition: a live event exists.
EventQueue::Source EventQueue::settle() {
    while (!m_side.empty() && !m_slots[m_side.front().slot].live) releaseDead(takeSide().slot);
    Source source = Source::Side;
    std::uint64_t key = 0;
    if (!mainFront(source, key)) return Source::Side;
    if (m_side.empty()) return source;
    // A side entry of the same time runs first only with a negative priority (early entries are
    // always before the window, so they never tie with a main entry).
    const SideEntry& side = m_side.front();
    const bool sideFirst = side.key < key || (side.key == key && (side.order >> 48) < 32768);
    return sideFirst ? Source::Side : source;
}

// Finds the earliest live main entry (window or late), opening buckets as needed.
bool EventQueue::mainFront(Source& source, std::uint64_t& key) {
    for (;;) {
        const bool windowLeft = m_head < m_window.size();
        if (!windowLeft && m_lateMin == kNoKey) {
            if (!openBucket()) return false;
            continue;
        }
        if (windowLeft && m_window[m_head].key <= m_lateMin) {
            const std::uint32_t slot = m_window[m_head].slot;
            if (m_dead != 0 && !m_slots[slot].live) {
                ++m_head;
                releaseDead(slot);
                continue;
            }
            source = Source::Window;
            key = m_window[m_head].key;
            return true;
        }
        const std::uint32_t slot = m_late[m_lateMin & 255][m_lateHead[m_lateMin & 255]].slot;
        if (m_dead != 0 && !m_slots[slot].live) {
            takeLate();
            releaseDead(slot);
            continue;
        }
        source = Source::Late;
        key = m_lateMin;
        return true;
    }
}

void EventQueue::lateBucketDone(unsigned digit) {
    m_late[digit].clear();
    m_lateHead[digit] = 0;
    m_lateOccupied[digit >> 6] &= ~(std::uint64_t{1} << (digit & 63));
    m_lateMin = noBits(m_lateOccupied) ? kNoKey : ((m_last & ~std::uint64_t{255}) | lowestBit(m_lateOccupied));
}

// Opens the lowest bucket of the lowest level: a level-1 bucket becomes the window, a higher one
// spreads over the levels below. Precondition: window and m_late used up. False when no entry is left.
bool EventQueue::openBucket() {
    m_window.clear();
    m_head = 0;
    while (m_levels != 0) {
        const int level = std::countr_zero(m_levels);
        auto& occupied = m_occupied[static_cast<std::size_t>(level)];
        const unsigned digit = lowestBit(occupied);
        occupied[digit >> 6] &= ~(std::uint64_t{1} << (digit & 63));
        if (noBits(occupied)) m_levels &= ~(1u << level);
        std::vector<Entry>& bucket = m_buckets[static_cast<std::size_t>(level * kDigits) + digit];

        // The bucket's earliest possible time: m_last's higher bytes, `digit` in byte `level`, zeros below.
        const int shift = 8 * level;
        const std::uint64_t below = shift + 8 == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (shift + 8)) - 1;
        m_last = (m_last & ~below) | (std::uint64_t{digit} << shift);
        if (level == 1) {
            openWindow(bucket);
            bucket.clear();
            if (!m_window.empty()) return true;
            continue;
        }
        for (const Entry& e : bucket) {
            if (m_dead != 0 && !m_slots[e.slot].live) releaseDead(e.slot);
            else place(e);
        }
        bucket.clear();
        if (m_lateMin != kNoKey) return true;
    }
    return false;
}

// Sorts a level-1 bucket by time into m_window: a stable counting sort on the lowest byte (the
// higher bytes are equal), so entries of one time keep their order.
void EventQueue::openWindow(std::vector<Entry>& bucket) {
    if (m_dead != 0) {
        auto out = bucket.begin();
        for (const Entry& e : bucket) {
            if (m_slots[e.slot].live) *out++ = e;
            else releaseDead(e.slot);
        }
        bucket.erase(out, bucket.end());
    }
    const std::size_t n = bucket.size();
    if (n <= 32) {
        m_window.swap(bucket);
        for (std::size_t i = 1; i < n; ++i) {  // insertion sort: stable, fast for a few entries
            const Entry e = m_window[i];
            std::size_t j = i;
            for (; j > 0 && m_window[j - 1].key > e.key; --j) m_window[j] = m_window[j - 1];
            m_window[j] = e;
        }
        return;
    }
    std::array<std::uint32_t, kDigits> position{};
    for (const Entry& e : bucket) ++position[e.key & 255];
    std::uint32_t sum = 0;
    for (std::uint32_t& p : position) {
        const std::uint32_t count = p;
        p = sum;
        sum += count;
    }
    m_window.resize(n);
    for (const Entry& e : bucket) m_window[position[e.key & 255]++] = e;
}

void EventQueue::releaseDead(std::uint32_t slot) {
    --m_dead;
    ++m_slots[slot].generation;
    m_free.push_back(slot);
}

namespace {
struct SideAfter {
    template <class E>
    bool operator()(const E& a, const E& b) const {
        return a.key > b.key || (a.key == b.key && a.order > b.order);
    }
};
} // namespace

void EventQueue::pushSide(SideEntry e) {
    m_side.push_back(e);
    std::push_heap(m_side.begin(), m_side.end(), SideAfter{});
}

EventQueue::SideEntry EventQueue::takeSide() {
    std::pop_heap(m_side.begin(), m_side.end(), SideAfter{});
    const SideEntry e = m_side.back();
    m_side.pop_back();
    return e;
}

std::uint32_t EventQueue::storeStrings(Event& event) {
    std::uint32_t index;
    if (!m_freeStrings.empty()) {
        index = m_freeStrings.back();
        m_freeStrings.pop_back();
    } else {
        index = static_cast<std::uint32_t>(m_strings.size());
        m_strings.emplace_back();
    }
    m_strings[index].node = std::move(event.node);
    m_strings[index].key = std::move(event.key);
    return index;
}

void EventQueue::takeStrings(std::uint32_t index, Event& out) {
    out.node = std::move(m_strings[index].node);
    out.key = std::move(m_strings[index].key);
    m_freeStrings.push_back(index);
}

void EventQueue::dropStrings(std::uint32_t index) {
    m_strings[index].node.clear();
    m_strings[index].key.clear();
    m_freeStrings.push_back(index);
}

std::vector<EventQueue::Scheduled> EventQueue::pending() const {
    struct Ref {
        std::uint64_t key;
        std::int16_t priority;
        std::uint64_t sequence;
        std::uint32_t slot;
    };
    std::vector<Ref> refs;
    refs.reserve(m_live);
    auto collect = [&](std::uint64_t key, std::int16_t priority, std::uint32_t slot) {
        const Slot& s = m_slots[slot];
        if (s.live) refs.push_back({key, priority, s.sequence, slot});
    };
    for (const SideEntry& e : m_side)
        collect(e.key, static_cast<std::int16_t>(static_cast<std::int32_t>(e.order >> 48) - 32768), e.slot);
    for (std::size_t i = m_head; i < m_window.size(); ++i) collect(m_window[i].key, 0, m_window[i].slot);
    for (unsigned d = 0; d < kDigits; ++d)
        for (std::size_t i = m_lateHead[d]; i < m_late[d].size(); ++i) collect(m_late[d][i].key, 0, m_late[d][i].slot);
    for (const auto& bucket : m_buckets)
        for (const Entry& e : bucket) collect(e.key, 0, e.slot);
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
        if (a.key != b.key) return a.key < b.key;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.sequence < b.sequence;
    });
    std::vector<Scheduled> out;
    out.reserve(refs.size());
    for (const Ref& r : refs) {
        const Slot& s = m_slots[r.slot];
        Event ev;
        ev.target = s.target;
        ev.kind = s.kind;
        ev.arg = s.arg;
        ev.arg2 = s.arg2;
        if (s.strings != kNoStrings) {
            ev.node = m_strings[s.strings].node;
            ev.key = m_strings[s.strings].key;
        }
        out.push_back({timeOf(r.key), r.priority, r.sequence, std::move(ev)});
    }
    return out;
}

} // namespace kns
