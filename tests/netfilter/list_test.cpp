#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <kubenetsim/netfilter/list.hpp>
#include <kubenetsim/netfilter/restore.hpp>

using namespace kns::netfilter;

namespace {
std::string readFile(const std::string& name) {
    std::ifstream f(std::string(KNS_SOURCE_DIR "/tests/data/netfilter/") + name);
    REQUIRE_MESSAGE(f.good(), "cannot read " << name);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

Ruleset load(const std::string& name) {
    Ruleset r;
    RestoreResult res = restoreRuleset(r, readFile(name), {});
    REQUIRE_MESSAGE(res.ok, res.errorText);
    return r;
}

std::string all(const Ruleset& r, TableId t, ListOptions o) {
    auto out = listChains(*r.table(t), std::nullopt, o);
    REQUIRE(out);
    return *out;
}
} // namespace

// Each expected text below is the real iptables 1.8.9 (nf_tables) output for the same rules.
TEST_CASE("iptables -L -n lists kube-proxy's nat rules as the real command does") {
    Ruleset r = load("legacy-lb-affinity.rules");
    CHECK(all(r, TableId::Nat, ListOptions{true, false, false, false}) == readFile("kernel-list-nat-n.txt"));
}

TEST_CASE("iptables -L -n -v --line-numbers adds counters, interfaces and rule numbers") {
    Ruleset r = load("legacy-lb-affinity.rules");
    CHECK(all(r, TableId::Nat, ListOptions{true, true, false, true}) == readFile("kernel-list-nat-nv-lines.txt"));
    CHECK(all(r, TableId::Nat, ListOptions{true, true, true, false}) == readFile("kernel-list-nat-nvx.txt"));
    CHECK(all(r, TableId::Filter, ListOptions{true, true, false, false}) == readFile("kernel-list-filter-nv.txt"));
}

TEST_CASE("iptables -L prints every match and target of the engine as the real command does") {
    Ruleset r = load("kernel-saved.rules");
    CHECK(all(r, TableId::Filter, ListOptions{true, true, false, false}) == readFile("kernel-list-filter-all-nv.txt"));
    CHECK(all(r, TableId::Nat, ListOptions{true, true, false, false}) == readFile("kernel-list-nat-all-nv.txt"));
}

TEST_CASE("iptables -L without -n names protocols and well-known ports") {
    Ruleset r = load("legacy-lb-affinity.rules");
    auto services = listChains(*r.table(TableId::Nat), std::string("KUBE-SERVICES"), ListOptions{});
    REQUIRE(services);
    CHECK(*services == readFile("kernel-list-nat-services-names.txt"));
    Ruleset k = load("kernel-saved.rules");
    auto masq = listChains(*k.table(TableId::Nat), std::string("KUBE-MARK-MASQ"), ListOptions{});
    REQUIRE(masq);
    CHECK(*masq == readFile("kernel-list-markmasq-names.txt"));
}

TEST_CASE("iptables -S prints policies, chains, then rules") {
    Ruleset r = load("legacy-lb-affinity.rules");
    auto s = listRulesS(*r.table(TableId::Nat), std::nullopt);
    REQUIRE(s);
    CHECK(*s == readFile("kernel-S-nat.txt"));
    CHECK_FALSE(listRulesS(*r.table(TableId::Nat), std::string("NOPE")));
}
