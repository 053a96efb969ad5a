#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <ui/model/packet_timeline.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

std::vector<std::string> namespacesOf(const UiSession& s, const PacketJourney& j) {
    std::vector<std::string> out;
    for (int h : j.hops) out.push_back(s.sim().state().dataPlane.transport.hops[static_cast<std::size_t>(h)].ns);
    return out;
}

} // namespace

TEST_CASE("a curl from the node to the Service's virtual IP goes from the node's OUTPUT to the pod and its answer comes back as a reply") {
    auto s = tutorialSession(false);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    REQUIRE(s->run(std::string("curl ") + kVip + ":80/info").result.status == 0);
    PacketTimeline timeline;
    timeline.update(s->sim());
    const auto& hops = s->sim().state().dataPlane.transport.hops;

    const int syn = findHop(*s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    CHECK(hops[static_cast<std::size_t>(syn)].inIface.empty());  // sent by the node's own socket
    const PacketJourney& out = timeline.journeys()[static_cast<std::size_t>(timeline.journeyOf(syn))];
    CHECK_FALSE(out.reply);
    CHECK(namespacesOf(*s, out) == std::vector<std::string>{"node/localhost", "pod/default/rcsise-6nq3k"});
    // The SYN walked nat OUTPUT and was rewritten to the pod before it left.
    const HopRecord& first = hops[static_cast<std::size_t>(out.hops.front())];
    CHECK(first.after.dst.str() == "172.17.0.3");
    CHECK(first.after.dport == 9876);

    // The SYN,ACK: sent by the pod, un-NATed by the node's conntrack, delivered on the node.
    const int synAck = timeline.nextInJourney(syn) >= 0 ? [&] {
        for (std::size_t i = static_cast<std::size_t>(syn) + 1; i < hops.size(); ++i)
            if (hops[i].ns == "pod/default/rcsise-6nq3k" && hops[i].before.syn && hops[i].before.ack) return static_cast<int>(i);
        return -1;
    }() : -1;
    REQUIRE(synAck >= 0);
    const PacketJourney& back = timeline.journeys()[static_cast<std::size_t>(timeline.journeyOf(synAck))];
    CHECK(back.reply);
    CHECK(namespacesOf(*s, back) == std::vector<std::string>{"pod/default/rcsise-6nq3k", "node/localhost"});
    const HopRecord& home = hops[static_cast<std::size_t>(back.hops.back())];
    CHECK(home.after.src.str() == kVip);  // the reply's source is the virtual IP again
    CHECK(home.result.outcome == net::Outcome::Local);
}

TEST_CASE("a packet's position along its link is interpolated between the time it left and the time it arrived") {
    auto s = tutorialSession(false);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    s->run(std::string("curl ") + kVip + ":80/info");
    PacketTimeline timeline;
    timeline.update(s->sim());
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    const int syn = findHop(*s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    const int arrival = timeline.nextInJourney(syn);
    REQUIRE(arrival >= 0);
    const SimTime left = hops[static_cast<std::size_t>(syn)].at;
    const SimTime arrived = hops[static_cast<std::size_t>(arrival)].at;
    REQUIRE(arrived > left);

    auto synAt = [&](SimTime t) -> std::optional<PacketOnLink> {
        for (const PacketOnLink& p : timeline.onLinksAt(s->sim(), t))
            if (p.fromHop == syn) return p;
        return std::nullopt;
    };
    const auto quarter = synAt(left + SimTime::ns((arrived - left).nanos() / 4));
    REQUIRE(quarter);
    CHECK(quarter->fromNs == "node/localhost");
    CHECK(quarter->toNs == "pod/default/rcsise-6nq3k");
    CHECK(quarter->position == doctest::Approx(0.25).epsilon(0.01));
    CHECK_FALSE(quarter->reply);
    CHECK(quarter->packet.dst.str() == "172.17.0.3");  // on the wire: already DNATed
    const auto half = synAt(left + SimTime::ns((arrived - left).nanos() / 2));
    REQUIRE(half);
    CHECK(half->position == doctest::Approx(0.5).epsilon(0.01));
    CHECK_FALSE(synAt(arrived));  // arrived: no longer on the link
    CHECK_FALSE(synAt(left - SimTime::ns(1)));
}

TEST_CASE("the packet cursor walks the Service chain's rules in order, then the endpoint's chain, then POSTROUTING") {
    auto s = tutorialSession(true);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    s->run(std::string("curl ") + kVip + ":80/info");
    PacketTimeline timeline;
    timeline.update(s->sim());
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    const int syn = findHop(*s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);

    std::vector<std::pair<std::string, int>> walked;
    int svcRule0 = -1, svcRule1 = -1, sep = -1, postrouting = -1, services = -1;
    for (auto c = PacketTimeline::firstRuleOf(hops, syn); c.valid() && c.hop == syn; c = timeline.nextRule(hops, c)) {
        const auto& t = hops[static_cast<std::size_t>(c.hop)].result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps[static_cast<std::size_t>(c.rule)];
        const int at = static_cast<int>(walked.size());
        walked.emplace_back(t.chain, t.rule);
        if (t.chain == "KUBE-SERVICES" && services < 0) services = at;
        if (t.chain == kSvcChain && t.rule == 0) svcRule0 = at;
        if (t.chain == kSvcChain && t.rule == 1) svcRule1 = at;
        if (t.chain.rfind("KUBE-SEP-", 0) == 0 && sep < 0) sep = at;
        if (t.chain == "POSTROUTING") postrouting = at;
    }
    REQUIRE(svcRule0 >= 0);
    CHECK(services < svcRule0);
    CHECK(svcRule0 < sep);
    if (svcRule1 >= 0) CHECK(svcRule0 < svcRule1);  // the 50% rule lost its draw: on to the last rule
    if (svcRule1 >= 0) CHECK(svcRule1 < sep);
    CHECK(sep < postrouting);

    // Stepping back retraces the same rules.
    auto c = PacketTimeline::firstRuleOf(hops, syn);
    for (std::size_t i = 1; i < walked.size(); ++i) c = timeline.nextRule(hops, c);
    for (std::size_t i = walked.size() - 1; i > 0; --i) {
        c = timeline.previousRule(hops, c);
        const auto& t = hops[static_cast<std::size_t>(c.hop)].result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps[static_cast<std::size_t>(c.rule)];
        CHECK(std::make_pair(t.chain, t.rule) == walked[i - 1]);
    }

    // The next hop is the pod that answers.
    const auto next = timeline.nextHop(hops, PacketTimeline::firstRuleOf(hops, syn));
    REQUIRE(next.valid());
    CHECK(hops[static_cast<std::size_t>(next.hop)].ns.rfind("pod/default/rcsise-", 0) == 0);
}

TEST_CASE("the timeline starts over when the hop records are replaced by a restored snapshot") {
    auto s = tutorialSession(false);
    const auto snapshot = s->sim().snapshot();
    s->run(std::string("curl ") + kVip + ":80/info");
    PacketTimeline timeline;
    timeline.update(s->sim());
    const std::size_t journeys = timeline.journeys().size();
    REQUIRE(journeys > 0);
    s->mutableSim().restore(snapshot);
    timeline.update(s->sim());
    CHECK(timeline.journeys().size() < journeys);
}

TEST_CASE("after the oldest hops are dropped the timeline renumbers the rest and links them as a fresh read does") {
    auto s = tutorialSession(true);
    const std::size_t start = s->sim().state().dataPlane.transport.hops.size();
    for (int i = 0; i < 4; ++i) REQUIRE(s->run(std::string("curl ") + kVip + ":80/info").result.status == 0);
    auto& transport = s->mutableSim().state().dataPlane.transport;
    PacketTimeline kept;
    kept.update(s->sim());
    const std::size_t before = kept.journeys().size();
    // Cut in the middle of the second curl: its first packets lose their senders.
    const int secondSyn = findHop(*s, findHop(*s, start, "node/localhost", kVip, true) + 1, "node/localhost", kVip, true);
    REQUIRE(secondSyn > 0);
    const std::size_t cut = static_cast<std::size_t>(secondSyn) + 3;
    const HopRecord firstKept = transport.hops[cut];
    transport.hops.erase(transport.hops.begin(), transport.hops.begin() + static_cast<std::ptrdiff_t>(cut));
    transport.hopsDropped += cut;
    kept.update(s->sim());
    PacketTimeline fresh;
    fresh.update(s->sim());
    REQUIRE(transport.hops.front().at == firstKept.at);
    CHECK(kept.journeys().size() < before);
    CHECK(kept.journeys().size() == fresh.journeys().size());
    for (std::size_t i = 0; i < transport.hops.size(); ++i) {
        const int h = static_cast<int>(i);
        CHECK(kept.nextInJourney(h) == fresh.nextInJourney(h));
        CHECK(kept.previousInJourney(h) == fresh.previousInJourney(h));
        REQUIRE(kept.journeyOf(h) >= 0);
        CHECK(kept.journeys()[static_cast<std::size_t>(kept.journeyOf(h))].hops == fresh.journeys()[static_cast<std::size_t>(fresh.journeyOf(h))].hops);
    }
    // Packets on the wire during the last curl are found the same way, from renumbered hops.
    const int lastSyn = findHop(*s, transport.hops.size() / 2, "node/localhost", kVip, true);
    REQUIRE(lastSyn >= 0);
    const int arrival = kept.nextInJourney(lastSyn);
    REQUIRE(arrival >= 0);
    const SimTime mid = transport.hops[static_cast<std::size_t>(lastSyn)].at +
                        SimTime::ns((transport.hops[static_cast<std::size_t>(arrival)].at - transport.hops[static_cast<std::size_t>(lastSyn)].at).nanos() / 2);
    const auto a = kept.onLinksAt(s->sim(), mid);
    const auto b = fresh.onLinksAt(s->sim(), mid);
    REQUIRE(a.size() == b.size());
    REQUIRE_FALSE(a.empty());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].fromHop == b[i].fromHop);
        CHECK(a[i].toNs == b[i].toNs);
        CHECK(a[i].position == doctest::Approx(b[i].position));
    }
}

TEST_CASE("the reply journey of a curl's SYN is the SYN,ACK that came back through conntrack's un-NAT") {
    auto s = tutorialSession(true);
    const std::size_t start = s->sim().state().dataPlane.transport.hops.size();
    REQUIRE(s->run(std::string("curl ") + kVip + ":80/info").result.status == 0);
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    PacketTimeline timeline;
    timeline.update(s->sim());
    const int syn = findHop(*s, start, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    const int j = timeline.journeyOf(syn);
    REQUIRE(j >= 0);
    const int r = timeline.replyJourney(hops, j);
    REQUIRE(r > j);
    const PacketJourney& reply = timeline.journeys()[static_cast<std::size_t>(r)];
    CHECK(reply.reply);
    const HopRecord& first = hops[static_cast<std::size_t>(reply.hops.front())];
    const HopRecord& last = hops[static_cast<std::size_t>(reply.hops.back())];
    CHECK(first.ns.rfind("pod/default/rcsise-", 0) == 0);
    CHECK(first.before.syn);
    CHECK(first.before.ack);
    CHECK(last.ns == "node/localhost");
    CHECK(last.after.src.str() == kVip);  // un-NATed back to the Service's address
    CHECK(last.after.sport == 80);
    // A reply has no reply of its own; out of range asks for none.
    CHECK(timeline.replyJourney(hops, -1) == -1);
    CHECK(timeline.replyJourney(hops, static_cast<int>(timeline.journeys().size())) == -1);
}
