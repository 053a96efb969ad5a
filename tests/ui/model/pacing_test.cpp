#include <doctest/doctest.h>

#include <ui/model/pacing.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

// A bare legacy cluster with one running pod, the view caught up with the simulation.
std::unique_ptr<UiSession> sessionWithPod(std::string& podIP) {
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    std::unique_ptr<UiSession> s = std::move(*opened);
    REQUIRE(s->run("kubectl run web --image=nginx").result.status == 0);
    s->advanceView(s->sim().now() - s->viewTime() + SimTime::s(30));
    for (const auto& [key, pod] : s->sim().objects().pods)
        if (key.rfind("default/web", 0) == 0) podIP = pod.status.podIP;
    REQUIRE_FALSE(podIP.empty());
    return s;
}

std::size_t hopCount(const UiSession& s) { return s.sim().state().dataPlane.transport.hops.size(); }

} // namespace

TEST_CASE("a paused driver moves nothing, however much real time passes") {
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    UiSession& s = **opened;
    PacingDriver d;
    CHECK(d.paused());
    const SimTime before = s.viewTime();
    CHECK(d.frame(s, 5.0) == SimTime::zero());
    CHECK(s.viewTime() == before);
}

TEST_CASE("at real time the view moves by real seconds times the speed, remainders carried over") {
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    UiSession& s = **opened;
    PacingDriver d;
    d.setMode(PacingDriver::Mode::RealTime);
    d.setSpeed(10.0);
    const SimTime start = s.viewTime();
    CHECK(d.frame(s, 0.1) == SimTime::s(1));
    d.setSpeed(0.1);
    CHECK(d.frame(s, 0.1) == SimTime::ms(10));
    CHECK(s.viewTime() == start + SimTime::ms(1010));
    SUBCASE("the speed is clamped to 0.1x..100x") {
        d.setSpeed(1000.0);
        CHECK(d.speed() == PacingDriver::kMaxSpeed);
        d.setSpeed(0.0);
        CHECK(d.speed() == PacingDriver::kMinSpeed);
    }
    SUBCASE("a stalled frame counts as at most a quarter of a second") {
        d.setSpeed(1.0);
        CHECK(d.frame(s, 30.0) == SimTime::ms(250));
    }
}

TEST_CASE("as fast as possible moves the view by a fixed large stretch each frame") {
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    PacingDriver d;
    d.setMode(PacingDriver::Mode::Fastest);
    CHECK(d.frame(**opened, 0.016) == PacingDriver::kFastestPerFrame);
}

TEST_CASE("a packet in flight at the view time plays in slow motion and pausing freezes it mid-way") {
    std::string podIP;
    auto s = sessionWithPod(podIP);
    const std::size_t before = hopCount(*s);
    REQUIRE(s->run("ping -c 1 " + podIP).result.status == 0);
    REQUIRE(hopCount(*s) > before);
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    const SimTime firstHop = hops[before].at;
    REQUIRE(firstHop >= s->viewTime());

    PacingDriver d;
    d.setMode(PacingDriver::Mode::RealTime);
    // Real time brings the view to the slow-motion window of the first hop, never past it.
    for (int i = 0; i < 100 && !PacingDriver::inSlowMotion(*s); ++i) d.frame(*s, 0.25);
    REQUIRE(PacingDriver::inSlowMotion(*s));
    CHECK(s->viewTime() <= firstHop);
    // In slow motion one real second at 1x is one simulated millisecond.
    const SimTime moved = d.frame(*s, 0.01);
    CHECK(d.lastFrameSlow());
    CHECK(moved == SimTime::us(10));
    d.togglePause();
    const SimTime frozen = s->viewTime();
    d.frame(*s, 0.1);
    CHECK(s->viewTime() == frozen);
    CHECK(PacingDriver::nextPendingHop(*s).has_value());
}

TEST_CASE("stepping to the next hop moves the view and the packet cursor one recorded hop at a time") {
    std::string podIP;
    auto s = sessionWithPod(podIP);
    const std::size_t before = hopCount(*s);
    REQUIRE(s->run("ping -c 1 " + podIP).result.status == 0);
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    Selection sel;
    REQUIRE(PacingDriver::stepToNextHop(*s, sel));
    CHECK(sel.cursor.hop == static_cast<int>(before));
    CHECK(s->viewTime() == hops[before].at);
    REQUIRE(PacingDriver::stepToNextHop(*s, sel));
    CHECK(sel.cursor.hop == static_cast<int>(before) + 1);
    CHECK(s->viewTime() == hops[before + 1].at);
    CHECK(sel.cursor.stackStep == -1);
}
