#include <doctest/doctest.h>

#include <string>

#include <ui/model/statistics_model.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

TEST_CASE("statistics count each endpoint's hits against the expected half for two pods") {
    auto s = tutorialSession(true);
    REQUIRE(s->run(std::string("load --to ") + kVip + ":80 --count 200").result.status == 0);
    const StatisticsModel m = buildStatistics(s->sim(), s->eventLog());
    const ServiceStats* svc = nullptr;
    for (const auto& x : m.services)
        if (x.key == "default/simpleservice") svc = &x;
    REQUIRE(svc);
    CHECK(svc->clusterIP == kVip);
    REQUIRE(svc->endpoints.size() == 2);
    CHECK(svc->expectedShare == doctest::Approx(0.5));
    CHECK(svc->total == 200);
    CHECK(svc->endpoints[0].hits + svc->endpoints[1].hits == 200);
    CHECK(svc->endpoints[0].pod == "default/rcsise-6nq3k");
    CHECK(svc->endpoints[0].address == "172.17.0.3:9876");
    // A fair spread: each pod answers between 30% and 70% of 200 requests.
    for (const auto& e : svc->endpoints) {
        CHECK(e.share > 0.3);
        CHECK(e.share < 0.7);
    }
}

TEST_CASE("statistics show each node's rules, kube-proxy's syncs with their modelled durations, and conntrack entries") {
    auto s = tutorialSession(true);
    s->run(std::string("curl ") + kVip + ":80/info");
    const StatisticsModel m = buildStatistics(s->sim(), s->eventLog());
    REQUIRE(m.nodes.size() == 1);
    const NodeStats& n = m.nodes[0];
    CHECK(n.node == "localhost");
    CHECK(n.rules > 0);
    CHECK(n.syncs >= 2);  // at least: at start, for the Service, for the second pod
    CHECK(n.lastSyncDuration > SimTime::zero());
    CHECK(n.conntrackEntries > 0);
    REQUIRE(m.syncs.size() >= n.syncs);
    for (std::size_t i = 1; i < m.syncs.size(); ++i) CHECK(m.syncs[i - 1].at <= m.syncs[i].at);
    CHECK(m.syncs.back().node == "localhost");
    CHECK(m.syncs.back().lines > 0);
    CHECK(m.syncs.back().duration > SimTime::zero());
}
