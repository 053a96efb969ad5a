#include <doctest/doctest.h>

#include <sstream>

#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/proxy/chain_names.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

using namespace kns;
using namespace kns::proxy;

namespace {

ClusterState kubeDns(const std::vector<std::string>& ips) {
    ClusterState s;
    Service svc;
    svc.meta.ns = "kube-system";
    svc.meta.name = "kube-dns";
    svc.clusterIP = "10.96.0.10";
    svc.ports = {ServicePort{"dns", "UDP", 53, IntOrString::ofInt(53), 0}, ServicePort{"dns-tcp", "TCP", 53, IntOrString::ofInt(53), 0}};
    s.services["kube-system/kube-dns"] = svc;
    EndpointSlice slice;
    slice.meta.ns = "kube-system";
    slice.meta.name = "kube-dns-abcde";
    slice.meta.labels["kubernetes.io/service-name"] = "kube-dns";
    for (const auto& ip : ips) slice.endpoints.push_back(EndpointSliceEndpoint{{ip}, true, true, false, "kind-control-plane", std::nullopt});
    slice.ports = {EndpointPort{"dns", 53, "UDP"}, EndpointPort{"dns-tcp", 53, "TCP"}};
    s.endpointSlices["kube-system/kube-dns-abcde"] = slice;
    return s;
}

std::string grep(const std::string& text, const std::string& needle) {
    std::istringstream in(text);
    std::string out;
    for (std::string l; std::getline(in, l);)
        if (l.rfind("-A ", 0) == 0 && l.find(needle) != std::string::npos) out += l + "\n";
    return out;
}

} // namespace

TEST_CASE("modern kube-proxy writes kind's kube-dns rules with the masquerade rule first in KUBE-SVC") {
    ClusterState state = kubeDns({"10.244.0.2", "10.244.0.3"});
    SyncInput in;
    in.era = Era::Modern;
    in.objects = &state;
    in.nodeName = "kind-control-plane";
    in.config.clusterCIDR = "10.244.0.0/16";
    in.serviceOrder = {"kube-system/kube-dns"};
    netfilter::Ruleset rules;
    SyncOutput out = generateModernRules(in);
    auto res = applySync(rules, out);
    REQUIRE_MESSAGE(res.ok, res.errorText << out.restoreText());
    const std::string saved = netfilter::saveRuleset(rules, {});
    // Endpoint chains are saved in chain-name order (KUBE-SEP-6E7X... before KUBE-SEP-YIL6...).
    const std::string sep2 = endpointChain("kube-system/kube-dns:dns", "UDP", "10.244.0.2:53");
    const std::string sep3 = endpointChain("kube-system/kube-dns:dns", "UDP", "10.244.0.3:53");
    REQUIRE(sep3 < sep2);
    CHECK(grep(saved, "kube-dns:dns\" -") ==
          "-A " + sep3 + " -s 10.244.0.3/32 -m comment --comment \"kube-system/kube-dns:dns\" -j KUBE-MARK-MASQ\n"
          "-A " + sep3 + " -p udp -m comment --comment \"kube-system/kube-dns:dns\" -m udp -j DNAT --to-destination 10.244.0.3:53\n"
          "-A " + sep2 + " -s 10.244.0.2/32 -m comment --comment \"kube-system/kube-dns:dns\" -j KUBE-MARK-MASQ\n"
          "-A " + sep2 + " -p udp -m comment --comment \"kube-system/kube-dns:dns\" -m udp -j DNAT --to-destination 10.244.0.2:53\n");
    CHECK(grep(saved, "KUBE-SVC-TCOU7JCQXEZGVUNU") ==
          "-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n"
          "-A KUBE-SVC-TCOU7JCQXEZGVUNU ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp --dport 53 -j KUBE-MARK-MASQ\n"
          "-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment \"kube-system/kube-dns:dns -> 10.244.0.2:53\" -m statistic --mode random --probability 0.50000000000 -j " +
              endpointChain("kube-system/kube-dns:dns", "UDP", "10.244.0.2:53") + "\n"
              "-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment \"kube-system/kube-dns:dns -> 10.244.0.3:53\" -j " +
              endpointChain("kube-system/kube-dns:dns", "UDP", "10.244.0.3:53") + "\n");
    CHECK(grep(saved, "KUBE-POSTROUTING -") ==
          "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n"
          "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0\n"
          "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n");
    CHECK(grep(saved, "-A INPUT") ==
          "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL\n"
          "-A INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS\n"
          "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES\n"
          "-A INPUT -j KUBE-FIREWALL\n");
}

TEST_CASE("a modern NodePort service with externalTrafficPolicy Local and no local endpoint drops external traffic") {
    ClusterState state;
    Service svc;
    svc.meta.ns = "default";
    svc.meta.name = "web";
    svc.type = "NodePort";
    svc.clusterIP = "10.96.5.5";
    svc.externalTrafficPolicy = "Local";
    svc.ports = {ServicePort{"", "TCP", 80, IntOrString::ofInt(8080), 30080}};
    state.services["default/web"] = svc;
    EndpointSlice slice;
    slice.meta.ns = "default";
    slice.meta.name = "web-xyz";
    slice.meta.labels["kubernetes.io/service-name"] = "web";
    slice.endpoints.push_back(EndpointSliceEndpoint{{"10.244.1.5"}, true, true, false, "kind-worker", std::nullopt});
    slice.ports = {EndpointPort{"", 8080, "TCP"}};
    state.endpointSlices["default/web-xyz"] = slice;
    SyncInput in;
    in.era = Era::Modern;
    in.objects = &state;
    in.nodeName = "kind-worker2";
    in.config.clusterCIDR = "10.244.0.0/16";
    in.serviceOrder = {"default/web"};
    netfilter::Ruleset rules;
    auto res = applySync(rules, generateModernRules(in));
    REQUIRE_MESSAGE(res.ok, res.errorText);
    const std::string saved = netfilter::saveRuleset(rules, {});
    CHECK(saved.find("-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment \"default/web has no local endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP") !=
          std::string::npos);
    CHECK(saved.find("-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/web\" -m tcp --dport 30080 -j KUBE-EXT-") != std::string::npos);
    CHECK(saved.find(":KUBE-SVL-") != std::string::npos);
    CHECK(saved.find("-j KUBE-SVL-") == std::string::npos);  // no local endpoint: nothing jumps to it
}

TEST_CASE("modern kube-proxy orders a service's endpoints by their IP:port text, not as the slice lists them") {
    // As EndpointSliceCache sorts them (byEndpoint): "10.244.1.10:53" < "10.244.1.9:53" < "10.244.2.1:53".
    ClusterState state = kubeDns({"10.244.2.1", "10.244.1.9", "10.244.1.10"});
    SyncInput in;
    in.era = Era::Modern;
    in.objects = &state;
    in.nodeName = "kind-control-plane";
    in.serviceOrder = {"kube-system/kube-dns"};
    const std::string text = generateModernRules(in).restoreText();
    const std::size_t a = text.find("\"kube-system/kube-dns:dns -> 10.244.1.10:53\" -m statistic --mode random --probability 0.3333333333");
    const std::size_t b = text.find("\"kube-system/kube-dns:dns -> 10.244.1.9:53\" -m statistic --mode random --probability 0.5000000000");
    const std::size_t c = text.find("\"kube-system/kube-dns:dns -> 10.244.2.1:53\" -j");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(c != std::string::npos);
    CHECK(a < b);
    CHECK(b < c);
}
