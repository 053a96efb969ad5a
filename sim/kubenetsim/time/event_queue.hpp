#pragma once
// The pending-event set of a discrete-event simulation.
//
// Contract:
//  - Events are ordered by (time, priority, sequence number). A lower priority value runs first;
//    events with equal time and priority run in the order they were scheduled (FIFO).
//  - cancel() is O(1): it marks the event's slot dead; the heap entry is discarded when it
//    reaches the top (lazy deletion).
//  - push() and pop() are O(log n) on a 4-ary heap of 24-byte entries; the payload lives in a
//    separate slot array so sift operations move only the small keys.
//  - The queue is a value: copying it copies every pending event (used by snapshots).
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

    EventId push(SimTime time, std::int16_t priority, Event event);
    bool cancel(EventId id);
    bool isPending(EventId id) const;

    bool empty() const { return m_live == 0; }
    std::size_t size() const { return m_live; }
    // Time of the earliest live event; SimTime::max() when empty. Discards dead entries on top.
    SimTime peekTime();
    // Removes and returns the earliest live event. Precondition: !empty().
    Scheduled pop();
    // Every live event in dispatch order (for inspection and serialisation; O(n log n)).
    std::vector<Scheduled> pending() const;
    void clear();
    std::uint64_t nextSequence() const { return m_sequence; }

private:
    struct Entry {
        std::int64_t time;
        std::uint64_t order;  // biased priority in the top 16 bits, sequence in the low 48
        std::uint32_t slot;
        bool operator<(const Entry& o) const { return time < o.time || (time == o.time && order < o.order); }
    };
    struct Slot {
        Event event;
        std::uint32_t generation = 0;
        bool live = false;
    };
    void siftUp(std::size_t i);
    void siftDown(std::size_t i);
    void discardDeadTop();
    void freeSlot(std::uint32_t slot);

    std::vector<Entry> m_heap;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_free;
    std::size_t m_live = 0;
    std::uint64_t m_sequence = 0;
};

} // namespace kns
