#include <doctest/doctest.h>

#include <cmath>

#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/restore.hpp>

using namespace kns;
using namespace kns::netfilter;

namespace {

// The seed tutorial's nat rules with two endpoints (legacy kube-proxy, no cluster CIDR).
const char* kTwoEndpoints =
    "*nat\n"
    ":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
    ":KUBE-MARK-MASQ - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n"
    ":KUBE-SEP-4SQFZS32ZVMTQEZV - [0:0]\n:KUBE-SEP-PXYYII6AHMUWKLYX - [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-EZC6WLOVQADP4IAW - [0:0]\n"
    "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
    "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
    "-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING\n"
    "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n"
    "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -m mark --mark 0x4000/0x4000 -j MASQUERADE\n"
    "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
    "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
    "-A KUBE-SEP-PXYYII6AHMUWKLYX -s 172.17.0.4/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
    "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.4:9876\n"
    "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
    "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n"
    "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV\n"
    "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-PXYYII6AHMUWKLYX\n"
    "COMMIT\n";

Ruleset load(const char* text) {
    Ruleset r;
    RestoreResult res = restoreRuleset(r, text, {});
    REQUIRE_MESSAGE(res.ok, res.errorText);
    return r;
}

PacketFields toVip(const char* src) {
    PacketFields f;
    f.src = *Ipv4::parse(src);
    f.dst = *Ipv4::parse("172.30.228.255");
    f.dport = 80;
    f.sport = 40000;
    return f;
}

std::string describe(const Trace& t) {
    std::string s;
    for (const auto& st : t.steps) s += st.chain + "#" + std::to_string(st.rule) + (st.matched ? " hit " : " miss ") + st.action + "\n";
    return s;
}
} // namespace

TEST_CASE("a locally generated packet to the VIP is DNATed to one endpoint and not marked for masquerade") {
    Ruleset r = load(kTwoEndpoints);
    Rng rng(7);
    EvalContext ctx{&rng, nullptr, SimTime::zero(), [](Ipv4 ip) { return ip.str() == "10.0.2.15"; }};
    PacketFields f = toVip("10.0.2.15");
    Trace trace;
    TableResult res = evaluateHook(*r.table(TableId::Nat), Hook::Output, f, ctx, &trace);
    INFO(describe(trace));
    REQUIRE(res.nat);
    CHECK(res.nat->kind == TargetKind::Dnat);
    const std::string to = res.nat->range.addrLo.str();
    CHECK((to == "172.17.0.3" || to == "172.17.0.4"));
    CHECK(res.nat->range.portLo == 9876);
    CHECK((f.mark & 0x4000) == 0);
    // The first SVC rule was evaluated with a recorded draw against 0.5.
    bool sawDraw = false;
    for (const auto& s : trace.steps)
        if (s.chain == "KUBE-SVC-EZC6WLOVQADP4IAW" && s.rule == 0) {
            REQUIRE(s.draw);
            CHECK(*s.probability == doctest::Approx(0.5));
            CHECK(s.matched == (*s.draw < 0.5));
            sawDraw = true;
        }
    CHECK(sawDraw);
}

TEST_CASE("an endpoint reaching itself through the VIP is marked for masquerade (hairpin)") {
    Ruleset r = load(kTwoEndpoints);
    int hairpins = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        Rng rng(seed);
        EvalContext ctx{&rng, nullptr, SimTime::zero(), {}};
        PacketFields f = toVip("172.17.0.3");
        f.in = "docker0";
        TableResult res = evaluateHook(*r.table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr);
        REQUIRE(res.nat);
        const bool self = res.nat->range.addrLo.str() == "172.17.0.3";
        CHECK(((f.mark & 0x4000) != 0) == self);
        hairpins += self;
    }
    CHECK(hairpins > 0);
    CHECK(hairpins < 40);
}

TEST_CASE("a marked packet is masqueraded at POSTROUTING and an unmarked one passes") {
    Ruleset r = load(kTwoEndpoints);
    EvalContext ctx{};
    PacketFields marked = toVip("172.17.0.3");
    marked.mark = 0x4000;
    TableResult a = evaluateHook(*r.table(TableId::Nat), Hook::Postrouting, marked, ctx, nullptr);
    REQUIRE(a.nat);
    CHECK(a.nat->kind == TargetKind::Masquerade);
    PacketFields plain = toVip("10.0.2.15");
    TableResult b = evaluateHook(*r.table(TableId::Nat), Hook::Postrouting, plain, ctx, nullptr);
    CHECK_FALSE(b.nat);
    CHECK(b.verdict == Verdict::Accept);
}

TEST_CASE("per-rule counters count every matching packet") {
    Ruleset r = load(kTwoEndpoints);
    Rng rng(3);
    EvalContext ctx{&rng, nullptr, SimTime::zero(), {}};
    for (int n = 0; n < 100; ++n) {
        PacketFields f = toVip("10.0.2.15");
        evaluateHook(*r.table(TableId::Nat), Hook::Output, f, ctx, nullptr);
    }
    const Chain* svc = r.table(TableId::Nat)->find("KUBE-SERVICES");
    CHECK(svc->rules[0].counters.packets == 100);
    CHECK(svc->rules[0].counters.bytes == 6000);
    const Chain* sep1 = r.table(TableId::Nat)->find("KUBE-SEP-4SQFZS32ZVMTQEZV");
    const Chain* sep2 = r.table(TableId::Nat)->find("KUBE-SEP-PXYYII6AHMUWKLYX");
    CHECK(sep1->rules[1].counters.packets + sep2->rules[1].counters.packets == 100);
}

TEST_CASE("the 1/n cascade reaches each of n endpoints with probability 1/n") {
    for (int n : {2, 3, 10}) {
        std::string text = "*nat\n:S - [0:0]\n";
        for (int i = 0; i < n; ++i) text += ":E" + std::to_string(i) + " - [0:0]\n";
        text += "-A OUTPUT -j S\n";
        for (int i = 0; i < n; ++i) {
            text += "-A S";
            if (i < n - 1) {
                char p[32];
                std::snprintf(p, sizeof p, "%0.5f", 1.0 / (n - i));
                text += std::string(" -m statistic --mode random --probability ") + p;
            }
            text += " -j E" + std::to_string(i) + "\n";
            text += "-A E" + std::to_string(i) + " -p tcp -j DNAT --to-destination 10.0.0." + std::to_string(i + 1) + ":80\n";
        }
        text += "COMMIT\n";
        Ruleset r = load(text.c_str());
        Rng rng(2024);
        EvalContext ctx{&rng, nullptr, SimTime::zero(), {}};
        std::vector<int> hits(static_cast<std::size_t>(n));
        const int total = 20000;
        for (int k = 0; k < total; ++k) {
            PacketFields f = toVip("10.0.2.15");
            TableResult res = evaluateHook(*r.table(TableId::Nat), Hook::Output, f, ctx, nullptr);
            REQUIRE(res.nat);
            hits[(res.nat->range.addrLo.value & 0xFF) - 1]++;
        }
        // Pearson's chi-square against the uniform distribution; the 0.999 quantile for 9 degrees of
        // freedom is 27.88 (fewer degrees of freedom have smaller quantiles).
        double chi2 = 0;
        const double expected = static_cast<double>(total) / n;
        for (int h : hits) chi2 += (h - expected) * (h - expected) / expected;
        CAPTURE(n);
        CHECK(chi2 < 27.88);
    }
}

TEST_CASE("goto does not push, so RETURN from the goto chain leaves the calling chain too") {
    Ruleset r = load("*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A INPUT -j DROP\n-A A -g B\n-A A -j ACCEPT\n-A B -j RETURN\nCOMMIT\n");
    EvalContext ctx{};
    PacketFields f = toVip("10.0.0.1");
    Trace t;
    TableResult res = evaluateHook(*r.table(TableId::Filter), Hook::Input, f, ctx, &t);
    INFO(describe(t));
    CHECK(res.verdict == Verdict::Drop);  // back in INPUT after A, not in A's ACCEPT
}

TEST_CASE("ClientIP affinity: a client seen recently skips the random cascade") {
    Ruleset r = load(
        "*nat\n:S - [0:0]\n:E0 - [0:0]\n:E1 - [0:0]\n-A OUTPUT -j S\n"
        "-A S -m recent --name E0 --rcheck --seconds 10800 --reap -j E0\n"
        "-A S -m recent --name E1 --rcheck --seconds 10800 --reap -j E1\n"
        "-A S -m statistic --mode random --probability 0.5 -j E0\n-A S -j E1\n"
        "-A E0 -m recent --set --name E0 -p tcp -j DNAT --to-destination 10.0.0.1:80\n"
        "-A E1 -m recent --set --name E1 -p tcp -j DNAT --to-destination 10.0.0.2:80\n"
        "COMMIT\n");
    Rng rng(11);
    RecentLists recent;
    EvalContext ctx{&rng, &recent, SimTime::s(1), {}};
    PacketFields first = toVip("10.0.2.15");
    auto pick = [&] {
        PacketFields f = first;
        return evaluateHook(*r.table(TableId::Nat), Hook::Output, f, ctx, nullptr).nat->range.addrLo.str();
    };
    const std::string chosen = pick();
    for (int i = 0; i < 30; ++i) {
        ctx.now = ctx.now + SimTime::s(60);
        CHECK(pick() == chosen);
    }
    ctx.now = ctx.now + SimTime::s(10801);  // the entry expires: the cascade decides again
    int changed = 0;
    for (int i = 0; i < 30; ++i) {
        ctx.now = ctx.now + SimTime::s(10801);
        changed += pick() != chosen;
    }
    CHECK(changed > 0);
}
