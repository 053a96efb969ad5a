#include <doctest/doctest.h>

#include <string>

#include <ui/model/chains_model.hpp>
#include <ui/model/packet_timeline.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

// The cursor on the SYN's first rule in the Service chain.
Selection::PacketCursor cursorInServiceChain(const UiSession& s, const PacketTimeline& timeline, int syn) {
    const auto& hops = s.sim().state().dataPlane.transport.hops;
    for (auto c = PacketTimeline::firstRuleOf(hops, syn); c.valid() && c.hop == syn; c = timeline.nextRule(hops, c))
        if (hops[static_cast<std::size_t>(c.hop)].result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps[static_cast<std::size_t>(c.rule)].chain == kSvcChain)
            return c;
    return {};
}

const ChainSection* section(const ChainsModel& m, const std::string& chain) {
    for (const auto& sec : m.chains)
        if (sec.chain == chain) return &sec;
    return nullptr;
}

} // namespace

TEST_CASE("the random draw reads as a comparison with the probability and what follows from it") {
    CHECK(drawText(0.37, 0.5, Lang::En) == "0.37 < 0.50 -> jump");
    CHECK(drawText(0.73, 0.5, Lang::En) == "0.73 >= 0.50 -> next rule");
    CHECK(drawText(0.33331, 0.33332999982, Lang::En) == "0.33331 < 0.33333 -> jump");
    CHECK(drawText(0.73, 0.5, Lang::Ja) == "0.73 >= 0.50 -> 次のルールへ");
    CHECK(drawComparison(0.3333, 0.33332999982) == "0.33330 < 0.33333");
}

TEST_CASE("inside the Service chain the chains view shows the rule under evaluation, its draw and the path so far") {
    auto s = tutorialSession(true);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    s->run(std::string("curl ") + kVip + ":80/info");
    PacketTimeline timeline;
    timeline.update(s->sim());
    const int syn = findHop(*s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    const auto c = cursorInServiceChain(*s, timeline, syn);
    REQUIRE(c.valid());

    const ChainsModel m = buildChainsModel(s->sim(), c, Lang::En);
    REQUIRE(m.valid);
    CHECK(m.ns == "node/localhost");
    CHECK(m.hook == "nat OUTPUT");
    CHECK_FALSE(m.reply);
    CHECK(m.currentChain == kSvcChain);
    CHECK(m.currentRule.find("-A KUBE-SVC-EZC6WLOVQADP4IAW") == 0);
    CHECK(m.currentRule.find("--probability 0.50000000000") != std::string::npos);
    const bool jumped = m.currentDraw.find(" < 0.50 -> jump") != std::string::npos;
    CHECK((jumped || m.currentDraw.find(" >= 0.50 -> next rule") != std::string::npos));

    // The path so far: nat OUTPUT -> KUBE-SERVICES -> the Service chain (current) -> ... -> POSTROUTING.
    REQUIRE(m.path.size() >= 4);
    CHECK(m.path[0].label == "nat OUTPUT");
    bool sawServices = false, current = false, sep = false;
    for (const auto& e : m.path) {
        sawServices = sawServices || e.label == "KUBE-SERVICES";
        if (e.current) {
            CHECK(e.label == kSvcChain);
            CHECK(sawServices);
            current = true;
        }
        sep = sep || (current && e.label.rfind("KUBE-SEP-", 0) == 0);
    }
    CHECK(current);
    CHECK(sep);

    // The Service chain lists both rules from the node's ruleset; the first is under evaluation.
    const ChainSection* svc = section(m, kSvcChain);
    REQUIRE(svc);
    CHECK(svc->current);
    CHECK_FALSE(svc->rewritten);
    REQUIRE(svc->rows.size() == 2);
    CHECK(svc->rows[0].current);
    CHECK(svc->rows[0].mark == (jumped ? RuleMark::Matched : RuleMark::NotMatched));
    CHECK(svc->rows[0].draw == m.currentDraw);
    CHECK(svc->rows[1].mark == RuleMark::NotReached);  // not yet evaluated at the cursor
    // KUBE-SERVICES was walked before: its rule for the Service matched and jumped here.
    const ChainSection* services = section(m, "KUBE-SERVICES");
    REQUIRE(services);
    const ChainRuleRow* jumpedHere = nullptr;
    for (const auto& row : services->rows)
        if (row.mark == RuleMark::Matched && row.action == std::string("jump ") + kSvcChain) jumpedHere = &row;
    REQUIRE(jumpedHere);
    CHECK(jumpedHere->packets == 1);  // counters as the node's ruleset holds them now: this SYN
    CHECK(jumpedHere->text.find("-d 172.30.228.255/32") != std::string::npos);

    // Headers before and after DNAT side by side.
    REQUIRE_FALSE(m.rewrites.empty());
    CHECK(m.rewrites[0].destination);
    CHECK(m.rewrites[0].before.dst.str() == kVip);
    CHECK(m.rewrites[0].after.dport == 9876);
}

TEST_CASE("the reply's hop on the node shows conntrack's un-NAT back to the virtual IP") {
    auto s = tutorialSession(false);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    s->run(std::string("curl ") + kVip + ":80/info");
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    int back = -1;
    for (std::size_t i = before; i < hops.size() && back < 0; ++i)
        if (hops[i].ns == "node/localhost" && !hops[i].inIface.empty() && hops[i].before.syn && hops[i].before.ack) back = static_cast<int>(i);
    REQUIRE(back >= 0);
    const ChainsModel m = buildChainsModel(s->sim(), PacketTimeline::firstRuleOf(hops, back), Lang::En);
    REQUIRE(m.valid);
    CHECK(m.reply);
    CHECK(m.conntrack.rfind("reply of connection", 0) == 0);
    REQUIRE(m.rewrites.size() == 1);
    CHECK(m.rewrites[0].unNat);
    CHECK_FALSE(m.rewrites[0].destination);
    CHECK(m.rewrites[0].before.src.str() == "172.17.0.3");
    CHECK(m.rewrites[0].after.src.str() == kVip);
    CHECK(m.rewrites[0].after.sport == 80);
}

TEST_CASE("an invalid cursor gives an empty chains view") {
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    CHECK_FALSE(buildChainsModel((*opened)->sim(), Selection::PacketCursor{}, Lang::En).valid);
    CHECK_FALSE(buildChainsModel((*opened)->sim(), Selection::PacketCursor{12345, 0, 0}, Lang::En).valid);
}

TEST_CASE("a pod reaching itself through its Service shows DNAT and MASQUERADE side by side on the node") {
    auto s = tutorialSession(false);  // one pod: the Service can only send it back to itself
    std::string podKey, podIP;
    for (const auto& [key, pod] : s->sim().objects().pods)
        if (key.rfind("default/rcsise-", 0) == 0) {
            podKey = key;
            podIP = pod.status.podIP;
        }
    REQUIRE_FALSE(podIP.empty());
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    const auto r = s->run("kubectl exec " + podKey.substr(8) + " -- curl -s " + std::string(kVip) + ":80/info");
    REQUIRE(r.result.status == 0);
    CHECK(r.result.out.find("\"from\": \"172.17.0.1\"") != std::string::npos);  // masqueraded: the bridge's address
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    int syn = -1;
    for (std::size_t i = before; i < hops.size() && syn < 0; ++i)
        if (hops[i].ns == "node/localhost" && !hops[i].inIface.empty() && hops[i].before.syn && !hops[i].before.ack &&
            hops[i].before.src.str() == podIP)
            syn = static_cast<int>(i);
    REQUIRE(syn >= 0);
    const ChainsModel m = buildChainsModel(s->sim(), PacketTimeline::firstRuleOf(hops, syn), Lang::En);
    REQUIRE(m.valid);
    REQUIRE(m.rewrites.size() == 2);
    CHECK(m.rewrites[0].destination);
    CHECK(m.rewrites[0].before.dst.str() == kVip);
    CHECK(m.rewrites[0].after.dst.str() == podIP);
    CHECK(m.rewrites[0].after.dport == 9876);
    CHECK_FALSE(m.rewrites[1].destination);
    CHECK_FALSE(m.rewrites[1].unNat);
    CHECK(m.rewrites[1].before.src.str() == podIP);
    CHECK(m.rewrites[1].after.src.str() == "172.17.0.1");
    CHECK(m.left.src.str() == "172.17.0.1");
    CHECK(m.left.dst.str() == podIP);
}
