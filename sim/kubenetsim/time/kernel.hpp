#pragma once
// The discrete-event kernel: a clock and a pending-event set, driven by step()/run().
//
// Contract:
//  - Time never goes backwards: scheduling in the past is a programming error (asserted), and
//    runUntil(t) leaves now() == t when it returns without stop().
//  - Events at equal time run by priority, then FIFO (see EventQueue).
//  - The kernel is an object, never a global: two kernels in one process are independent.
//  - Pacing (paused, 1x, 10x) belongs to a driver outside the kernel.
//  - State() is a plain value (clock + pending events); restoring it and replaying the same
//    commands reproduces the run exactly.
#include <cassert>
#include <functional>

#include <kubenetsim/time/event_queue.hpp>

namespace kns {

class Kernel {
public:
    using Handler = std::function<void(const Event&)>;

    struct State {
        SimTime now;
        EventQueue queue;
        std::uint64_t dispatched = 0;
    };

    explicit Kernel(Handler handler = {}) : m_handler(std::move(handler)) {}
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    SimTime now() const { return m_state.now; }
    std::uint64_t dispatched() const { return m_state.dispatched; }
    std::size_t pendingCount() const { return m_state.queue.size(); }

    // Schedules `event` at now() + delay (delay >= 0).
    [[gnu::always_inline]] EventId schedule(SimTime delay, Event&& event, std::int16_t priority = 0) {
        assert(delay >= SimTime::zero() && "events cannot be scheduled in the past");
        return m_state.queue.push(m_state.now + delay, priority, std::move(event));
    }
    EventId schedule(SimTime delay, const Event& event, std::int16_t priority = 0) {
        return schedule(delay, Event(event), priority);
    }
    // Schedules `event` at `when` (when >= now()).
    EventId scheduleAt(SimTime when, Event&& event, std::int16_t priority = 0) {
        assert(when >= m_state.now && "events cannot be scheduled in the past");
        return m_state.queue.push(when, priority, std::move(event));
    }
    EventId scheduleAt(SimTime when, const Event& event, std::int16_t priority = 0) {
        return scheduleAt(when, Event(event), priority);
    }
    bool cancel(EventId id) { return m_state.queue.cancel(id); }
    bool isPending(EventId id) const { return m_state.queue.isPending(id); }

    // Runs the earliest pending event. Returns false when there was none.
    bool step() {
        Event scratch;
        return dispatchNext(scratch);
    }
    SimTime peekNextTime() { return m_state.queue.peekTime(); }
    // Runs every event with time <= t, then sets the clock to t (unless stopped).
    void runUntil(SimTime t);
    // Runs until no event is pending or stop() is called.
    void run();
    // The same, handing each event to `handler` (called as handler(const Event&)) instead of the
    // installed handler: a loop with no indirect call, for drivers that dispatch themselves.
    template <class F>
    void run(F&& handler) {
        m_stopRequested = false;
        Event scratch;
        while (!m_stopRequested && !m_state.queue.empty()) {
            popInto(scratch);
            handler(static_cast<const Event&>(scratch));
        }
    }
    // Makes the innermost run()/runUntil() return after the current event.
    void stop() { m_stopRequested = true; }

    const State& state() const { return m_state; }
    void restore(const State& s) { m_state = s; }
    std::vector<EventQueue::Scheduled> pending() const { return m_state.queue.pending(); }

private:
    // Pops the earliest event into `scratch` (whose string buffers are reused) and hands it to
    // the handler. A local scratch per run loop keeps nested step()/run() calls safe.
    bool dispatchNext(Event& scratch) {
        if (m_state.queue.empty()) return false;
        popInto(scratch);
        if (m_handler) m_handler(scratch);
        return true;
    }
    // Takes the earliest event and advances the clock to it. Precondition: one is pending.
    [[gnu::always_inline]] void popInto(Event& scratch) {
        const SimTime t = m_state.queue.pop(scratch);
        assert(t >= m_state.now && "time went backwards");
        m_state.now = t;
        ++m_state.dispatched;
    }

    State m_state;
    Handler m_handler;
    bool m_stopRequested = false;
};

} // namespace kns
