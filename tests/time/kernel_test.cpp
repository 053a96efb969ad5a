#include <doctest/doctest.h>

#include <kubenetsim/time/kernel.hpp>

#include <string>
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

TEST_CASE("step returns false and peekNextTime is the end of time when nothing is pending") {
    Kernel k;
    CHECK_FALSE(k.step());
    CHECK(k.peekNextTime() == SimTime::max());
    k.schedule(SimTime::ms(1), tagged(1));
    CHECK(k.peekNextTime() == SimTime::ms(1));
    CHECK(k.step());
    CHECK_FALSE(k.step());
    CHECK(k.dispatched() == 1);
}

TEST_CASE("an event scheduled after runUntil stopped short of a peeked event still runs first") {
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.arg); });
    k.schedule(SimTime::s(10), tagged(10));
    k.runUntil(SimTime::s(2));  // peeks at 10s, which must not lose events scheduled before it
    REQUIRE(k.now() == SimTime::s(2));
    k.schedule(SimTime::s(1), tagged(3));
    k.schedule(SimTime::ms(1), tagged(2));
    k.scheduleAt(SimTime::s(10), tagged(11));
    k.run();
    CHECK(seen == std::vector<std::int64_t>{2, 3, 10, 11});
}

TEST_CASE("events scheduled for the current time by a handler run after those already due then") {
    std::vector<std::int64_t> seen;
    Kernel k;
    k.setHandler([&](const Event& e) {
        seen.push_back(e.arg);
        if (e.arg == 1) {
            k.schedule(SimTime::zero(), tagged(4));
            k.schedule(SimTime::zero(), tagged(-5), -1);  // a negative priority jumps the queue
        }
    });
    for (int i = 1; i <= 3; ++i) k.schedule(SimTime::us(7), tagged(i));
    k.run();
    CHECK(seen == std::vector<std::int64_t>{1, -5, 2, 3, 4});
}

TEST_CASE("a handler can cancel an event due at the same time") {
    std::vector<std::int64_t> seen;
    EventId victim;
    Kernel k;
    k.setHandler([&](const Event& e) {
        seen.push_back(e.arg);
        if (e.arg == 1) CHECK(k.cancel(victim));
    });
    k.schedule(SimTime::ms(3), tagged(1));
    victim = k.schedule(SimTime::ms(3), tagged(2));
    k.schedule(SimTime::ms(3), tagged(3));
    k.run();
    CHECK(seen == std::vector<std::int64_t>{1, 3});
    CHECK(k.pendingCount() == 0);
}

TEST_CASE("an event's node and key reach the handler intact") {
    std::vector<std::string> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.node + "|" + e.key + "|" + std::to_string(e.arg2)); });
    const std::string longKey(100, 'k');  // beyond any small-string buffer
    k.schedule(SimTime::ms(2), Event{Component::Kubelet, 3, "localhost", "default/rcsise-6nq3k", 0, 7});
    k.schedule(SimTime::ms(1), Event{Component::Kubelet, 3, "", longKey, 0, 8});
    k.schedule(SimTime::ms(3), Event{Component::Kubelet, 3, "", "", 0, 9});
    EventId dropped = k.schedule(SimTime::ms(1), Event{Component::Kubelet, 3, "gone", "gone", 0, 1});
    CHECK(k.cancel(dropped));
    k.run();
    CHECK(seen == std::vector<std::string>{"|" + longKey + "|8", "localhost|default/rcsise-6nq3k|7", "||9"});
}

TEST_CASE("pending lists every live event in dispatch order with its payload") {
    Kernel k;
    k.schedule(SimTime::ms(5), Event{Component::Scheduler, 1, "n1", "ns/a", 1, 0});
    EventId gone = k.schedule(SimTime::ms(1), tagged(99));
    k.schedule(SimTime::ms(5), tagged(2), -3);
    k.schedule(SimTime::ms(2), tagged(3));
    k.cancel(gone);
    std::vector<EventQueue::Scheduled> p = k.pending();
    REQUIRE(p.size() == 3);
    CHECK(p[0].time == SimTime::ms(2));
    CHECK(p[0].event.arg == 3);
    CHECK(p[1].time == SimTime::ms(5));
    CHECK(p[1].priority == -3);
    CHECK(p[2].event.target == Component::Scheduler);
    CHECK(p[2].event.node == "n1");
    CHECK(p[2].event.key == "ns/a");
    CHECK(p[1].sequence > p[2].sequence);  // its priority, not its sequence, put p[1] first
}

TEST_CASE("a restored state keeps handles, strings and the sequence of the original") {
    std::vector<std::string> seen;
    Kernel k([&](const Event& e) { seen.push_back(e.key + "@" + std::to_string(e.arg)); });
    EventId a = k.schedule(SimTime::ms(4), Event{Component::Bench, 0, "", "a", 1, 0});
    k.schedule(SimTime::ms(4), Event{Component::Bench, 0, "", "b", 2, 0});
    k.schedule(SimTime::ms(1), Event{Component::Bench, 0, "", "c", 3, 0});
    k.step();
    const Kernel::State saved = k.state();
    CHECK(k.cancel(a));
    k.run();
    CHECK(seen == std::vector<std::string>{"c@3", "b@2"});
    seen.clear();
    k.restore(saved);
    CHECK(k.now() == SimTime::ms(1));
    CHECK(k.isPending(a));
    k.schedule(SimTime::ms(3), Event{Component::Bench, 0, "", "d", 4, 0});  // same time as a and b: after them
    k.run();
    CHECK(seen == std::vector<std::string>{"a@1", "b@2", "d@4"});
}

TEST_CASE("two kernels in one process do not share time or events") {
    std::vector<std::int64_t> first, second;
    Kernel k1([&](const Event& e) { first.push_back(e.arg); });
    Kernel k2([&](const Event& e) { second.push_back(e.arg); });
    k1.schedule(SimTime::ms(1), tagged(1));
    k2.schedule(SimTime::ms(2), tagged(2));
    k1.run();
    CHECK(k1.now() == SimTime::ms(1));
    CHECK(k2.now() == SimTime::zero());
    CHECK(k2.pendingCount() == 1);
    k2.run();
    CHECK(first == std::vector<std::int64_t>{1});
    CHECK(second == std::vector<std::int64_t>{2});
}

TEST_CASE("run with a handler of its own dispatches every event to it and honours stop") {
    int installedCalls = 0;
    std::vector<std::int64_t> seen;
    Kernel k([&](const Event&) { ++installedCalls; });
    for (int i = 1; i <= 6; ++i) k.schedule(SimTime::ms(7 - i), tagged(i));
    k.run([&](const Event& e) {
        seen.push_back(e.arg);
        if (e.arg == 4) k.schedule(SimTime::zero(), tagged(40));
        if (e.arg == 2) k.stop();
    });
    CHECK(installedCalls == 0);
    CHECK(seen == std::vector<std::int64_t>{6, 5, 4, 40, 3, 2});
    CHECK(k.now() == SimTime::ms(5));
    CHECK(k.dispatched() == 6);
    CHECK(k.pendingCount() == 1);
}
