#pragma once
// The pending-event set of a discrete-event simulation.
//
// Contract:
//  - Events are ordered by (time, priority, sequence number). A lower priority value runs first;
//    events with equal time and priority run in the order they were scheduled (FIFO).
//  - A pushed time is never earlier than the time of the last popped event (the kernel's clock
//    never goes backwards). It may be earlier than a time peekTime() returned.
//  - cancel() is O(1) through the handle's slot and generation; the queue entry is dropped when
//    it comes up (lazy deletion). A slot, and so its handle, is reused only after that.
//  - push() is O(1); pop() is amortised O(1) for a bounded spread of pending times (each entry
//    moves at most once per byte of its time, so at most 8 times).
//  - The queue is a value: copying it copies every pending event (used by snapshots).
//
// How it works: a multi-level radix queue with 8-bit digits (a radix heap, Ahuja, Mehlhorn, Orlin
// and Tarjan 1990, shaped like a hierarchical timing wheel), which suits a clock that only moves
// forward. Queue entries are 16-byte keys {time, slot}; the payload stays in a slot array, written
// once when pushed and read once when popped.
//  - An entry whose time first differs from m_last in byte L >= 1 waits in bucket (L, that byte).
//  - The current window (times sharing every byte but the lowest) is m_window, counting-sorted by
//    time when it opened and read front to back, plus m_late[digit] for entries pushed into the
//    window after it opened. m_late entries of one time follow m_window's (they came later).
//  - When both are used up, the lowest bucket of the lowest level opens: level 1 becomes the next
//    window; a higher level spreads over the levels below it.
// Entries of equal time always share a bucket, every move is stable, and appends come in
// sequence order, so FIFO costs no comparison. Events with a non-zero priority, and events pushed
// before m_last (possible after peekTime()), are rare: they wait in m_side, a binary heap ordered
// by (time, priority, sequence), and run before a main entry of equal time when their priority is
// negative.
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

#include <kubenetsim/time/event.hpp>

namespace kns {

class EventQueue {
public:
    struct Scheduled {
        SimTime time;
        std::int16_t priority = 0;
        std::uint64_t sequence = 0;
        Event event;
    };

    EventId push(SimTime time, std::int16_t priority, Event&& event);
    EventId push(SimTime time, std::int16_t priority, const Event& event) { return push(time, priority, Event(event)); }
    bool cancel(EventId id);
    bool isPending(EventId id) const {
        return id.slot < m_slots.size() && m_slots[id.slot].generation == id.generation && m_slots[id.slot].live;
    }

    bool empty() const { return m_live == 0; }
    std::size_t size() const { return m_live; }
    // Time of the earliest live event; SimTime::max() when empty.
    SimTime peekTime();
    // Moves the earliest live event into `out` (its strings are reused) and returns its time.
    // Precondition: !empty().
    SimTime pop(Event& out);
    // The same, with the event's priority and sequence number.
    Scheduled pop();
    // Every live event in dispatch order (for inspection and serialisation; O(n log n)).
    std::vector<Scheduled> pending() const;
    void clear() { *this = EventQueue(); }
    std::uint64_t nextSequence() const { return m_sequence; }

private:
    static constexpr std::uint32_t kNoStrings = UINT32_MAX;
    static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
    static constexpr std::uint64_t kNoKey = UINT64_MAX;
    static constexpr int kLevels = 8;
    static constexpr int kDigits = 256;
    // Times as unsigned keys with the same order (negative times stay before positive ones).
    static std::uint64_t keyOf(SimTime t) { return static_cast<std::uint64_t>(t.nanos()) ^ kSignBit; }
    static SimTime timeOf(std::uint64_t key) { return SimTime::ns(static_cast<std::int64_t>(key ^ kSignBit)); }

    struct Entry {
        std::uint64_t key;
        std::uint32_t slot;
    };
    struct SideEntry {
        std::uint64_t key;
        std::uint64_t order;  // biased priority in the top 16 bits, sequence in the low 48
        std::uint32_t slot;
    };
    // An event's payload and the state its handle refers to. node and key live in m_strings,
    // only for events that carry them, so the common record stays 40 bytes.
    struct Slot {
        std::int64_t arg = 0;
        std::int64_t arg2 = 0;
        std::uint64_t sequence = 0;
        std::uint32_t generation = 0;
        std::uint32_t strings = kNoStrings;
        std::uint16_t kind = 0;
        Component target = Component::None;
        bool live = false;
    };
    struct Strings {
        std::string node;
        std::string key;
    };
    enum class Source : std::uint8_t { Window, Late, Side };

    // True when the next event is m_window's front and no slower check is needed.
    bool fastFront() const {
        return m_head < m_window.size() && m_window[m_head].key <= m_lateMin && m_side.empty() && m_dead == 0;
    }
    Source settle();
    bool mainFront(Source& source, std::uint64_t& key);
    bool openBucket();
    void openWindow(std::vector<Entry>& bucket);
    Entry takeLate();
    void lateBucketDone(unsigned digit);
    void place(const Entry& e);
    void pushSide(SideEntry e);
    SideEntry takeSide();
    void releaseDead(std::uint32_t slot);
    std::uint32_t newSlot();
    std::uint32_t storeStrings(Event& event);
    void takeStrings(std::uint32_t index, Event& out);
    void dropStrings(std::uint32_t index);
    SimTime deliver(std::uint64_t key, std::uint32_t slot, Event& out);

    std::vector<Entry> m_window;  // the current window, sorted by time, read from m_head
    std::size_t m_head = 0;
    std::uint64_t m_last = 0;  // start of the window: no main entry is earlier; levels are relative to it
    std::array<std::vector<Entry>, kDigits> m_late;  // pushed into the window after it opened
    std::array<std::uint64_t, 4> m_lateOccupied{};
    std::array<std::uint32_t, kDigits> m_lateHead{};  // read position in each m_late bucket
    std::uint64_t m_lateMin = kNoKey;  // time of the earliest m_late bucket
    std::array<std::vector<Entry>, kLevels * kDigits> m_buckets;      // levels 1..7 used
    std::array<std::array<std::uint64_t, 4>, kLevels> m_occupied{};  // non-empty buckets per level
    std::uint32_t m_levels = 0;                                       // levels with a non-empty bucket
    std::vector<SideEntry> m_side;

    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_free;
    std::vector<Strings> m_strings;
    std::vector<std::uint32_t> m_freeStrings;

    std::size_t m_live = 0;  // pending, not cancelled
    std::size_t m_dead = 0;  // cancelled, entry not yet dropped
    std::uint64_t m_sequence = 0;
};

inline std::uint32_t EventQueue::newSlot() {
    if (!m_free.empty()) [[likely]] {
        const std::uint32_t slot = m_free.back();
        m_free.pop_back();
        return slot;
    }
    m_slots.emplace_back();
    return static_cast<std::uint32_t>(m_slots.size() - 1);
}

// Files a main entry at or after m_last: into m_late when it shares m_last's window, else into
// the bucket of the highest byte in which it differs from m_last.
[[gnu::always_inline]] inline void EventQueue::place(const Entry& e) {
    const std::uint64_t differ = e.key ^ m_last;
    const auto digit0 = static_cast<unsigned>(e.key) & 255u;
    if (differ < 256) {
        m_late[digit0].push_back(e);
        m_lateOccupied[digit0 >> 6] |= std::uint64_t{1} << (digit0 & 63);
        if (e.key < m_lateMin) m_lateMin = e.key;
        return;
    }
    const int level = (63 - std::countl_zero(differ)) >> 3;
    const auto digit = static_cast<unsigned>(e.key >> (8 * level)) & 255u;
    m_buckets[static_cast<std::size_t>(level * kDigits) + digit].push_back(e);
    m_occupied[static_cast<std::size_t>(level)][digit >> 6] |= std::uint64_t{1} << (digit & 63);
    m_levels |= 1u << level;
}

[[gnu::always_inline]] inline EventId EventQueue::push(SimTime time, std::int16_t priority, Event&& event) {
    const std::uint32_t slot = newSlot();
    Slot& s = m_slots[slot];
    s.arg = event.arg;
    s.arg2 = event.arg2;
    s.sequence = m_sequence++;
    s.kind = event.kind;
    s.target = event.target;
    s.live = true;
    s.strings = (event.node.empty() && event.key.empty()) ? kNoStrings : storeStrings(event);
    ++m_live;
    const std::uint64_t key = keyOf(time);
    if (priority == 0 && key >= m_last) [[likely]] {
        place(Entry{key, slot});
    } else {
        const auto biased = static_cast<std::uint64_t>(static_cast<std::int32_t>(priority) + 32768);
        pushSide(SideEntry{key, (biased << 48) | (s.sequence & ((std::uint64_t{1} << 48) - 1)), slot});
    }
    return EventId{slot, s.generation};
}

// Copies the payload of a live slot into `out`, frees the slot and returns the time.
[[gnu::always_inline]] inline SimTime EventQueue::deliver(std::uint64_t key, std::uint32_t slot, Event& out) {
    Slot& s = m_slots[slot];
    out.target = s.target;
    out.kind = s.kind;
    out.arg = s.arg;
    out.arg2 = s.arg2;
    if (s.strings == kNoStrings) [[likely]] {
        if (!out.node.empty()) out.node.clear();
        if (!out.key.empty()) out.key.clear();
    } else {
        takeStrings(s.strings, out);
        s.strings = kNoStrings;
    }
    s.live = false;
    ++s.generation;
    m_free.push_back(slot);
    --m_live;
    return timeOf(key);
}

[[gnu::always_inline]] inline SimTime EventQueue::pop(Event& out) {
    assert(m_live > 0 && "pop() on an empty queue");
    if (m_side.empty() && m_dead == 0) [[likely]] {
        if (m_head < m_window.size() && m_window[m_head].key <= m_lateMin) [[likely]] {
            const Entry e = m_window[m_head++];
            // With many events pending their slots are cold: fetch the slots of the next ones ahead.
            if (m_head + 8 < m_window.size()) __builtin_prefetch(&m_slots[m_window[m_head + 8].slot]);
            return deliver(e.key, e.slot, out);
        }
        if (m_lateMin != kNoKey) {
            const Entry e = takeLate();
            return deliver(e.key, e.slot, out);
        }
    }
    switch (settle()) {
    case Source::Window: {
        const Entry e = m_window[m_head++];
        return deliver(e.key, e.slot, out);
    }
    case Source::Late: {
        const Entry e = takeLate();
        return deliver(e.key, e.slot, out);
    }
    case Source::Side: break;
    }
    const SideEntry e = takeSide();
    return deliver(e.key, e.slot, out);
}

inline EventQueue::Entry EventQueue::takeLate() {
    const auto digit = static_cast<unsigned>(m_lateMin & 255);
    std::vector<Entry>& bucket = m_late[digit];
    const Entry e = bucket[m_lateHead[digit]++];
    if (m_lateHead[digit] == bucket.size()) lateBucketDone(digit);
    return e;
}

} // namespace kns
