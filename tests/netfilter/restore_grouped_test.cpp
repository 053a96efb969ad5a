#include <doctest/doctest.h>

#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "../support/generated_rules.hpp"

using namespace kns;
using namespace kns::netfilter;

namespace {

const RestoreOptions kLineByLineNoflush{true, false, true};

std::string saved(const Ruleset& r) { return saveRuleset(r, {std::nullopt, true, "x"}); }

// kube-proxy's sync with the restore forced line by line.
RestoreResult applyLineByLine(Ruleset& rules, const proxy::SyncOutput& out) {
    // The jump rules, each followed by an empty restore ("*filter COMMIT *nat COMMIT").
    proxy::SyncOutput jumpsOnly;
    jumpsOnly.jumps = out.jumps;
    proxy::applySync(rules, jumpsOnly);
    return restoreRuleset(rules, out.restoreText(), kLineByLineNoflush);
}

void checkSame(const RestoreResult& a, const RestoreResult& b) {
    CHECK(a.ok == b.ok);
    CHECK(a.exitStatus == b.exitStatus);
    CHECK(a.errorText == b.errorText);
    CHECK(a.errorLine == b.errorLine);
    CHECK(a.tablesCommitted == b.tablesCommitted);
    CHECK(a.rulesWritten == b.rulesWritten);
}

} // namespace

TEST_CASE("kube-proxy's syncs give the same tables through the grouped restore as line by line") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        ClusterState objects = testing::generatedServices(40);
        Ruleset grouped, lineByLine;
        if (era == Era::Legacy) {
            proxy::addLegacyKubeletRules(grouped);
            proxy::addLegacyKubeletRules(lineByLine);
        }
        auto syncBoth = [&] {
            const proxy::SyncOutput a = testing::generatedSync(era, objects, grouped);
            const proxy::SyncOutput b = testing::generatedSync(era, objects, lineByLine);
            REQUIRE(a.restoreText() == b.restoreText());
            const RestoreResult ra = proxy::applySync(grouped, a);
            const RestoreResult rb = applyLineByLine(lineByLine, b);
            REQUIRE_MESSAGE(ra.ok, ra.errorText);
            checkSame(ra, rb);
            CHECK(saved(grouped) == saved(lineByLine));
        };
        syncBoth();
        // Traffic between syncs: counters the next sync resets on chains it writes again.
        Rng rng(5);
        EvalContext ctx{&rng, nullptr, SimTime::zero(), [](Ipv4) { return false; }, Walk::Indexed};
        for (Ruleset* r : {&grouped, &lineByLine}) {
            Rng same(5);
            ctx.rng = &same;
            for (int i = 0; i < 40; ++i) {
                PacketFields f;
                f.src = *Ipv4::parse("192.168.1.1");
                f.dst = *Ipv4::parse(testing::generatedClusterIP(i));
                f.dport = static_cast<std::uint16_t>(80 + i % 3);
                f.proto = testing::generatedIsUdp(i) ? "udp" : "tcp";
                evaluateHook(*r->table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr);
            }
        }
        CHECK(saved(grouped) == saved(lineByLine));
        // Endpoints change, a service goes (its chains are deleted), one loses every endpoint.
        objects.services.erase("gen/svc-003");
        objects.endpoints["gen/svc-010"].subsets.clear();
        objects.endpointSlices["gen/svc-010-x"].endpoints.clear();
        objects.endpoints["gen/svc-012"].subsets.at(0).addresses.at(0).ip = "10.244.9.9";
        objects.endpointSlices["gen/svc-012-x"].endpoints.at(0).addresses = {"10.244.9.9"};
        syncBoth();
        syncBoth();  // nothing changed: every chain is written with the lines it already holds
    }
}

TEST_CASE("restoring a chain's same lines keeps its parsed rules and resets their counters") {
    const std::string dump =
        "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n"
        "-A PREROUTING -j KUBE-SERVICES\n"
        "-A KUBE-SERVICES -d 172.30.0.1/32 -p tcp -m tcp --dport 80 -j ACCEPT\n"
        "-A KUBE-SERVICES -p tcp -m statistic --mode nth --every 2 --packet 0 -j ACCEPT\n"
        "COMMIT\n";
    Ruleset rules;
    REQUIRE(restoreRuleset(rules, dump, {}).ok);
    EvalContext ctx;
    PacketFields f;
    f.dst = *Ipv4::parse("172.30.0.9");
    f.dport = 80;
    evaluateHook(*rules.table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr);
    const Chain* services = rules.table(TableId::Nat)->find("KUBE-SERVICES");
    REQUIRE(services->rules[1].counters.packets == 1);
    const Rule* before = services->rules.data();
    const std::string fresh = saved(rules);
    REQUIRE(restoreRuleset(rules, dump, {true, false, false}).ok);
    services = rules.table(TableId::Nat)->find("KUBE-SERVICES");
    CHECK(services->rules.data() == before);
    CHECK(services->rules[1].counters.packets == 0);
    CHECK(std::get<StatisticMatch>(services->rules[1].matches[0]).nthCounter == 0);
    Ruleset reference;
    REQUIRE(restoreRuleset(reference, dump, {}).ok);
    CHECK(saved(rules) == saved(reference));
    CHECK(fresh != saved(reference));
}

TEST_CASE("inputs the grouped restore does not take are restored line by line, errors included") {
    const std::string head = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n";
    const std::vector<std::string> inputs = {
        head + ":A - [0:0]\n-A A -j MISSING\nCOMMIT\n",
        head + ":A - [0:0]\n:B - [0:0]\n-A A -j B\n-X B\nCOMMIT\n",
        head + ":A - [0:0]\n-A A -j ACCEPT\n-X A\nCOMMIT\n",
        head + ":A DROP [0:0]\nCOMMIT\n",
        head + ":PREROUTING QUEUE [0:0]\nCOMMIT\n",
        head + "-A NOPE -j ACCEPT\nCOMMIT\n",
        head + "-A PREROUTING -j B\n:B - [0:0]\nCOMMIT\n",
        head + ":A - [0:0]\n-A A -m nosuchmatch -j ACCEPT\nCOMMIT\n",
        head + ":A - [0:0]\n-N C\n-A C -j A\n-I PREROUTING -j C\nCOMMIT\n",
        head + ":A - [0:0]\n-X A\n-A PREROUTING -j A\nCOMMIT\n",
        head + ":A - [0:0]\n-X A\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n",
        head + ":A - [0:0]\n-A A -j ACCEPT\n",
    };
    for (const std::string& text : inputs) {
        CAPTURE(text);
        for (bool noflush : {false, true}) {
            Ruleset grouped, lineByLine;
            const std::string prior = head + ":A - [0:0]\n:KEEP - [0:0]\n-A KEEP -j A\n-A A -j ACCEPT\nCOMMIT\n";
            REQUIRE(restoreRuleset(grouped, prior, {}).ok);
            REQUIRE(restoreRuleset(lineByLine, prior, {}).ok);
            checkSame(restoreRuleset(grouped, text, {noflush, false, false}), restoreRuleset(lineByLine, text, {noflush, false, true}));
            CHECK(saved(grouped) == saved(lineByLine));
        }
    }
}
