#include <doctest/doctest.h>

#include <sstream>

#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

using namespace kns;
using namespace kns::proxy;

namespace {

ClusterState tutorialState(const std::vector<std::string>& podIPs) {
    ClusterState s;
    Service svc;
    svc.meta.ns = "default";
    svc.meta.name = "simpleservice";
    svc.clusterIP = "172.30.228.255";
    ServicePort p;
    p.port = 80;
    p.targetPort = IntOrString::ofInt(9876);
    svc.ports.push_back(p);
    svc.selector = {{"app", "sise"}};
    s.services["default/simpleservice"] = svc;
    Endpoints ep;
    ep.meta = svc.meta;
    EndpointSubset subset;
    for (const auto& ip : podIPs) subset.addresses.push_back(EndpointAddress{ip, "localhost", std::nullopt});
    subset.ports.push_back(EndpointPort{"", 9876, "TCP"});
    if (!podIPs.empty()) ep.subsets.push_back(subset);
    s.endpoints["default/simpleservice"] = ep;
    return s;
}

std::string grep(const std::string& text, const std::string& needle) {
    std::istringstream in(text);
    std::string out;
    for (std::string l; std::getline(in, l);)
        if (l.find(needle) != std::string::npos) out += l + "\n";
    return out;
}

std::string syncAndSave(netfilter::Ruleset& rules, const ClusterState& state) {
    SyncInput in;
    in.objects = &state;
    in.nodeName = "localhost";
    in.serviceOrder = {"default/simpleservice"};
    if (const auto* nat = rules.table(netfilter::TableId::Nat))
        for (const auto& c : nat->chains()) in.existingNatChains.push_back(c.name);
    SyncOutput out = generateLegacyRules(in);
    auto res = applySync(rules, out);
    REQUIRE_MESSAGE(res.ok, res.errorText << out.restoreText());
    return netfilter::saveRuleset(rules, {});
}

} // namespace

TEST_CASE("legacy kube-proxy writes the seed tutorial's four rules for one endpoint") {
    netfilter::Ruleset rules;
    addLegacyKubeletRules(rules);
    const std::string saved = syncAndSave(rules, tutorialState({"172.17.0.3"}));
    CHECK(grep(saved, "simpleservice") ==
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV\n");
}

TEST_CASE("after scaling to two endpoints the legacy rules are the seed tutorial's seven lines") {
    netfilter::Ruleset rules;
    addLegacyKubeletRules(rules);
    syncAndSave(rules, tutorialState({"172.17.0.3"}));
    const std::string saved = syncAndSave(rules, tutorialState({"172.17.0.3", "172.17.0.4"}));
    CHECK(grep(saved, "simpleservice") ==
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.3:9876\n"
          "-A KUBE-SEP-PXYYII6AHMUWKLYX -s 172.17.0.4/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SEP-PXYYII6AHMUWKLYX -p tcp -m comment --comment \"default/simpleservice:\" -m tcp -j DNAT --to-destination 172.17.0.4:9876\n"
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: cluster IP\" -m tcp --dport 80 -j KUBE-SVC-EZC6WLOVQADP4IAW\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-PXYYII6AHMUWKLYX\n");
}

TEST_CASE("three endpoints give the legacy 0.33333 cascade as the kernel stores it") {
    netfilter::Ruleset rules;
    addLegacyKubeletRules(rules);
    const std::string saved = syncAndSave(rules, tutorialState({"172.17.0.3", "172.17.0.4", "172.17.0.5"}));
    CHECK(saved.find("--probability 0.33332999982 -j KUBE-SEP-4SQFZS32ZVMTQEZV") != std::string::npos);
    CHECK(saved.find("--probability 0.50000000000 -j KUBE-SEP-PXYYII6AHMUWKLYX") != std::string::npos);
}

TEST_CASE("scaling down deletes the stale endpoint chain and no endpoints means a REJECT in filter") {
    netfilter::Ruleset rules;
    addLegacyKubeletRules(rules);
    syncAndSave(rules, tutorialState({"172.17.0.3", "172.17.0.4"}));
    std::string saved = syncAndSave(rules, tutorialState({"172.17.0.3"}));
    CHECK(saved.find("KUBE-SEP-PXYYII6AHMUWKLYX") == std::string::npos);
    saved = syncAndSave(rules, tutorialState({}));
    CHECK(saved.find("KUBE-SEP-4SQFZS32ZVMTQEZV") == std::string::npos);
    CHECK(grep(saved, "has no endpoints") ==
          "-A KUBE-SERVICES -d 172.30.228.255/32 -p tcp -m comment --comment \"default/simpleservice: has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\n");
    CHECK(saved.find(":KUBE-SVC-EZC6WLOVQADP4IAW - [0:0]") != std::string::npos);  // written even without endpoints
}
