#include <doctest/doctest.h>

#include <ui/model/ui_session.hpp>

using namespace kns;
using namespace kns::ui;

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
