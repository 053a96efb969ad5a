#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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

std::vector<std::string> addedLines(const RulesModel& m) {
    std::vector<std::string> out;
    for (const RuleLine& l : m.lines())
        if (l.added) out.push_back(l.text);
    return out;
}

// Plays the view forward as the window does, rebuilding each frame, until kube-proxy has synced
// past `syncs` with a change to show.
void playUntilChange(UiSession& s, RulesModel& m, std::uint64_t syncs) {
    for (int i = 0; i < 200 && !(m.syncs() > syncs && m.syncsInChange() > 0); ++i) {
        s.advanceView(SimTime::ms(100));
        m.rebuild(s.sim(), "localhost", "");
    }
}

const char* kOldSvcRule = "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV";

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
        // With one endpoint, the Service's chain jumped to it unconditionally; that rule is gone.
        CHECK(m.removed() == std::vector<std::string>{kOldSvcRule});
        CHECK(m.syncsInChange() == 1);
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

TEST_CASE("scaling down shows the rules kube-proxy removed, sorted, and the rule it rewrote as added") {
    auto s = tutorialSession(true);
    RulesModel m;
    m.rebuild(s->sim(), "localhost", "");
    CHECK(addedLines(m).empty());  // nothing shown before to compare with
    CHECK(m.removed().empty());
    const std::uint64_t before = m.syncs();
    REQUIRE(before > 0);
    REQUIRE(s->run("kubectl scale --replicas=1 rc/rcsise").result.status == 0);
    playUntilChange(*s, m, before);
    REQUIRE(m.syncs() > before);
    // The remaining endpoint is jumped to unconditionally now, with fresh counters.
    CHECK(addedLines(m) == std::vector<std::string>{std::string("[0:0] ") + kOldSvcRule});
    CHECK(m.addedCount() == 1);
    // The gone endpoint's chain and the Service's two jumps, in sorted order ('-' before ':').
    CHECK(m.removed() == std::vector<std::string>{
                             "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.4:9876",
                             "-A KUBE-SEP-PXYYII6AHMUWKLYX -s 172.17.0.4/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ",
                             "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-PXYYII6AHMUWKLYX",
                             "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability "
                             "0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV",
                             ":KUBE-SEP-PXYYII6AHMUWKLYX -",
                         });
    CHECK(std::is_sorted(m.removed().begin(), m.removed().end()));
    CHECK_FALSE(lineWith(m, "KUBE-SEP-PXYYII6AHMUWKLYX"));
    // The filter applies to the removed lines too.
    REQUIRE(m.rebuild(s->sim(), "localhost", "KUBE-MARK-MASQ"));
    CHECK(m.removed().size() == 1);
}

TEST_CASE("a model that looks again only after several syncs shows their change together and says how many") {
    auto s = tutorialSession(false);
    RulesModel m;
    m.rebuild(s->sim(), "localhost", "");
    const std::uint64_t before = m.syncs();
    REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise").result.status == 0);
    // The panel is closed for two minutes: kube-proxy syncs for the scale, then periodically.
    s->advanceView(SimTime::s(120));
    m.rebuild(s->sim(), "localhost", "");
    REQUIRE(m.syncs() > before + 1);
    CHECK(m.syncsInChange() == m.syncs() - before);
    const RuleLine* newSep = lineWith(m, "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp");
    REQUIRE(newSep);
    CHECK(newSep->added);
    CHECK(m.removed() == std::vector<std::string>{kOldSvcRule});
}

TEST_CASE("switching node forgets the change, and a step back to before the sync drops it") {
    auto s = tutorialSession(false);
    RulesModel m;
    m.rebuild(s->sim(), "localhost", "");
    const SessionSnapshot beforeScale = s->snapshot();
    const std::uint64_t before = m.syncs();
    REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise").result.status == 0);
    playUntilChange(*s, m, before);
    REQUIRE(m.addedCount() > 0);

    SUBCASE("another node and back") {
        m.rebuild(s->sim(), "no-such-node", "");
        CHECK(m.addedCount() == 0);
        m.rebuild(s->sim(), "localhost", "");
        CHECK(addedLines(m).empty());
        CHECK(m.removed().empty());
        CHECK(m.syncsInChange() == 0);
    }
    SUBCASE("a step back") {
        s->restore(beforeScale);
        m.rebuild(s->sim(), "localhost", "");
        CHECK(m.syncs() == before);
        CHECK(addedLines(m).empty());
        CHECK(m.removed().empty());
    }
}
