#include <doctest/doctest.h>

#include <kubenetsim/netfilter/compiled_table.hpp>
#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "../support/generated_rules.hpp"

using namespace kns;
using namespace kns::netfilter;

namespace {

std::string saved(const Ruleset& r) { return saveRuleset(r, {std::nullopt, true, "x"}); }

// Rules that use every match and target the compiled form knows, and some it leaves to the
// evaluator's own code (interfaces, nth, addrtype, recent, physdev, an unnamed protocol), and
// rules with several matches (the compiled form keeps a rule's first one apart from the others).
const char* kVaried =
    "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
    ":A - [0:0]\n:B - [0:0]\n:C - [0:0]\n"
    "-A PREROUTING -i eth1 -j RETURN\n"
    "-A PREROUTING ! -s 10.0.0.0/8 -p udp -m udp --sport 1000:2000 -j B\n"
    "-A PREROUTING -m mark --mark 0x1/0x1 -j C\n"
    "-A PREROUTING -p tcp -m statistic --mode nth --every 3 --packet 1 -j MARK --set-xmark 0x1/0x1\n"
    "-A PREROUTING -p tcp -m statistic --mode random --probability 0.30000000000 -j A\n"
    "-A PREROUTING -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
    "-A PREROUTING -p tcp -m tcp --sport 40000:50000 -m mark ! --mark 0x2/0x2 -m conntrack --ctstate NEW -m addrtype --dst-type LOCAL -j B\n"
    "-A PREROUTING -s 10.0.0.0/24 -d 172.30.0.0/23 -p udp -m mark --mark 0x0/0x4 -m udp --dport 80:81 -j C\n"
    "-A PREROUTING -p icmp -j DROP\n"
    "-A PREROUTING -p sctp -j DROP\n"
    "-A PREROUTING -m addrtype --dst-type LOCAL -g C\n"
    "-A PREROUTING -d 172.30.0.0/16 -p tcp -m tcp ! --dport 80 -j A\n"
    "-A PREROUTING -j B\n"
    "-A A -m recent --rcheck --seconds 60 --name seen --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.1.1.1:80\n"
    "-A A -m recent --set --name seen --mask 255.255.255.255 --rsource\n"
    "-A A ! -d 172.30.1.0/24 -j RETURN\n"
    "-A A -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.1.1.2:8080\n"
    "-A B -m mark ! --mark 0x1/0x1 -j MARK --set-xmark 0x4/0x4\n"
    "-A B -p udp -j SNAT --to-source 10.9.9.9\n"
    "-A B -m physdev --physdev-is-in -j MASQUERADE\n"
    "-A C -m statistic --mode random ! --probability 0.50000000000 -j RETURN\n"
    "-A C -j LOG --log-prefix \"c: \"\n"
    "-A C -j ACCEPT\n"
    "COMMIT\n";

PacketFields randomPacket(Rng& rng) {
    static const char* kProtos[] = {"tcp", "udp", "icmp", "sctp", "gre"};
    static const char* kIfaces[] = {"eth0", "eth1", "cbr0", ""};
    PacketFields f;
    f.src = Ipv4{(rng.below(2) ? 0x0A000000u : 0xC0A80100u) + static_cast<std::uint32_t>(rng.below(300))};
    const std::uint64_t d = rng.below(4);
    f.dst = d == 0 ? *Ipv4::parse("10.0.2.15") : Ipv4{0xAC1E0000u + static_cast<std::uint32_t>(rng.below(600))};
    if (d == 3) f.dst = Ipv4{0xAC1E000Au + static_cast<std::uint32_t>(rng.below(200))};
    f.proto = kProtos[rng.below(5)];
    f.sport = static_cast<std::uint16_t>(rng.below(2) ? 1500 : 40000 + rng.below(100));
    f.dport = static_cast<std::uint16_t>(rng.below(3) ? 80 + rng.below(3) : rng.below(65536));
    f.in = kIfaces[rng.below(4)];
    f.mark = static_cast<std::uint32_t>(rng.below(8));
    f.ctState = rng.below(4) ? kCtNew : kCtEstablished;
    f.bridged = rng.below(4) == 0;
    if (f.bridged) f.physIn = "veth1";
    return f;
}

std::string outcome(const TableResult& r) {
    return std::to_string(static_cast<int>(r.verdict)) + " " + r.rejectWith + " " + (r.nat ? targetText(*r.nat) : "-") +
           " mark " + std::to_string(r.mark) + " walked " + std::to_string(r.rulesWalked);
}

// Sends the same random packets through `compiled` (classifyHook, via evaluateHook without a
// trace) and `traced` (the traced linear walk), at every hook, and checks they agree.
void agree(Ruleset& compiled, Ruleset& traced, TableId table, int packets, std::uint64_t seed, std::size_t minDecided) {
    Rng pick(seed), drawsA(seed + 1), drawsB(seed + 1);
    RecentLists recentA, recentB;
    auto isLocal = [](Ipv4 ip) { return ip.str() == "10.0.2.15"; };
    EvalContext a{&drawsA, &recentA, SimTime::s(3), isLocal, Walk::Indexed};
    EvalContext b{&drawsB, &recentB, SimTime::s(3), isLocal, Walk::Linear};
    std::size_t decided = 0;
    for (int n = 0; n < packets; ++n) {
        const PacketFields f = randomPacket(pick);
        for (Hook hook : Table::builtinHooks(table)) {
            PacketFields fa = f, fb = f;
            Trace trace;
            const TableResult ra = evaluateHook(*compiled.table(table), hook, fa, a, nullptr);
            const TableResult rb = evaluateHook(*traced.table(table), hook, fb, b, &trace);
            REQUIRE_MESSAGE(outcome(ra) == outcome(rb), "packet " << n << " at " << hookName(hook));
            CHECK(fa.mark == fb.mark);
            if (rb.nat || rb.verdict != Verdict::Accept) ++decided;
        }
    }
    CHECK(decided >= minDecided);  // enough packets reach a verdict or a NAT target for the comparison to mean something
    CHECK(drawsA == drawsB);
    CHECK(recentA.lists == recentB.lists);
    CHECK(saved(compiled) == saved(traced));
}

} // namespace

TEST_CASE("the compiled form classifies random packets as the traced walk does, counters and draws included") {
    Ruleset compiled, traced;
    REQUIRE(restoreRuleset(compiled, kVaried, {}).ok);
    REQUIRE(restoreRuleset(traced, kVaried, {}).ok);
    agree(compiled, traced, TableId::Nat, 3000, 5, 500);
}

TEST_CASE("the compiled form agrees with the traced walk on kube-proxy's rules in both eras") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        const ClusterState objects = testing::generatedServices(90);
        Ruleset compiled;
        if (era == Era::Legacy) proxy::addLegacyKubeletRules(compiled);
        REQUIRE(proxy::applySync(compiled, testing::generatedSync(era, objects, compiled)).ok);
        Ruleset traced = compiled;
        agree(compiled, traced, TableId::Nat, 4000, 9, 40);
        agree(compiled, traced, TableId::Filter, 1000, 10, 0);
    }
}

TEST_CASE("the compiled form follows the rules when a restore changes them") {
    Ruleset rules;
    REQUIRE(restoreRuleset(rules, kVaried, {}).ok);
    Table& nat = *rules.table(TableId::Nat);
    EvalContext ctx;
    PacketFields f;
    f.proto = "icmp";
    CHECK(classifyHook(nat, Hook::Prerouting, f, ctx).verdict == Verdict::Drop);
    const std::uint64_t before = nat.stamp();
    REQUIRE(restoreRuleset(rules, "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p icmp -j ACCEPT\nCOMMIT\n", {true, false, false}).ok);
    CHECK(rules.table(TableId::Nat)->stamp() != before);
    PacketFields g;
    g.proto = "icmp";
    const Classification c = classifyHook(*rules.table(TableId::Nat), Hook::Prerouting, g, ctx);
    CHECK(c.verdict == Verdict::Accept);
    REQUIRE(c.target != nullptr);
    CHECK(c.target->kind == TargetKind::Accept);
}

TEST_CASE("a table's stamp moves with its chains and rules, not with counters, and a copy has its own") {
    Ruleset rules;
    REQUIRE(restoreRuleset(rules, kVaried, {}).ok);
    Table& nat = *rules.table(TableId::Nat);
    const std::uint64_t first = nat.stamp();
    EvalContext ctx;
    PacketFields f;
    evaluateHook(nat, Hook::Prerouting, f, ctx, nullptr);
    CHECK(nat.stamp() == first);
    CHECK_FALSE(nat.countedChains().empty());
    const Table copy = nat;
    CHECK(copy.stamp() != first);
    nat.ensureChain("NEW");
    CHECK(nat.stamp() != first);
    const std::uint64_t second = nat.stamp();
    nat.find("A")->rules.pop_back();
    nat.find("A")->rulesChanged();
    CHECK(nat.stamp() != second);
}
