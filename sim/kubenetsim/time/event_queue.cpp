#include <kubenetsim/time/event_queue.hpp>

#include <algorithm>

namespace kns {

namespace {
constexpr int kSeqBits = 48;
constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << kSeqBits) - 1;

std::uint64_t packOrder(std::int16_t priority, std::uint64_t seq) {
    auto biased = static_cast<std::uint64_t>(static_cast<std::int32_t>(priority) + 32768);
    return (biased << kSeqBits) | (seq & kSeqMask);
}
std::int16_t unpackPriority(std::uint64_t order) {
    return static_cast<std::int16_t>(static_cast<std::int32_t>(order >> kSeqBits) - 32768);
}
} // namespace

EventId EventQueue::push(SimTime time, std::int16_t priority, Event event) {
    std::uint32_t slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
    }
    Slot& s = m_slots[slot];
    s.event = std::move(event);
    s.live = true;
    m_heap.push_back(Entry{time.nanos(), packOrder(priority, m_sequence++), slot});
    siftUp(m_heap.size() - 1);
    ++m_live;
    return EventId{slot, s.generation};
}

bool EventQueue::isPending(EventId id) const {
    return id.valid() && id.slot < m_slots.size() && m_slots[id.slot].generation == id.generation &&
           m_slots[id.slot].live;
}

bool EventQueue::cancel(EventId id) {
    if (!isPending(id)) return false;
    Slot& s = m_slots[id.slot];
    s.live = false;
    s.event = Event{};
    --m_live;
    return true;  // the heap entry stays until it surfaces; its slot is freed then
}

void EventQueue::freeSlot(std::uint32_t slot) {
    ++m_slots[slot].generation;
    m_free.push_back(slot);
}

void EventQueue::discardDeadTop() {
    while (!m_heap.empty() && !m_slots[m_heap.front().slot].live) {
        freeSlot(m_heap.front().slot);
        m_heap.front() = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) siftDown(0);
    }
}

SimTime EventQueue::peekTime() {
    discardDeadTop();
    return m_heap.empty() ? SimTime::max() : SimTime::ns(m_heap.front().time);
}

EventQueue::Scheduled EventQueue::pop() {
    discardDeadTop();
    assert(!m_heap.empty());
    Entry top = m_heap.front();
    m_heap.front() = m_heap.back();
    m_heap.pop_back();
    if (!m_heap.empty()) siftDown(0);
    Slot& s = m_slots[top.slot];
    Scheduled out{SimTime::ns(top.time), unpackPriority(top.order), top.order & kSeqMask, std::move(s.event)};
    s.live = false;
    freeSlot(top.slot);
    --m_live;
    return out;
}

std::vector<EventQueue::Scheduled> EventQueue::pending() const {
    std::vector<Entry> live;
    for (const Entry& e : m_heap)
        if (m_slots[e.slot].live) live.push_back(e);
    std::sort(live.begin(), live.end());
    std::vector<Scheduled> out;
    out.reserve(live.size());
    for (const Entry& e : live)
        out.push_back({SimTime::ns(e.time), unpackPriority(e.order), e.order & kSeqMask, m_slots[e.slot].event});
    return out;
}

void EventQueue::clear() {
    m_heap.clear();
    m_slots.clear();
    m_free.clear();
    m_live = 0;
}

void EventQueue::siftUp(std::size_t i) {
    Entry e = m_heap[i];
    while (i > 0) {
        std::size_t parent = (i - 1) / 4;
        if (!(e < m_heap[parent])) break;
        m_heap[i] = m_heap[parent];
        i = parent;
    }
    m_heap[i] = e;
}

void EventQueue::siftDown(std::size_t i) {
    const std::size_t n = m_heap.size();
    Entry e = m_heap[i];
    for (;;) {
        std::size_t first = 4 * i + 1;
        if (first >= n) break;
        std::size_t best = first;
        std::size_t last = std::min(first + 4, n);
        for (std::size_t c = first + 1; c < last; ++c)
            if (m_heap[c] < m_heap[best]) best = c;
        if (!(m_heap[best] < e)) break;
        m_heap[i] = m_heap[best];
        i = best;
    }
    m_heap[i] = e;
}

} // namespace kns
