#include <doctest/doctest.h>

#include <cmath>

#include <kubenetsim/netfilter/branches.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/save.hpp>

using namespace kns;
using namespace kns::netfilter;

namespace {

// A legacy-style cascade of three endpoints (probabilities 1/3, 1/2, rest) and an nth rule.
const char* kCascade =
    "*nat\n"
    ":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
    ":KUBE-MARK-MASQ - [0:0]\n:SEP-A - [0:0]\n:SEP-B - [0:0]\n:SEP-C - [0:0]\n:SVC - [0:0]\n:NTH - [0:0]\n"
    "-A OUTPUT -d 172.30.0.5/32 -p tcp -m tcp --dport 80 -j SVC\n"
    "-A OUTPUT -d 172.30.0.6/32 -p tcp -m tcp --dport 80 -j NTH\n"
    "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n"
    "-A SEP-A -s 172.17.0.3/32 -j KUBE-MARK-MASQ\n"
    "-A SEP-A -p tcp -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
    "-A SEP-B -p tcp -m tcp -j DNAT --to-destination 172.17.0.4:9876\n"
    "-A SEP-C -p tcp -m tcp -j DNAT --to-destination 172.17.0.5:9876\n"
    "-A SVC -m statistic --mode random --probability 0.33332999982 -j SEP-A\n"
    "-A SVC -m statistic --mode random --probability 0.50000000000 -j SEP-B\n"
    "-A SVC -j SEP-C\n"
    "-A NTH -m statistic --mode nth --every 4 --packet 0 -j SEP-A\n"
    "-A NTH -j SEP-B\n"
    "COMMIT\n";

Ruleset load(const char* text) {
    Ruleset r;
    RestoreResult res = restoreRuleset(r, text, {});
    REQUIRE_MESSAGE(res.ok, res.errorText);
    return r;
}

PacketFields toService(const char* vip, const char* src = "10.0.2.15") {
    PacketFields f;
    f.src = *Ipv4::parse(src);
    f.dst = *Ipv4::parse(vip);
    f.dport = 80;
    f.sport = 40000;
    f.out = "eth0";
    return f;
}

std::string dnatOf(const Branch& b) {
    REQUIRE(b.result.nat.has_value());
    return b.result.nat->range.addrLo.str() + ":" + std::to_string(b.result.nat->range.portLo);
}

} // namespace

TEST_CASE("every branch of a three-endpoint cascade is enumerated in rule order with probabilities that sum to one") {
    Ruleset rules = load(kCascade);
    const std::string before = saveRuleset(rules, SaveOptions{std::nullopt, true, ""});
    EvalContext ctx;
    auto branches = enumerateBranches(*rules.table(TableId::Nat), Hook::Output, toService("172.30.0.5"), ctx);
    REQUIRE(branches.size() == 3);
    CHECK(dnatOf(branches[0]) == "172.17.0.3:9876");
    CHECK(dnatOf(branches[1]) == "172.17.0.4:9876");
    CHECK(dnatOf(branches[2]) == "172.17.0.5:9876");
    // The kernel's stored probabilities: 715827882/2^31 for 0.33333, then half of the rest.
    CHECK(branches[0].probability == doctest::Approx(0.33333).epsilon(1e-6));
    CHECK(branches[1].probability == doctest::Approx((1 - 0.33333) * 0.5).epsilon(1e-5));
    double sum = 0;
    for (const auto& b : branches) sum += b.probability;
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(branches[2].draws.size() == 2);
    CHECK_FALSE(branches[2].draws[0].matched);
    // Nothing of the caller's table changed: counters included.
    CHECK(saveRuleset(rules, SaveOptions{std::nullopt, true, ""}) == before);
}

TEST_CASE("a branch carries the mark its path set, so KUBE-MARK-MASQ shows only where the source is the endpoint itself") {
    Ruleset rules = load(kCascade);
    EvalContext ctx;
    auto branches = enumerateBranches(*rules.table(TableId::Nat), Hook::Output, toService("172.30.0.5", "172.17.0.3"), ctx);
    REQUIRE(branches.size() == 3);
    CHECK(branches[0].fields.mark == 0x4000);
    CHECK(branches[1].fields.mark == 0);
}

TEST_CASE("an nth rule counts as a draw that matches one connection in every N") {
    Ruleset rules = load(kCascade);
    EvalContext ctx;
    auto branches = enumerateBranches(*rules.table(TableId::Nat), Hook::Output, toService("172.30.0.6"), ctx);
    REQUIRE(branches.size() == 2);
    CHECK(branches[0].probability == doctest::Approx(0.25));
    CHECK(branches[1].probability == doctest::Approx(0.75));
    CHECK(dnatOf(branches[1]) == "172.17.0.4:9876");
}

TEST_CASE("a path without statistic rules is a single branch of probability one") {
    Ruleset rules = load(kCascade);
    EvalContext ctx;
    auto branches = enumerateBranches(*rules.table(TableId::Nat), Hook::Output, toService("172.30.9.9"), ctx);
    REQUIRE(branches.size() == 1);
    CHECK(branches[0].probability == 1.0);
    CHECK_FALSE(branches[0].result.nat.has_value());
    CHECK(branches[0].draws.empty());
}
