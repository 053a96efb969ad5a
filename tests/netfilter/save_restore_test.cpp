#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/rule_parser.hpp>
#include <kubenetsim/netfilter/save.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns::netfilter;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream f(path);
    REQUIRE_MESSAGE(f.good(), "cannot read " << path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string stripComments(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string l; std::getline(in, l);)
        if (l.rfind("#", 0) != 0) out += l + "\n";
    return out;
}

std::string saved(const Ruleset& r) { return stripComments(saveRuleset(r, SaveOptions{})); }

// Whether some rule of an `iptables-save -c` dump counted a packet.
bool hasTraffic(const std::string& dump) {
    std::istringstream in(dump);
    for (std::string l; std::getline(in, l);)
        if (l.rfind("[", 0) == 0 && l.rfind("[0:", 0) != 0) return true;
    return false;
}

// `dump` with its chains' counters (":INPUT ACCEPT [7:786]") reset to [0:0].
std::string withoutChainCounters(const std::string& dump) {
    std::istringstream in(dump);
    std::string out;
    for (std::string l; std::getline(in, l);)
        out += (l.rfind(":", 0) == 0 ? l.substr(0, l.rfind(" [")) + " [0:0]" : l) + "\n";
    return out;
}

// The first line where two dumps differ, both versions, for a failure message.
std::string firstDifference(const std::string& a, const std::string& b) {
    std::istringstream x(a), y(b);
    std::string l, m;
    for (int n = 1;; ++n) {
        const bool more = static_cast<bool>(std::getline(x, l)), moreToo = static_cast<bool>(std::getline(y, m));
        if (!more && !moreToo) return "";
        if (!more || !moreToo || l != m) return "line " + std::to_string(n) + ":\n  " + l + "\n  " + m;
    }
}
} // namespace

TEST_CASE("saving rules restored from a dump written by a real iptables-save gives the dump back") {
    // tests/data/netfilter/kernel-saved.rules is the output of iptables-save v1.8.9 (nf_tables) for a
    // ruleset covering every match and target the engine knows, header comments removed.
    const std::string kernel = readFile(KNS_SOURCE_DIR "/tests/data/netfilter/kernel-saved.rules");
    Ruleset r;
    RestoreResult res = restoreRuleset(r, kernel, {});
    REQUIRE_MESSAGE(res.ok, res.errorText);
    CHECK(saved(r) == kernel);
}

TEST_CASE("kube-proxy's restore input is saved in iptables' canonical option order") {
    Ruleset r;
    const std::string input =
        "*nat\n"
        ":KUBE-SERVICES - [0:0]\n"
        ":KUBE-SVC-EZC6WLOVQADP4IAW - [0:0]\n"
        "-A KUBE-SERVICES -m comment --comment \"default/simpleservice: cluster IP\" -m tcp -p tcp -d 172.30.228.255/32 --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
        "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment default/simpleservice: -m statistic --mode random --probability 0.33333 -j KUBE-SERVICES\n"
        "COMMIT\n";
    REQUIRE(restoreRuleset(r, input, {}).ok);
    const Chain* svc = r.table(TableId::Nat)->find("KUBE-SERVICES");
    REQUIRE(svc);
    CHECK(ruleText("KUBE-SERVICES", svc->rules[0]) ==
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW");
    const Chain* chain = r.table(TableId::Nat)->find("KUBE-SVC-EZC6WLOVQADP4IAW");
    CHECK(ruleText(chain->name, chain->rules[0]) ==
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability 0.33332999982 -j KUBE-SERVICES");
}

TEST_CASE("probabilities print as the kernel stores them, rounded to 31 bits") {
    CHECK(probabilityText(storedProbability(0.5)) == "0.50000000000");
    CHECK(probabilityText(storedProbability(0.33333)) == "0.33332999982");
    CHECK(probabilityText(storedProbability(0.3333333333)) == "0.33333333349");
    CHECK(probabilityText(storedProbability(0.2)) == "0.20000000019");
    CHECK(probabilityText(storedProbability(1.0)) == "1.00000000000");
}

TEST_CASE("comments are quoted unless every character is a letter, digit, dash or underscore") {
    CHECK(saveString("abc_d-e") == " abc_d-e");
    CHECK(saveString("default/simpleservice:") == " \"default/simpleservice:\"");
    CHECK(saveString("a\"b") == " \"a\\\"b\"");
    CHECK(saveString("") == " \"\"");
}

TEST_CASE("a restore that jumps to a chain its table lacks is refused, and the earlier tables stay") {
    Ruleset r;
    const std::string input = "*nat\n:A - [0:0]\n-A A -j ACCEPT\nCOMMIT\n*filter\n-A INPUT -j MISSING\nCOMMIT\n";
    RestoreResult res = restoreRuleset(r, input, {});
    CHECK_FALSE(res.ok);
    CHECK(res.exitStatus == 2);
    CHECK(res.errorText ==
          "iptables-restore v1.8.9 (nf_tables): Chain 'MISSING' does not exist\nError occurred at line: 6\n"
          "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n");
    REQUIRE(r.table(TableId::Nat));
    CHECK(r.table(TableId::Nat)->find("A"));
    CHECK_FALSE(r.table(TableId::Filter));
}

TEST_CASE("a table refused for a jump to a missing chain stops the restore: the tables after it are not applied") {
    Ruleset r;
    const std::string input = "*filter\n:B - [0:0]\n-A B -j MISSING\nCOMMIT\n*nat\n:A - [0:0]\nCOMMIT\n";
    RestoreResult res = restoreRuleset(r, input, {true, false});
    CHECK_FALSE(res.ok);
    CHECK(res.errorLine == 3);
    CHECK(res.tablesCommitted == 0);
    CHECK_FALSE(r.table(TableId::Filter));
    CHECK_FALSE(r.table(TableId::Nat));
}

TEST_CASE("a jump to a chain declared later in the block fails at COMMIT, as the real command reports it") {
    Ruleset r;
    RestoreResult res = restoreRuleset(r, "*nat\n:A - [0:0]\n-A A -j B\n:B - [0:0]\nCOMMIT\n", {});
    CHECK_FALSE(res.ok);
    CHECK(res.errorLine == 5);
    CHECK_FALSE(r.table(TableId::Nat));
}

TEST_CASE("restore errors carry the real command's text and status") {
    struct Case {
        const char* input;
        int status;
        const char* text;
    };
    const Case cases[] = {
        {"*nat\n-A NOPE -j ACCEPT\nCOMMIT\n", 1, "iptables-restore: line 2 failed: No chain/target/match by that name.\n"},
        {"*nat\n-A OUTPUT -j ACCEPT --bogus\nCOMMIT\n", 2,
         "iptables-restore v1.8.9 (nf_tables): unknown option \"--bogus\"\nError occurred at line: 2\n"
         "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n"},
        {"*bogus\nCOMMIT\n", 2,
         "iptables-restore v1.8.9 (nf_tables): iptables-restore: line 1 table name 'bogus' invalid\nError occurred at line: 1\n"
         "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n"},
        {"*nat\n-A OUTPUT -j ACCEPT\n", 1, "iptables-restore: COMMIT expected at line 3\n"},
    };
    for (const auto& c : cases) {
        Ruleset r;
        RestoreResult res = restoreRuleset(r, c.input, {});
        CAPTURE(c.input);
        CHECK_FALSE(res.ok);
        CHECK(res.exitStatus == c.status);
        CHECK(res.errorText == c.text);
        CHECK_FALSE(r.table(TableId::Nat));
    }
}

TEST_CASE("--noflush keeps undeclared chains and flushes declared ones") {
    Ruleset r;
    REQUIRE(restoreRuleset(r, "*nat\n:A - [0:0]\n:B - [0:0]\n-A A -j ACCEPT\n-A B -j ACCEPT\nCOMMIT\n", {}).ok);
    REQUIRE(restoreRuleset(r, "*nat\n:B - [0:0]\n-A B -j DROP\nCOMMIT\n", RestoreOptions{true, false}).ok);
    CHECK(saved(r) ==
          "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
          ":A - [0:0]\n:B - [0:0]\n-A A -j ACCEPT\n-A B -j DROP\nCOMMIT\n");
    REQUIRE(restoreRuleset(r, "*nat\n:C - [0:0]\nCOMMIT\n", {}).ok);
    CHECK_FALSE(r.table(TableId::Nat)->find("A"));
}

TEST_CASE("save(restore(x)) == x for the rules kube-proxy and the kubelet write on every node, with and without counters") {
    // NodePort, LoadBalancer with source ranges, externalTrafficPolicy Local, ClientIP affinity and a
    // Service without endpoints, in both eras; traffic through them first, so that counters are not all zero.
    for (const std::string profile : {"legacy", "modern"}) {
        CAPTURE(profile);
        kns::test::BootedCluster c(profile);
        kns::Simulation& sim = c.sim;
        REQUIRE(sim.api().create(kns::test::siseRC(2), "test"));
        auto service = [&](const std::string& name, const std::string& app, const std::string& type) {
            kns::Service s = kns::test::siseService(name, app);
            s.type = type;
            return s;
        };
        kns::Service lb = service("lb", "sise", "LoadBalancer");
        lb.loadBalancerSourceRanges = {"172.18.0.0/30", "192.168.99.0/24"};
        lb.externalTrafficPolicy = "Local";
        kns::Service aff = service("aff", "sise", "NodePort");
        aff.sessionAffinity = "ClientIP";
        for (const kns::Service& s : {service("web", "sise", "ClusterIP"), service("np", "sise", "NodePort"), lb, aff, service("empty", "nobody", "ClusterIP")})
            REQUIRE(sim.api().create(s, "test"));
        sim.runFor(kns::SimTime::s(60));
        for (const char* svc : {"web", "aff", "empty"}) {
            const std::string vip = sim.api().get<kns::Service>("default", svc)->clusterIP;
            kns::dataplane::curl(sim, kns::nodeNamespaceKey(sim.config().shellNode), {"curl", "-s", "-m", "1", vip + "/info"});
        }
        for (const auto& node : sim.config().nodes) {
            CAPTURE(node.name);
            const Ruleset& rules = sim.state().dataPlane.namespaces.at(kns::nodeNamespaceKey(node.name)).rules;
            for (bool counters : {false, true}) {
                CAPTURE(counters);
                const SaveOptions options{std::nullopt, counters, "Fri Nov 27 09:00:00 2026"};
                const std::string x = saveRuleset(rules, options);
                CHECK(x.find(counters ? "] -A KUBE-SERVICES" : "\n-A KUBE-SERVICES") != std::string::npos);
                for (const char* part : {"-m recent --set", "has no endpoints\" -m tcp --dport 80 -j REJECT", "KUBE-NODEPORTS"})
                    CHECK(x.find(part) != std::string::npos);
                for (const char* chain : profile == "legacy" ? std::vector<const char*>{":KUBE-XLB-"} : std::vector<const char*>{":KUBE-FW-", ":KUBE-SVL-", ":KUBE-EXT-"})
                    CHECK(x.find(chain) != std::string::npos);
                if (counters && node.name == sim.config().shellNode) CHECK(hasTraffic(x));
                Ruleset restored;
                RestoreResult res = restoreRuleset(restored, x, RestoreOptions{false, counters});
                REQUIRE_MESSAGE(res.ok, res.errorText);
                // iptables-save prints the built-in chains' counters even without -c, and
                // iptables-restore without -c sets them to zero (as iptables 1.8.9 does).
                const std::string expected = counters ? x : withoutChainCounters(x);
                const std::string again = saveRuleset(restored, options);
                CHECK_MESSAGE(again == expected, firstDifference(expected, again));
            }
        }
    }
}
