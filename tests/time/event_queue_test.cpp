#include <doctest/doctest.h>

#include <kubenetsim/random/rng.hpp>
#include <kubenetsim/time/event_queue.hpp>

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

using namespace kns;

namespace {

// The contract, written the slow obvious way: pending events ordered by (time, priority, sequence).
using Order = std::tuple<std::int64_t, std::int16_t, std::uint64_t>;

struct Model {
    std::map<Order, std::int64_t> pending;  // order -> arg
    std::map<std::int64_t, std::pair<EventId, Order>> handles;  // arg -> handle
};

// Delays that reach every part of the queue: ties, the current window, each byte of the time,
// and spans of days.
SimTime randomDelay(Rng& rng) {
    switch (rng.below(8)) {
    case 0: return SimTime::zero();
    case 1: return SimTime::ns(static_cast<std::int64_t>(rng.below(4)));
    case 2: return SimTime::ns(static_cast<std::int64_t>(rng.below(300)));
    case 3: return SimTime::ns(static_cast<std::int64_t>(rng.below(70'000)));
    case 4: return SimTime::ns(static_cast<std::int64_t>(rng.below(20'000'000)));
    case 5: return SimTime::ns(static_cast<std::int64_t>(rng.below(std::uint64_t{1} << 42)));
    default: return SimTime::ns(static_cast<std::int64_t>(rng.exponential(1000.0)));
    }
}

std::int16_t randomPriority(Rng& rng) {
    const std::uint64_t r = rng.below(20);
    if (r == 0) return -1;
    if (r == 1) return 1;
    if (r == 2) return static_cast<std::int16_t>(-1000);
    return 0;
}

} // namespace

TEST_CASE("a long random mix of pushes, pops, peeks and cancels matches the (time, priority, sequence) order") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        Rng rng(seed);
        EventQueue q;
        Model model;
        std::int64_t now = 0;
        std::int64_t nextArg = 0;
        std::uint64_t nextSequence = 0;
        auto push = [&](SimTime at) {
            const std::int16_t priority = randomPriority(rng);
            const std::int64_t arg = nextArg++;
            EventId id = q.push(at, priority, Event{Component::Bench, 0, {}, {}, arg, 0});
            const Order order{at.nanos(), priority, nextSequence++};
            model.pending[order] = arg;
            model.handles[arg] = {id, order};
        };
        for (int i = 0; i < 500; ++i) push(SimTime::ns(now) + randomDelay(rng));
        for (int step = 0; step < 60'000; ++step) {
            const std::uint64_t action = rng.below(100);
            if (action < 45 && !model.pending.empty()) {
                EventQueue::Scheduled s = q.pop();
                const auto [order, arg] = *model.pending.begin();
                CAPTURE(step);
                CAPTURE(s.time.nanos());
                CAPTURE(s.priority);
                CAPTURE(std::get<1>(order));
                CAPTURE(now);
                REQUIRE(s.time.nanos() == std::get<0>(order));
                REQUIRE(s.priority == std::get<1>(order));
                REQUIRE(s.sequence == std::get<2>(order));
                REQUIRE(s.event.arg == arg);
                model.pending.erase(model.pending.begin());
                model.handles.erase(arg);
                now = s.time.nanos();
            } else if (action < 50 && !model.handles.empty()) {
                // Cancel a pending event picked at random.
                auto it = model.handles.lower_bound(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(nextArg))));
                if (it == model.handles.end()) it = model.handles.begin();
                REQUIRE(q.cancel(it->second.first));
                REQUIRE_FALSE(q.cancel(it->second.first));
                model.pending.erase(it->second.second);
                model.handles.erase(it);
            } else if (action < 55) {
                // Peek, then push before the peeked time (the queue may have looked ahead).
                const SimTime peeked = q.peekTime();
                REQUIRE(peeked.nanos() == (model.pending.empty() ? SimTime::max().nanos() : std::get<0>(model.pending.begin()->first)));
                if (!model.pending.empty() && peeked.nanos() > now)
                    push(SimTime::ns(now + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(peeked.nanos() - now)))));
            } else {
                push(SimTime::ns(now) + randomDelay(rng));
            }
            REQUIRE(q.size() == model.pending.size());
        }
        // Drain, checking pending() once on the way.
        std::vector<EventQueue::Scheduled> listed = q.pending();
        REQUIRE(listed.size() == model.pending.size());
        std::size_t i = 0;
        for (const auto& [order, arg] : model.pending) {
            CHECK(listed[i].time.nanos() == std::get<0>(order));
            CHECK(listed[i].sequence == std::get<2>(order));
            CHECK(listed[i].event.arg == arg);
            ++i;
        }
        while (!model.pending.empty()) {
            EventQueue::Scheduled s = q.pop();
            REQUIRE(s.sequence == std::get<2>(model.pending.begin()->first));
            model.pending.erase(model.pending.begin());
        }
        CHECK(q.empty());
        CHECK(q.peekTime() == SimTime::max());
    }
}

TEST_CASE("many events at one time run first-in first-out across every part of the queue") {
    EventQueue q;
    // Times chosen to start in different levels: the same time reached from far away and nearby.
    const SimTime t = SimTime::ns((std::int64_t{1} << 33) + 12345);
    for (int i = 0; i < 1000; ++i) {
        q.push(t, 0, Event{Component::Bench, 0, {}, {}, i, 0});
        if (i % 100 == 0) q.push(SimTime::ns(i), 0, Event{Component::Bench, 0, {}, {}, -1, 0});
    }
    Event e;
    for (int i = 0; i < 10; ++i) q.pop(e);  // the early ones
    for (int i = 0; i < 500; ++i) {
        REQUIRE(q.pop(e) == t);
        REQUIRE(e.arg == i);
        q.push(t, 0, Event{Component::Bench, 0, {}, {}, 1000 + i, 0});  // joins the tail
    }
    for (int i = 500; i < 1500; ++i) {
        REQUIRE(q.pop(e) == t);
        REQUIRE(e.arg == i);
    }
    CHECK(q.empty());
}

TEST_CASE("a handle's slot is reused only after its entry left the queue") {
    EventQueue q;
    EventId a = q.push(SimTime::ms(5), 0, Event{});
    REQUIRE(q.cancel(a));
    EventId b = q.push(SimTime::ms(6), 0, Event{});
    CHECK(b.slot != a.slot);  // a's entry is still in the queue
    Event e;
    CHECK(q.pop(e) == SimTime::ms(6));  // drops a's entry on the way
    EventId c = q.push(SimTime::ms(7), 0, Event{});
    CHECK_FALSE(q.isPending(a));
    CHECK_FALSE(q.cancel(a));
    CHECK(q.isPending(c));
    CHECK_FALSE(c == a);
}

TEST_CASE("a copied queue is independent of the original") {
    EventQueue q;
    for (int i = 0; i < 100; ++i) q.push(SimTime::us(100 - i), 0, Event{Component::Bench, 0, "n", "k", i, 0});
    Event e;
    for (int i = 0; i < 10; ++i) q.pop(e);
    EventQueue copy = q;
    std::vector<std::int64_t> fromOriginal, fromCopy;
    while (!q.empty()) {
        q.pop(e);
        fromOriginal.push_back(e.arg);
    }
    while (!copy.empty()) {
        copy.pop(e);
        CHECK(e.node == "n");
        fromCopy.push_back(e.arg);
    }
    CHECK(fromOriginal.size() == 90);
    CHECK(fromOriginal == fromCopy);
}
