#include <doctest/doctest.h>

#include <string>

#include <ui/model/event_log_model.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

TEST_CASE("the event log filters by kind and by text, and takes in only new records while the filter stays") {
    auto s = tutorialSession(false);
    EventLogModel m;
    EventLogFilter all;
    REQUIRE(m.update(s->eventLog(), all));
    CHECK(m.rows().size() == s->eventLog().size());
    CHECK_FALSE(m.update(s->eventLog(), all));

    EventLogFilter syncs;
    syncs.kinds.reset();
    syncs.kinds.set(static_cast<std::size_t>(TraceKind::ProxySync));
    REQUIRE(m.update(s->eventLog(), syncs));
    REQUIRE_FALSE(m.rows().empty());
    for (std::size_t i : m.rows()) CHECK(s->eventLog()[i].kind == TraceKind::ProxySync);
    const std::size_t before = m.rows().size();
    s->run("kubectl scale --replicas=2 rc/rcsise");
    s->advanceView(SimTime::s(5));
    REQUIRE(m.update(s->eventLog(), syncs));
    CHECK(m.rows().size() > before);  // the resync after the new endpoint

    EventLogFilter text;
    text.text = "RCSISE-NV8ZM";  // case-insensitive
    REQUIRE(m.update(s->eventLog(), text));
    REQUIRE_FALSE(m.rows().empty());
    for (std::size_t i : m.rows()) CHECK(EventLogModel::line(s->eventLog()[i]).find("rcsise-nv8zm") != std::string::npos);
}

TEST_CASE("event times read as seconds with microseconds") {
    CHECK(EventLogModel::timeText(SimTime::zero()) == "0.000000s");
    CHECK(EventLogModel::timeText(SimTime::ns(30'005'257'662)) == "30.005257s");
}

TEST_CASE("clicking an event moves the views to its time and selects its subject") {
    TraceRecord r;
    r.time = SimTime::s(75);
    r.kind = TraceKind::ObjectCreated;
    r.subject = "pod/default/rcsise-nv8zm";
    Selection sel;
    EventLogModel::select(r, sel);
    REQUIRE(sel.goToTime);
    CHECK(*sel.goToTime == SimTime::s(75));
    CHECK(sel.kind == "pod");
    CHECK(sel.key == "default/rcsise-nv8zm");
    r.subject = "node/localhost";
    EventLogModel::select(r, sel);
    CHECK(sel.kind == "node");
    CHECK(sel.node == "localhost");
}
