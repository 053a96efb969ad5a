// The trace command, and packet flows through booted clusters: every outcome of a connection's
// first packet, with its probability, masquerade and source after NAT, in both eras (the table
// and its check are in packet_flows.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>
#include <kubenetsim/dataplane/trace_command.hpp>

#include "booted_shell.hpp"
#include "packet_flows.hpp"

using namespace kns;

namespace {

using test::checkFlows;
using test::clusterIP;
using test::endpointsOf;
using test::outcomes;

// Services svc0 (no endpoints), svc1..svc3 (1..3 endpoints), np (NodePort 30080 on app2's
// pods), aff (ClientIP affinity on app2's pods).
void deploy(Simulation& sim) {
    for (int n = 1; n <= 3; ++n) REQUIRE(sim.api().create(test::siseRC(n, "rc" + std::to_string(n), "app" + std::to_string(n)), "kubectl"));
    for (int n = 0; n <= 3; ++n) REQUIRE(sim.api().create(test::siseService("svc" + std::to_string(n), "app" + std::to_string(n)), "kubectl"));
    Service np = test::siseService("np", "app2");
    np.type = "NodePort";
    np.ports[0].nodePort = 30080;
    REQUIRE(sim.api().create(np, "kubectl"));
    Service aff = test::siseService("aff", "app2");
    aff.sessionAffinity = "ClientIP";
    REQUIRE(sim.api().create(aff, "kubectl"));
    sim.runFor(SimTime::s(60));
}

} // namespace

TEST_CASE("legacy packet flows: ClusterIP with 1, 2 and 3 endpoints, no endpoints, hairpin and NodePort") {
    test::BootedShell b("legacy");
    deploy(b.sim);
    checkFlows(b.sim, "localhost",
               {
                   {"node to a one-endpoint VIP keeps the node's eth0 address", "", "", "svc:svc1", "app1", false, "10.0.2.15"},
                   {"node to a two-endpoint VIP: each with 1/2", "", "", "svc:svc2", "app2", false, "10.0.2.15"},
                   {"node to a three-endpoint VIP: each with 1/3", "localhost", "", "svc:svc3", "app3", false, "10.0.2.15"},
                   {"a VIP without endpoints is rejected", "", "", "svc:svc0", "REJECT", false, ""},
                   {"a pod reaching itself through its VIP is masqueraded to docker0's address", "pod:app1", "", "svc:svc1", "app1", true, "172.17.0.1"},
                   {"the node to its own NodePort is masqueraded", "", "", "192.168.99.100:30080", "app2", true, "172.17.0.1"},
                   {"an outside client through a NodePort is masqueraded", "192.168.99.1", "localhost", "192.168.99.100:30080", "app2", true, "172.17.0.1"},
                   {"a first connection to an affinity Service goes to either endpoint", "", "", "svc:aff", "app2", false, "10.0.2.15"},
               });
}

TEST_CASE("modern packet flows: ClusterIP with 1, 2 and 3 endpoints, no endpoints, hairpin and NodePort") {
    test::BootedShell b("modern");
    deploy(b.sim);
    checkFlows(b.sim, "kind-control-plane",
               {
                   {"a node outside the pod range is masqueraded to its eth0 address", "", "", "svc:svc1", "app1", true, "172.18.0.2"},
                   {"two endpoints: each with 1/2", "", "", "svc:svc2", "app2", true, "172.18.0.2"},
                   // From a worker the source depends on where the endpoint is: the node end of a local pod's
                   // veth (the gateway /32), or eth0's address for a pod on another node.
                   {"three endpoints: each with 1/3", "kind-worker", "", "svc:svc3", "app3", true, ""},
                   {"no endpoints: rejected", "", "", "svc:svc0", "REJECT", false, ""},
                   {"a pod reaching itself through its VIP is masqueraded", "pod:app1", "", "svc:svc1", "app1", true, ""},
                   {"an outside client through a NodePort is masqueraded", "172.18.0.1", "kind-worker", "172.18.0.3:30080", "app2", true, ""},
               });
}

TEST_CASE("after one connection to a ClientIP-affinity Service, every outcome of the next goes to the same endpoint") {
    for (const auto& [profile, host] : {std::pair{"legacy", "localhost"}, std::pair{"modern", "kind-control-plane"}}) {
        CAPTURE(profile);
        test::BootedShell b(profile);
        deploy(b.sim);
        const std::string to = clusterIP(b.sim, "aff") + ":80";
        auto first = b.run("trace --to " + to);
        REQUIRE(first.status == 0);
        for (int again = 0; again < 3; ++again) {
            auto report = outcomes(b.sim, host, "", "", to);
            INFO(dataplane::renderTraceText(report));
            REQUIRE(report.outcomes.size() == 1);
            CHECK(report.outcomes[0].probability == 1.0);
            CHECK(first.out.find("DNAT --to-destination " + report.outcomes[0].destination) != std::string::npos);
        }
    }
}

TEST_CASE("trace --all --json prints the outcomes and the steps of the one packet sent") {
    test::BootedShell b("legacy");
    deploy(b.sim);
    auto r = b.run("trace --to " + clusterIP(b.sim, "svc2") + ":80 --all --json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["outcomes"].size() == 2);
    for (const auto& o : j["outcomes"]) {
        CHECK(o["masquerade"] == false);
        CHECK(o["probability"].get<double>() == doctest::Approx(0.5));
        CHECK(o["source_after_nat"] == "10.0.2.15");
        CHECK(endpointsOf(b.sim, "app2").count(o["destination"].get<std::string>()) == 1);
    }
    REQUIRE(j["steps"].size() > 3);
    bool sawNat = false;
    for (const auto& s : j["steps"]) sawNat = sawNat || (s["kind"] == "hook" && s["table"] == "nat" && s["hook"] == "OUTPUT");
    CHECK(sawNat);
}

TEST_CASE("trace without --all prints the packet's path hook by hook and rule by rule, with the random draw") {
    test::BootedShell b("legacy");
    deploy(b.sim);
    auto r = b.run("trace --to " + clusterIP(b.sim, "svc2") + ":80");
    REQUIRE(r.status == 0);
    MESSAGE(r.out);
    CHECK(r.out.rfind("trace 10.0.2.15:", 0) == 0);
    CHECK(r.out.find("node/localhost:\n") != std::string::npos);
    CHECK(r.out.find("  nat OUTPUT\n") != std::string::npos);
    CHECK(r.out.find("random draw ") != std::string::npos);
    // Over the fabric: the SYN reaches the pod's namespace through docker0, and the handshake completes.
    CHECK(r.out.find("forward: leaves by docker0") != std::string::npos);
    CHECK(r.out.find("\npod/default/rc2-") != std::string::npos);
    CHECK(r.out.find("result: connected") != std::string::npos);
}

TEST_CASE("trace --proto udp sends a datagram over the fabric: a closed port answers with ICMP port unreachable, the DNS VIP with an answer") {
    test::BootedShell b("modern");
    deploy(b.sim);
    const std::string pod = *endpointsOf(b.sim, "app1").begin();
    const std::string podIP = pod.substr(0, pod.find(':'));
    auto closed = b.run("trace --proto udp --to " + podIP + ":9999");
    REQUIRE(closed.status == 0);
    INFO(closed.out);
    CHECK(closed.out.find(" udp") != std::string::npos);
    CHECK(closed.out.find("\npod/default/rc1-") != std::string::npos);  // it reached the pod, whose kernel answered
    CHECK(closed.out.find("port-unreachable") != std::string::npos);
    CHECK(closed.out.find("result: refused: ICMP port unreachable came back") != std::string::npos);
    // Through the Service VIP: DNAT to the endpoint, whose port-unreachable comes back too.
    auto viaVip = b.run("trace --proto udp --to " + clusterIP(b.sim, "svc1") + ":80");
    INFO(viaVip.out);
    CHECK(viaVip.out.find("result: ") != std::string::npos);
    auto dns = b.run("trace --proto udp --to 10.96.0.10:53");
    INFO(dns.out);
    CHECK(dns.out.find("\npod/kube-system/coredns-") != std::string::npos);
    CHECK(dns.out.find("result: answered: a datagram came back") != std::string::npos);
}

TEST_CASE("a UDP Service whose endpoint's port is closed: the port unreachable is RELATED, comes back from the VIP about the datagram to the VIP, and conntrack -L lists only the datagram") {
    test::BootedShell b("legacy");
    REQUIRE(b.sim.api().create(test::siseRC(1), "kubectl"));
    Service svc = test::siseService("udpsvc");
    svc.ports[0].protocol = "UDP";
    svc.ports[0].port = 53;
    svc.ports[0].targetPort = IntOrString::ofInt(5353);  // nothing listens there
    REQUIRE(b.sim.api().create(svc, "kubectl"));
    b.sim.runFor(SimTime::s(60));
    REQUIRE(dataplane::iptablesRestore(b.sim, "localhost", {"iptables-restore", "--noflush"},
                                       "*filter\n-A INPUT -m conntrack --ctstate RELATED\nCOMMIT\n").status == 0);
    const std::string vip = clusterIP(b.sim, "udpsvc");
    const std::string pod = test::podsWith(b.sim, "sise").front()->status.podIP;
    auto r = b.run("trace --proto udp --to " + vip + ":53");
    INFO(r.out);
    CHECK(r.out.find("result: refused: ICMP port unreachable came back") != std::string::npos);
    const net::NetNamespace& node = b.sim.state().dataPlane.namespaces.at("node/localhost");
    REQUIRE(node.conntrack.entries().size() == 1);  // the datagram's; the error has none of its own
    const net::ConnEntry& e = node.conntrack.entries().begin()->second;
    const std::string port = std::to_string(e.original.sport);
    CHECK(r.out.find("  conntrack: related to connection #" + std::to_string(e.id) + "\n") != std::string::npos);
    // Un-DNAT of the outer source and of the quoted destination, as nf_nat_icmp_reply_translation does.
    CHECK(r.out.find("  nat: source rewritten: " + pod + " -> 10.0.2.15 icmp port-unreachable about 10.0.2.15:" + port + " -> " + pod +
                     ":5353 udp  =>  " + vip + " -> 10.0.2.15 icmp port-unreachable about 10.0.2.15:" + port + " -> " + vip + ":53 udp\n") !=
          std::string::npos);
    CHECK(node.rules.table(netfilter::TableId::Filter)->find("INPUT")->rules.back().counters.packets == 1);
    // What a real node prints after the same exchange (conntrack v1.4.7, Linux 6.x).
    auto l = b.run("conntrack -L");
    CHECK(l.out == "udp      17 29 src=10.0.2.15 dst=" + vip + " sport=" + port + " dport=53 [UNREPLIED] src=" + pod + " dst=10.0.2.15 sport=5353 dport=" +
                       port + " mark=0 use=1\n");
    CHECK(l.err == "conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n");
}

TEST_CASE("trace --via: a source outside the cluster is a host on the node's segment, and its packet crosses the fabric like any other") {
    test::BootedShell b("modern");
    deploy(b.sim);
    const std::size_t namespaces = b.sim.state().dataPlane.namespaces.size();
    auto r = b.run("trace --from 203.0.113.7 --via kind-worker --to 172.18.0.3:30080");
    REQUIRE(r.status == 0);
    INFO(r.out);
    CHECK(r.out.find("ext/203.0.113.7:\n") != std::string::npos);       // the outside host sent it
    CHECK(r.out.find("node/kind-worker (in by eth0):\n") != std::string::npos);  // it entered the --via node
    CHECK(r.out.find("\npod/default/rc2-") != std::string::npos);      // DNAT to a NodePort endpoint
    CHECK(r.out.find("result: connected") != std::string::npos);        // and the answer found its way back
    CHECK(b.sim.state().dataPlane.namespaces.size() == namespaces);    // the outside host is gone again
    test::BootedShell l("legacy");
    deploy(l.sim);
    auto legacy = l.run("trace --from 8.8.8.8 --via localhost --to " + clusterIP(l.sim, "svc1") + ":80");
    INFO(legacy.out);
    CHECK(legacy.out.find("ext/8.8.8.8:\n") != std::string::npos);
    CHECK(legacy.out.find("result: connected") != std::string::npos);
}

TEST_CASE("trace refuses bad arguments precisely") {
    test::BootedShell b("legacy");
    CHECK(b.run("trace").err.rfind("trace: --to IP:PORT is required\n", 0) == 0);
    CHECK(b.run("trace --to 1.2.3.4").err.rfind("trace: --to: \"1.2.3.4\" is not IP:PORT", 0) == 0);
    CHECK(b.run("trace --to 1.2.3.4:80 --proto sctp").err.rfind("trace: --proto: \"sctp\" is not tcp or udp", 0) == 0);
    CHECK(b.run("trace --from 8.8.8.8 --to 1.2.3.4:80").err ==
          "trace: --from 8.8.8.8 is outside the cluster: name the node it enters through with --via NODE\n");
    CHECK(b.run("trace --from nothing --to 1.2.3.4:80").err == "trace: --from: \"nothing\" is neither a node, a pod nor an IPv4 address\n");
    CHECK(b.run("trace --from 8.8.8.8 --via nowhere --to 1.2.3.4:80").err == "trace: --via: no node named \"nowhere\"\n");
}

TEST_CASE("export pcap writes the packets trace sent as a file tcpdump reads") {
    test::BootedShell b("legacy");
    deploy(b.sim);
    REQUIRE(b.run("trace --to " + clusterIP(b.sim, "svc1") + ":80").status == 0);
    const std::string path = "kubenetsim-export-test.pcap";
    auto r = b.run("export pcap " + path);
    CHECK(r.status == 0);
    const std::size_t n = b.sim.state().dataPlane.capture.size();
    CHECK(n >= 2);  // the SYN leaving the node and entering the pod, the SYN,ACK coming back ...
    CHECK(r.out == std::to_string(n) + " packets written to " + path + "\n");
    const auto pod = *endpointsOf(b.sim, "app1").begin();
    if (std::system("command -v tcpdump >/dev/null 2>&1") == 0) {
        std::string text;
        if (FILE* p = popen(("tcpdump -nn -r " + path + " 2>&1").c_str(), "r")) {
            char buf[512];
            while (std::fgets(buf, sizeof buf, p)) text += buf;
            pclose(p);
        }
        INFO(text);
        // After DNAT, on docker0: to the pod, from the node's eth0 address.
        std::string dotted = pod;
        dotted[dotted.rfind(':')] = '.';
        CHECK(text.find("IP 10.0.2.15.") != std::string::npos);
        CHECK(text.find(" > " + dotted + ": Flags [S]") != std::string::npos);
    }
    std::remove(path.c_str());
    CHECK(b.run("export pcap /nonexistent-dir/x.pcap").status == 1);
    CHECK(b.run("export csv x").status == 2);
}

TEST_CASE("trace --all --json: a packet to the node's own address is LOCAL, one out of a source range is DROP") {
    test::BootedShell l("legacy");
    auto local = l.run("trace --all --json --to 10.0.2.15:22");
    REQUIRE(local.status == 0);
    auto j = nlohmann::json::parse(local.out);
    REQUIRE(j["outcomes"].size() == 1);
    CHECK(j["outcomes"][0]["destination"] == "LOCAL");
    CHECK(j["outcomes"][0]["masquerade"] == false);
    CHECK(j["outcomes"][0]["probability"].get<double>() == 1.0);
    CHECK(j["outcomes"][0]["source_after_nat"] == "10.0.2.15");  // the local route's preferred source: the address itself

    test::BootedShell m("modern");
    REQUIRE(m.sim.api().create(test::siseRC(1, "rclb", "lb"), "kubectl"));
    Service lb = test::siseService("lb", "lb");
    lb.type = "LoadBalancer";
    lb.loadBalancerSourceRanges = {"172.18.0.0/30"};
    REQUIRE(m.sim.api().create(lb, "kubectl"));
    m.sim.runFor(SimTime::s(60));
    const std::string to = test::resolveTo(m.sim, "lb:lb");
    for (const auto& [from, destination] : std::map<std::string, std::string>{{"172.18.0.9", "DROP"}, {"172.18.0.1", *endpointsOf(m.sim, "lb").begin()}}) {
        auto r = m.run("trace --all --json --from " + from + " --via kind-worker --to " + to);
        REQUIRE(r.status == 0);
        auto o = nlohmann::json::parse(r.out)["outcomes"];
        INFO(r.out);
        REQUIRE(o.size() == 1);
        CHECK(o[0]["destination"] == destination);
        CHECK(o[0]["probability"].get<double>() == 1.0);
        CHECK(o[0]["masquerade"] == (destination != "DROP"));  // a Cluster-policy LoadBalancer masquerades what it lets in
        if (destination == "DROP") CHECK(o[0]["source_after_nat"] == from);
    }
}

TEST_CASE("a LOG rule shows in the trace with its prefix, and the traversal goes on after it") {
    test::BootedShell b("legacy");
    deploy(b.sim);
    auto restored = dataplane::iptablesRestore(b.sim, "localhost", {"iptables-restore", "--noflush"},
                                               "*nat\n-I OUTPUT 1 -j LOG --log-prefix \"x: \"\nCOMMIT\n");
    REQUIRE_MESSAGE(restored.status == 0, restored.err);
    auto r = b.run("trace --to " + clusterIP(b.sim, "svc1") + ":80");
    REQUIRE(r.status == 0);
    INFO(r.out);
    const auto log = r.out.find("match: LOG x: \n");
    REQUIRE(log != std::string::npos);
    // The next rule of nat OUTPUT (kube-proxy's jump to KUBE-SERVICES) is walked, and the packet reaches the pod.
    CHECK(r.out.find("KUBE-SERVICES", log) != std::string::npos);
    CHECK(r.out.find("DNAT --to-destination " + *endpointsOf(b.sim, "app1").begin(), log) != std::string::npos);
    CHECK(r.out.find("result: connected") != std::string::npos);
    auto all = nlohmann::json::parse(b.run("trace --all --json --to " + clusterIP(b.sim, "svc1") + ":80").out);
    REQUIRE(all["outcomes"].size() == 1);
    CHECK(all["outcomes"][0]["destination"] == *endpointsOf(b.sim, "app1").begin());
    bool sawLog = false;
    for (const auto& s : all["steps"])
        for (const auto& rule : s.value("rules", nlohmann::json::array())) sawLog = sawLog || rule.value("action", "") == "LOG x: ";
    CHECK(sawLog);
}
