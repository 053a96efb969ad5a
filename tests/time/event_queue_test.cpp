#include <doctest/doctest.h>

#include <kubenetsim/time/kernel.hpp>

#include <vector>

using namespace kns;

namespace {
Event tagged(std::int64_t tag) { return Event{Component::Bench, 0, {}, {}, tag, 0}; }
}

TEST_CASE("events run in time order whatever order they were scheduled in") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    k.schedule(SimTime::ms(30), tagged(3));
    k.schedule(SimTime::ms(10), tagged(1));
    k.schedule(SimTime::ms(20), tagged(2));
    k.run();
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3});
    CHECK(k.now() == SimTime::ms(30));
}

TEST_CASE("events at equal time run by priority, then first-in first-out") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    for (int i = 0; i < 50; ++i) k.schedule(SimTime::ms(5), tagged(i));
    k.schedule(SimTime::ms(5), tagged(-1), -1);
    k.schedule(SimTime::ms(5), tagged(100), 1);
    k.run();
    REQUIRE(seen.size() == 52);
    CHECK(seen.front() == -1);
    CHECK(seen.back() == 100);
    for (int i = 0; i < 50; ++i) CHECK(seen[static_cast<std::size_t>(i + 1)] == i);
}

TEST_CASE("a cancelled event never runs and cancelling twice is harmless") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    EventId a = k.schedule(SimTime::ms(1), tagged(1));
    EventId b = k.schedule(SimTime::ms(2), tagged(2));
    CHECK(k.cancel(a));
    CHECK_FALSE(k.cancel(a));
    CHECK(k.pendingCount() == 1);
    k.run();
    CHECK(seen == std::vector<std::int64_t>{2});
    CHECK_FALSE(k.cancel(b));  // already ran
}

TEST_CASE("a reused slot does not let an old handle cancel a new event") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    EventId a = k.schedule(SimTime::ms(1), tagged(1));
    k.run();
    EventId b = k.schedule(SimTime::ms(1), tagged(2));
    CHECK(a.slot == b.slot);
    CHECK_FALSE(k.cancel(a));
    k.run();
    CHECK(seen == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("runUntil stops at the horizon and leaves later events pending") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    k.schedule(SimTime::s(1), tagged(1));
    k.schedule(SimTime::s(3), tagged(3));
    k.runUntil(SimTime::s(2));
    CHECK(seen == std::vector<std::int64_t>{1});
    CHECK(k.now() == SimTime::s(2));
    CHECK(k.peekNextTime() == SimTime::s(3));
}

TEST_CASE("stop makes run return after the current event") {
    int count = 0;
    Kernel k;
    k.setHandler([&](const Event&) {
        if (++count == 2) k.stop();
    });
    for (int i = 1; i <= 5; ++i) k.schedule(SimTime::ms(i), tagged(i));
    k.run();
    CHECK(count == 2);
    CHECK(k.pendingCount() == 3);
}

TEST_CASE("a restored kernel state replays the same events as the original") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    for (int i = 0; i < 10; ++i) k.schedule(SimTime::ms(10 - i), tagged(i));
    k.step();
    k.step();
    Kernel::State saved = k.state();
    k.run();
    std::vector<std::int64_t> first(seen.begin() + 2, seen.end());
    seen.clear();
    k.restore(saved);
    k.run();
    CHECK(seen == first);
}
