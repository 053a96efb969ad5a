// ping, nslookup and load over the simulated network; traceConnection's hop records.
#include <doctest/doctest.h>

#include <kubenetsim/dataplane/client_commands.hpp>
#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>

#include "../support/service_lab.hpp"

using namespace kns;

namespace {

struct Lab : test::ServiceLab {
    Lab(const std::string& profile, int replicas) : ServiceLab(profile, replicas, 3) {}
    std::string node() { return nodeNamespaceKey(sim.config().shellNode); }
    std::string pod(int i) {
        const Pod* p = pods()[static_cast<std::size_t>(i)];
        return podNamespaceKey(p->meta.ns + "/" + p->meta.name);
    }
    std::string podIP(int i) { return pods()[static_cast<std::size_t>(i)]->status.podIP; }
};

} // namespace

TEST_CASE("ping reaches a pod but never a ClusterIP, which no interface owns") {
    Lab lab("legacy", 1);
    auto ok = dataplane::ping(lab.sim, lab.node(), {"ping", "-c", "2", lab.podIP(0)});
    CHECK(ok.status == 0);
    CHECK(ok.out.rfind("PING " + lab.podIP(0) + " (" + lab.podIP(0) + ") 56(84) bytes of data.\n64 bytes from " + lab.podIP(0) + ": icmp_seq=1 ttl=64 time=", 0) == 0);
    CHECK(ok.out.find("2 packets transmitted, 2 received, 0% packet loss, time ") != std::string::npos);
    auto vip = dataplane::ping(lab.sim, lab.node(), {"ping", "-c", "2", lab.vip});
    CHECK(vip.status == 1);
    CHECK(vip.out.find("2 packets transmitted, 0 received, 100% packet loss") != std::string::npos);
    CHECK(vip.out.find("rtt") == std::string::npos);
    auto bad = dataplane::ping(lab.sim, lab.node(), {"ping", "-c", "2", "nowhere"});
    CHECK(bad.status == 2);
    CHECK(bad.err == "ping: nowhere: Name or service not known\n");
}

TEST_CASE("a ping nobody answers waits its 10 s and no longer, and conntrack keeps the echo UNREPLIED for the rest of its 30 s") {
    Lab lab("legacy", 1);
    const SimTime start = lab.sim.now();
    auto r = dataplane::ping(lab.sim, lab.node(), {"ping", "-c", "1", "10.0.2.2"});  // the gateway, outside the simulation
    CHECK(r.out.find("1 packets transmitted, 0 received, 100% packet loss") != std::string::npos);
    CHECK(lab.sim.now() == start + SimTime::s(10));
    auto l = dataplane::conntrack(lab.sim, lab.sim.config().shellNode, {"conntrack", "-L"});
    CHECK(l.out.find("icmp     1 20 src=10.0.2.15 dst=10.0.2.2 type=8 code=0 id=1 [UNREPLIED] src=10.0.2.2 dst=10.0.2.15 type=0 code=0 id=1 mark=0 use=1\n") !=
          std::string::npos);
    lab.sim.runFor(SimTime::s(20));
    CHECK(dataplane::conntrack(lab.sim, lab.sim.config().shellNode, {"conntrack", "-L"}).out.find("icmp ") == std::string::npos);
}

TEST_CASE("a forwarded ping loses one from its TTL: modern pods across nodes") {
    Lab lab("modern", 2);
    auto pods = test::podsWith(lab.sim, "sise");
    REQUIRE(pods[0]->spec.nodeName != pods[1]->spec.nodeName);
    auto r = dataplane::ping(lab.sim, lab.pod(0), {"ping", "-c", "1", lab.podIP(1)});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("ttl=62") != std::string::npos);  // the two nodes each route it once
}

TEST_CASE("nslookup in a pod finds a Service through the search path, and a missing one is NXDOMAIN") {
    Lab lab("modern", 1);
    auto r = dataplane::nslookup(lab.sim, lab.pod(0), {"nslookup", "simpleservice"});
    CHECK(r.status == 0);
    CHECK(r.out == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tsimpleservice.default.svc.cluster.local\nAddress: " + lab.vip + "\n\n");
    auto missing = dataplane::nslookup(lab.sim, lab.pod(0), {"nslookup", "nothere"});
    CHECK(missing.status == 1);
    CHECK(missing.out.find("** server can't find nothere: NXDOMAIN\n") != std::string::npos);
}

TEST_CASE("load spreads requests over the endpoints near 1/N and reports each endpoint's hits") {
    Lab lab("legacy", 3);
    auto r = dataplane::load(lab.sim, "localhost", {"load", "--to", lab.vip + ":80", "--count", "600"});
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("600 requests to " + lab.vip + ":80 from localhost: 600 answered, 0 failed, ", 0) == 0);
    int rows = 0;
    std::size_t pos = r.out.find("EXPECTED\n");
    REQUIRE(pos != std::string::npos);
    for (std::size_t at = r.out.find('\n', pos) + 1; at < r.out.size(); at = r.out.find('\n', at) + 1) {
        const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
        CHECK(line.find("33.3%") != std::string::npos);  // expected share
        ++rows;
    }
    CHECK(rows == 3);
    CHECK(dataplane::load(lab.sim, "localhost", {"load", "--to", "nonsense", "--count", "3"}).status == 2);
    CHECK(dataplane::load(lab.sim, "localhost", {"load", "--to", lab.vip + ":80", "--count", "3", "--from", "nobody"}).err ==
          "load: no node or pod named 'nobody'\nusage: load --to IP:PORT [--from NODE|POD] --count N [--rate PER_SECOND] [--path PATH]\n");
}

TEST_CASE("traceConnection records the SYN leaving the node DNATed and the SYN,ACK coming back un-NATed") {
    Lab lab("legacy", 1);
    auto t = dataplane::traceConnection(lab.sim, lab.node(), *Ipv4::parse(lab.vip), 80, SimTime::s(2));
    REQUIRE(t.connected);
    REQUIRE(t.hops.size() >= 4);
    CHECK(t.hops[0].ns == "node/localhost");
    CHECK(t.hops[0].before.dst.str() == lab.vip);
    CHECK(t.hops[0].after.dst.str() == lab.podIP(0));  // DNAT in nat OUTPUT
    CHECK(t.hops[1].ns == lab.pod(0));
    CHECK(t.hops[1].after.src.str() == "10.0.2.15");
    CHECK(t.hops[3].ns == "node/localhost");
    CHECK(t.hops[3].after.src.str() == lab.vip);  // conntrack's un-DNAT of the reply
    CHECK(t.hops[3].after.syn);
    CHECK(t.hops[3].after.ack);
}

TEST_CASE("kubectl port-forward makes localhost:LOCAL on the node reach the pod, which sees 127.0.0.1") {
    Lab lab("legacy", 1);
    const Pod* pod = test::podsWith(lab.sim, "sise")[0];
    auto pf = kubectl::runKubectl(lab.sim, kubectl::KubectlInput{{"kubectl", "port-forward", pod->meta.name, "8080:9876"}, "", false});
    REQUIRE(pf.status == 0);
    CHECK(pf.out == "Forwarding from 127.0.0.1:8080 -> 9876\nForwarding from [::1]:8080 -> 9876\n");
    std::vector<std::string> argv{"curl", "-s", "localhost:8080/info"};
    auto r = dataplane::curl(lab.sim, lab.node(), argv);
    CHECK(r.status == 0);
    CHECK(r.out == "{\"host\": \"localhost:8080\", \"version\": \"0.5.0\", \"from\": \"127.0.0.1\"}");
    auto missing = kubectl::runKubectl(lab.sim, kubectl::KubectlInput{{"kubectl", "port-forward", "nope", "80"}, "", false});
    CHECK(missing.status == 1);
    CHECK(missing.err == "Error from server (NotFound): pods \"nope\" not found\n");
}
