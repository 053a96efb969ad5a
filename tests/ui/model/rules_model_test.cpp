#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <ui/model/rules_model.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

const RuleLine* lineWith(const RulesModel& m, const std::string& needle) {
    for (const RuleLine& l : m.lines())
        if (l.text.find(needle) != std::string::npos) return &l;
    return nullptr;
}

} // namespace

TEST_CASE("the rules panel marks what kube-proxy's sync wrote after the scale, and keeps it through syncs that change nothing") {
    auto s = tutorialSession(false);
    RulesModel m;
    m.rebuild(s->sim(), "localhost", "");
    REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise").result.status == 0);
    // Play the view forward as the window does until kube-proxy has written the new endpoint.
    for (int i = 0; i < 200 && !lineWith(m, "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp"); ++i) {
        s->advanceView(SimTime::ms(100));
        m.rebuild(s->sim(), "localhost", "");
    }
    auto check = [&] {
        const RuleLine* newSep = lineWith(m, "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp");
        REQUIRE(newSep);
        CHECK(newSep->added);
        CHECK(newSep->rule);
        CHECK(newSep->text.rfind("[", 0) == 0);  // with its counters
        const RuleLine* statistic = lineWith(m, "--probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV");
        REQUIRE(statistic);
        CHECK(statistic->added);
        const RuleLine* oldSep = lineWith(m, "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp");
        REQUIRE(oldSep);
        CHECK_FALSE(oldSep->added);  // unchanged by the sync
        const auto& removed = m.removed();
        CHECK(std::find(removed.begin(), removed.end(),
                        "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV") != removed.end());
    };
    check();
    const std::uint64_t syncs = m.syncs();
    // A minute on, kube-proxy has synced again (periodically) without changing anything.
    for (int i = 0; i < 60; ++i) {
        s->advanceView(SimTime::s(1));
        m.rebuild(s->sim(), "localhost", "");
    }
    CHECK(m.syncs() > syncs);
    check();
}

TEST_CASE("the rules panel's filter keeps only matching lines and rebuilds only when something moved") {
    auto s = tutorialSession(false);
    RulesModel m;
    REQUIRE(m.rebuild(s->sim(), "localhost", ""));
    const std::size_t all = m.lines().size();
    CHECK_FALSE(m.rebuild(s->sim(), "localhost", ""));  // nothing moved
    REQUIRE(m.rebuild(s->sim(), "localhost", "simpleservice"));
    CHECK(m.lines().size() == 4);  // the tutorial's four rules for the Service
    CHECK(m.lines().size() < all);
    for (const RuleLine& l : m.lines()) CHECK(l.text.find("simpleservice") != std::string::npos);
    // A curl moves the counters: the model rebuilds and shows them.
    s->run(std::string("curl ") + kVip + ":80/info");
    REQUIRE(m.rebuild(s->sim(), "localhost", "simpleservice"));
    const RuleLine* services = lineWith(m, "-A KUBE-SERVICES -d 172.30.228.255/32");
    REQUIRE(services);
    CHECK(services->text.rfind("[1:", 0) == 0);
}

TEST_CASE("the rules panel shows nothing for a node that does not exist") {
    auto s = tutorialSession(false);
    RulesModel m;
    m.rebuild(s->sim(), "no-such-node", "");
    CHECK(m.lines().empty());
    CHECK(m.totalLines() == 0);
}
