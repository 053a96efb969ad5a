#include <doctest/doctest.h>

#include <kubenetsim/netfilter/chain_index.hpp>
#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "../support/generated_rules.hpp"

using namespace kns;
using namespace kns::netfilter;

namespace {

struct FirstPacket {
    Hook hook;
    PacketFields fields;
};

PacketFields packet(const std::string& src, const std::string& dst, int dport, const std::string& proto, const std::string& in) {
    PacketFields f;
    f.src = *Ipv4::parse(src);
    f.dst = *Ipv4::parse(dst);
    f.dport = static_cast<std::uint16_t>(dport);
    f.sport = 40000;
    f.proto = proto;
    f.in = in;
    return f;
}

// Every kind of first packet the generated services see: to each ClusterIP from outside, from a
// pod and from the node itself; to a wrong port; ICMP; to each NodePort and external IP.
std::vector<FirstPacket> firstPackets(int services) {
    std::vector<FirstPacket> out;
    for (int i = 0; i < services; ++i) {
        const std::string vip = testing::generatedClusterIP(i);
        const std::string proto = testing::generatedIsUdp(i) ? "udp" : "tcp";
        const int port = 80 + i % 3;
        out.push_back({Hook::Prerouting, packet("192.168.1." + std::to_string(1 + i % 3), vip, port, proto, "eth0")});
        out.push_back({Hook::Prerouting, packet("10.244.0." + std::to_string(2 + i % 5), vip, port, proto, "cbr0")});
        out.push_back({Hook::Output, packet("10.0.2.15", vip, port, proto, "")});
        out.push_back({Hook::Prerouting, packet("192.168.1.9", vip, 9999, proto, "eth0")});
        out.push_back({Hook::Prerouting, packet("192.168.1.9", vip, 0, "icmp", "eth0")});
        if (testing::generatedHasNodePort(i))
            out.push_back({Hook::Prerouting, packet("192.168.1.7", "10.0.2.15", testing::generatedNodePort(i), proto, "eth0")});
        if (i % 11 == 7) out.push_back({Hook::Prerouting, packet("192.168.1.8", "192.0.2." + std::to_string(i % 200), port, proto, "eth0")});
    }
    return out;
}

std::string describe(const Trace& t) {
    std::string s;
    for (const auto& st : t.steps) {
        s += tableName(st.table) + std::string(" ") + st.chain + "#" + std::to_string(st.rule) + (st.matched ? " hit " : " miss ") + st.action + " [" +
             st.text + "]";
        if (st.draw) s += " draw " + std::to_string(*st.draw) + " < " + std::to_string(*st.probability);
        s += "\n";
    }
    return s;
}

std::string outcome(const TableResult& r) {
    return std::to_string(static_cast<int>(r.verdict)) + " " + r.rejectWith + " " + (r.nat ? targetText(*r.nat) : "-") +
           " mark " + std::to_string(r.mark) + " walked " + std::to_string(r.rulesWalked);
}

std::size_t ruleSteps(const Trace& t) {
    std::size_t n = 0;
    for (const auto& st : t.steps)
        if (st.rule >= 0) ++n;
    return n;
}

Ruleset syncedRules(Era era, const ClusterState& objects) {
    Ruleset rules;
    if (era == Era::Legacy) proxy::addLegacyKubeletRules(rules);
    const proxy::SyncOutput out = testing::generatedSync(era, objects, rules);
    const RestoreResult r = proxy::applySync(rules, out);
    REQUIRE_MESSAGE(r.ok, r.errorText);
    return rules;
}

} // namespace

TEST_CASE("the indexed walk gives the linear walk's verdicts, counters, draws and traces on kube-proxy's rules") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        const int services = 80;
        const ClusterState objects = testing::generatedServices(services);
        Ruleset indexedRules = syncedRules(era, objects);
        Ruleset linearRules = indexedRules;
        Table& indexedNat = *indexedRules.table(TableId::Nat);
        Table& linearNat = *linearRules.table(TableId::Nat);
        REQUIRE(ChainIndex::of(*indexedNat.find("KUBE-SERVICES")) != nullptr);
        REQUIRE(ChainIndex::of(*indexedNat.find("KUBE-NODEPORTS")) != nullptr);

        Rng indexedRng(3), linearRng(3);
        RecentLists indexedRecent, linearRecent;
        auto isLocal = [](Ipv4 ip) { return ip.str() == "10.0.2.15"; };
        EvalContext indexedCtx{&indexedRng, &indexedRecent, SimTime::s(5), isLocal, Walk::Indexed};
        EvalContext linearCtx{&linearRng, &linearRecent, SimTime::s(5), isLocal, Walk::Linear};
        std::size_t dnat = 0;
        // Twice over, so that ClientIP affinity finds the clients of the first round.
        for (int round = 0; round < 2; ++round) {
            for (const FirstPacket& p : firstPackets(services)) {
                PacketFields a = p.fields, b = p.fields;
                Trace ta, tb;
                const TableResult ra = evaluateHook(indexedNat, p.hook, a, indexedCtx, &ta);
                const TableResult rb = evaluateHook(linearNat, p.hook, b, linearCtx, &tb);
                REQUIRE_MESSAGE(describe(ta) == describe(tb), describe(tb));
                CHECK(outcome(ra) == outcome(rb));
                CHECK(rb.rulesWalked == ruleSteps(tb));
                if (ra.nat && ra.nat->kind == TargetKind::Dnat) ++dnat;
                // And with traces off, which takes no trace-only path.
                PacketFields c = p.fields, d = p.fields;
                const TableResult rc = evaluateHook(indexedNat, p.hook, c, indexedCtx, nullptr);
                const TableResult rd = evaluateHook(linearNat, p.hook, d, linearCtx, nullptr);
                CHECK(outcome(rc) == outcome(rd));
            }
        }
        CHECK(dnat > 100);
        CHECK(indexedRng.next() == linearRng.next());
        CHECK(saveRuleset(indexedRules, {std::nullopt, true, "x"}) == saveRuleset(linearRules, {std::nullopt, true, "x"}));
    }
}

TEST_CASE("the indexed walk reports as walked every rule the linear walk evaluates, which grows with the services") {
    const ClusterState objects = testing::generatedServices(60);
    Ruleset rules = syncedRules(Era::Legacy, objects);
    Table& nat = *rules.table(TableId::Nat);
    Rng rng(1);
    EvalContext ctx{&rng, nullptr, SimTime::zero(), [](Ipv4) { return false; }, Walk::Indexed};
    // The last service's rule sits behind every other service's rules in KUBE-SERVICES.
    PacketFields first = packet("192.168.1.1", testing::generatedClusterIP(0), 80, "tcp", "eth0");
    PacketFields last = packet("192.168.1.1", testing::generatedClusterIP(59), 80 + 59 % 3, "tcp", "eth0");
    const TableResult a = evaluateHook(nat, Hook::Prerouting, first, ctx, nullptr);
    const TableResult b = evaluateHook(nat, Hook::Prerouting, last, ctx, nullptr);
    CHECK(a.rulesWalked < 10);
    CHECK(b.rulesWalked > 50);
}

TEST_CASE("a rule whose random draw comes before its port test is a candidate for every packet") {
    std::string dump = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n";
    for (int i = 0; i < 20; ++i) {
        dump += "-A PREROUTING -d 10.0.0." + std::to_string(i) + "/32 -p tcp -m tcp --dport 80 -j ACCEPT\n";
        if (i == 3) dump += "-A PREROUTING -p tcp -m statistic --mode random --probability 0.50000000000 -m tcp --dport 81 -j DROP\n";
        if (i == 5) dump += "-A PREROUTING -p tcp -m tcp --dport 81 -m statistic --mode random --probability 0.50000000000 -j DROP\n";
    }
    dump += "COMMIT\n";
    Ruleset indexed;
    REQUIRE(restoreRuleset(indexed, dump, {}).ok);
    Ruleset linear = indexed;
    const ChainIndex* index = ChainIndex::of(*indexed.table(TableId::Nat)->find("PREROUTING"));
    REQUIRE(index != nullptr);
    CHECK(index->wildcards() == 1);  // the draw after the port test does not make a wildcard
    Rng ra(9), rb(9);
    EvalContext ca{&ra, nullptr, SimTime::zero(), {}, Walk::Indexed};
    EvalContext cb{&rb, nullptr, SimTime::zero(), {}, Walk::Linear};
    PacketFields a = packet("192.168.1.1", "10.0.0.19", 80, "tcp", "eth0"), b = a;
    const TableResult x = evaluateHook(*indexed.table(TableId::Nat), Hook::Prerouting, a, ca, nullptr);
    const TableResult y = evaluateHook(*linear.table(TableId::Nat), Hook::Prerouting, b, cb, nullptr);
    CHECK(outcome(x) == outcome(y));
    CHECK(x.rulesWalked == 22);
    CHECK(ra.next() == rb.next());  // both walks drew once, at the wildcard
}

TEST_CASE("the index follows the rules when a restore changes the chain") {
    auto dumpWith = [](const std::string& verdictFor7) {
        std::string d = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n";
        for (int i = 0; i < 20; ++i)
            d += "-A PREROUTING -d 10.0.0." + std::to_string(i) + "/32 -p tcp -m tcp --dport " + (i == 7 ? "8080" : "80") + " -j " +
                 (i == 7 ? verdictFor7 : "ACCEPT") + "\n";
        return d + "COMMIT\n";
    };
    Ruleset rules;
    REQUIRE(restoreRuleset(rules, dumpWith("ACCEPT"), {}).ok);
    EvalContext ctx;
    PacketFields f = packet("192.168.1.1", "10.0.0.7", 8080, "tcp", "eth0");
    REQUIRE(ChainIndex::of(*rules.table(TableId::Nat)->find("PREROUTING")) != nullptr);
    CHECK(evaluateHook(*rules.table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr).verdict == Verdict::Accept);
    SUBCASE("grouped restore") { REQUIRE(restoreRuleset(rules, dumpWith("DROP"), {}).ok); }
    SUBCASE("line-by-line restore") { REQUIRE(restoreRuleset(rules, dumpWith("DROP"), {false, false, true}).ok); }
    SUBCASE("line-by-line restore into the same chain") { REQUIRE(restoreRuleset(rules, dumpWith("DROP"), {true, false, true}).ok); }
    CHECK(evaluateHook(*rules.table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr).verdict == Verdict::Drop);
}
