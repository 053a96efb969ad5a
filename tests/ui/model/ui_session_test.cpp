#include <doctest/doctest.h>

#include <algorithm>

#include <ui/model/ui_session.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using kns::ui::testing::kVip;
using kns::ui::testing::tutorialSession;

TEST_CASE("the window's session opens the Services tutorial by default with hop recording on") {
    auto session = UiSession::open({});
    REQUIRE(session.ok());
    UiSession& s = **session;
    REQUIRE(s.scenario() != nullptr);
    CHECK(s.scenario()->title.en == "Kubernetes by Example: Services");
    CHECK(s.sim().state().dataPlane.transport.recordHops);
    CHECK(s.viewTime() == s.sim().now());
}

TEST_CASE("a command run through the session joins the transcript with the time it finished") {
    auto session = UiSession::open({.noScenario = true});
    REQUIRE(session.ok());
    UiSession& s = **session;
    const auto before = s.generation();
    const ConsoleEntry& e = s.run("sleep 2");
    CHECK(e.result.status == 0);
    CHECK(e.finishedAt - e.startedAt == SimTime::s(2));
    CHECK(s.transcript().size() == 1);
    CHECK(s.generation() > before);
    // The view has not seen those two seconds yet.
    CHECK(s.viewTime() == e.startedAt);
}

TEST_CASE("advancing the view past the simulation's clock runs the simulation") {
    auto session = UiSession::open({.noScenario = true});
    REQUIRE(session.ok());
    UiSession& s = **session;
    const SimTime start = s.sim().now();
    s.advanceView(SimTime::ms(250));
    CHECK(s.viewTime() == start + SimTime::ms(250));
    CHECK(s.sim().now() == start + SimTime::ms(250));
    s.setViewTime(start + SimTime::s(99));
    CHECK(s.viewTime() == s.sim().now());  // clamped: the view never runs ahead of the simulation
}

TEST_CASE("a scenario that does not load is reported with its file") {
    auto session = UiSession::open({.scenarioFile = "/nonexistent/scenario.json"});
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().full().find("/nonexistent/scenario.json") != std::string::npos);
}

TEST_CASE("an unknown profile is refused by name") {
    auto session = UiSession::open({.noScenario = true, .profile = "ancient"});
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().full().find("ancient") != std::string::npos);
}

TEST_CASE("the session's event log holds what the simulation reported, in time order") {
    auto session = UiSession::open({.noScenario = true});
    REQUIRE(session.ok());
    UiSession& s = **session;
    s.run("kubectl run web --image=nginx");
    s.advanceView(SimTime::s(30));
    const auto& log = s.eventLog();
    REQUIRE_FALSE(log.empty());
    bool podCreated = false;
    for (std::size_t i = 0; i < log.size(); ++i) {
        if (i > 0) CHECK(log[i - 1].time <= log[i].time);
        if (log[i].kind == TraceKind::ObjectCreated && log[i].subject.rfind("Pod/default/web", 0) == 0) podCreated = true;
    }
    CHECK(podCreated);
}

TEST_CASE("the session keeps the hop records bounded, dropping only hops the view has passed") {
    auto s = tutorialSession(true);
    const auto& transport = s->sim().state().dataPlane.transport;
    // A load runs ahead of the view: everything it recorded is still to be shown.
    REQUIRE(s->run(std::string("load --to ") + kVip + ":80 --count 1500 --rate 20000").result.status == 0);
    const std::size_t recorded = transport.hops.size();
    REQUIRE(recorded > UiSession::kHopLimit);
    const std::size_t beforeView = static_cast<std::size_t>(
        std::lower_bound(transport.hops.begin(), transport.hops.end(), s->viewTime(), [](const HopRecord& h, SimTime t) { return h.at < t; }) -
        transport.hops.begin());
    CHECK(s->trimHops() == beforeView);  // only what came before the load, if that much
    CHECK(transport.hopsDropped == beforeView);
    // Once the view has played past the load, the oldest go, down to three quarters of the limit.
    s->advanceView(s->sim().now() - s->viewTime() + SimTime::ms(1));
    const std::size_t left = transport.hops.size();
    const HopRecord newest = transport.hops.back();
    const std::size_t dropped = s->trimHops();
    CHECK(dropped == left - UiSession::kHopLimit * 3 / 4);
    CHECK(transport.hops.size() == UiSession::kHopLimit * 3 / 4);
    CHECK(transport.hopsDropped == beforeView + dropped);
    CHECK(transport.hops.back().at == newest.at);  // the newest are kept
    CHECK(s->trimHops() == 0);                     // under the limit now
}
