// Packets across namespaces: the tutorial's curls and the settings that break them, in both eras.
#include <doctest/doctest.h>

#include <set>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>
#include <kubenetsim/dataplane/trace_command.hpp>

#include "../support/service_lab.hpp"

using namespace kns;

namespace {

struct Lab : test::ServiceLab {
    Lab(const std::string& profile, int replicas, bool withService = true) : ServiceLab(profile, replicas, 7, withService) {}
    shell::CommandResult fromNode(const std::vector<std::string>& args, const std::string& node = "") {
        std::vector<std::string> argv{"curl"};
        argv.insert(argv.end(), args.begin(), args.end());
        return dataplane::curl(sim, nodeNamespaceKey(node.empty() ? sim.config().shellNode : node), argv);
    }
    shell::CommandResult fromPod(const Pod& pod, const std::vector<std::string>& args) {
        std::vector<std::string> argv{"curl"};
        argv.insert(argv.end(), args.begin(), args.end());
        return dataplane::curl(sim, podNamespaceKey(pod.meta.ns + "/" + pod.meta.name), argv);
    }
};

std::string field(const std::string& json, const std::string& name) {
    const std::string key = "\"" + name + "\": \"";
    auto at = json.find(key);
    if (at == std::string::npos) return "";
    at += key.size();
    return json.substr(at, json.find('"', at) - at);
}

} // namespace

TEST_CASE("legacy: the seed's two curls from the node answer with the seed's from addresses") {
    Lab lab("legacy", 1);
    const Pod& pod = *lab.pods().front();
    auto direct = lab.fromNode({pod.status.podIP + ":9876/info"});
    CHECK(direct.status == 0);
    CHECK(direct.out == "{\"host\": \"" + pod.status.podIP + ":9876\", \"version\": \"0.5.0\", \"from\": \"172.17.0.1\"}");
    auto viaVip = lab.fromNode({lab.vip + ":80/info"});
    CHECK(viaVip.status == 0);
    CHECK(viaVip.out == "{\"host\": \"" + lab.vip + "\", \"version\": \"0.5.0\", \"from\": \"10.0.2.15\"}");
}

TEST_CASE("packet flows from a pod, table-driven over both eras") {
    struct Row {
        const char* profile;
        const char* target;  // "self-vip" | "vip" | "other-pod"
        const char* expectFrom;  // "bridge" (the gateway), "client" (the pod's own IP)
    };
    const Row rows[] = {
        {"legacy", "self-vip", "gateway"},   // hairpin: masqueraded to docker0's address
        {"legacy", "other-pod", "client"},
        {"modern", "self-vip", "gateway"},   // hairpin: masqueraded to the node end of the veth
        {"modern", "other-pod", "client"},   // across nodes, routed, not masqueraded
    };
    for (const Row& row : rows) {
        CAPTURE(row.profile);
        CAPTURE(row.target);
        Lab lab(row.profile, 2);
        auto pods = lab.pods();
        const Pod& client = *pods[0];
        const Pod& other = *pods[1];
        std::string url = std::string(row.target) == "other-pod" ? other.status.podIP + ":9876/info" : lab.vip + "/info";
        if (std::string(row.target) == "self-vip") {
            // Through the VIP until the draw picks the client itself.
            bool hitSelf = false;
            for (int i = 0; i < 40 && !hitSelf; ++i) {
                auto r = lab.fromPod(client, {"-s", url});
                REQUIRE(r.status == 0);
                if (field(r.out, "from") != client.status.podIP) {
                    hitSelf = true;
                    const NodeDef* def = nullptr;
                    for (const auto& n : lab.sim.config().nodes)
                        if (n.name == client.spec.nodeName) def = &n;
                    REQUIRE(def);
                    CHECK(field(r.out, "from") == def->podGateway);
                }
            }
            CHECK(hitSelf);
            continue;
        }
        auto r = lab.fromPod(client, {"-s", url});
        REQUIRE(r.status == 0);
        CHECK(field(r.out, "from") == client.status.podIP);
    }
}

TEST_CASE("the VIP's cascade reaches every endpoint from the node, as the node's conntrack shows") {
    for (const char* profile : {"legacy", "modern"}) {
        CAPTURE(profile);
        Lab lab(profile, 3);
        for (int i = 0; i < 40; ++i) REQUIRE(lab.fromNode({"-s", lab.vip + "/info"}).status == 0);
        std::set<std::string> endpoints, expected;
        const auto& node = lab.sim.state().dataPlane.namespaces.at(nodeNamespaceKey(lab.sim.config().shellNode));
        for (const auto& [id, e] : node.conntrack.entries())
            if (e.original.dst.str() == lab.vip) endpoints.insert(e.reply.src.str());
        for (const Pod* p : lab.pods()) expected.insert(p->status.podIP);
        CHECK(endpoints == expected);
    }
}

TEST_CASE("legacy: with bridge netfilter off a pod's reply bypasses conntrack and the connection through the VIP fails") {
    Lab lab("legacy", 2);
    auto pods = lab.pods();
    lab.sim.state().dataPlane.namespaces.at("node/localhost").bridgeNfCallIptables = false;
    int failures = 0, successes = 0;
    for (int i = 0; i < 8; ++i) {
        auto r = lab.fromPod(*pods[0], {"-sS", "-m", "1", lab.vip + "/info"});
        if (r.status == 0) ++successes;
        else {
            ++failures;
            CHECK(r.status == 28);
        }
    }
    // Reaching the other pod fails (its reply is switched straight back, never un-DNATed);
    // reaching itself still works: the host routes it back and masquerades it.
    CHECK(failures > 0);
    CHECK(successes > 0);
}

TEST_CASE("legacy: with hairpin mode off a pod cannot reach itself through its Service") {
    Lab lab("legacy", 1);
    const Pod& pod = *lab.pods().front();
    auto& node = lab.sim.state().dataPlane.namespaces.at("node/localhost");
    for (auto& i : node.interfaces)
        if (i.master == "docker0") i.hairpin = false;
    auto r = lab.fromPod(pod, {"-sS", "-m", "2", lab.vip + "/info"});
    CHECK(r.status == 28);
    CHECK(r.err == "curl: (28) Connection timed out after 2000 milliseconds\n");
    // The pod's own address still works: no bridge port is crossed twice.
    CHECK(lab.fromPod(pod, {"-s", pod.status.podIP + ":9876/info"}).status == 0);
}

TEST_CASE("a Service without endpoints is rejected: curl exits 7 at once") {
    Lab lab("legacy", 1, false);
    Service svc = test::siseService("empty", "nobody");
    REQUIRE(lab.sim.api().create(svc, "test").ok());
    lab.sim.runFor(SimTime::s(2));
    const std::string vip = lab.sim.api().get<Service>("default", "empty")->clusterIP;
    auto r = lab.fromNode({vip + "/info"});
    CHECK(r.status == 7);
    CHECK(r.err == "curl: (7) Failed to connect to " + vip + " port 80 after 0 ms: Couldn't connect to server\n");
    CHECK(lab.fromNode({"-s", vip + "/info"}).err.empty());
}

TEST_CASE("modern: a pod's connection its own node rejects is refused on the SYN's retransmission, the node's at once") {
    Lab lab("modern", 1, false);
    REQUIRE(lab.sim.api().create(test::siseService("empty", "nobody"), "test").ok());
    lab.sim.runFor(SimTime::s(2));
    const std::string vip = lab.sim.api().get<Service>("default", "empty")->clusterIP;
    const Pod& pod = *lab.pods().front();
    // The packets the filter table's REJECT rule for the VIP counted on the pod's node.
    auto rejected = [&] {
        const std::string save = dataplane::iptablesSave(lab.sim, pod.spec.nodeName, {"iptables-save", "-c", "-t", "filter"}).out;
        long n = 0;
        std::size_t at = 0;
        while ((at = save.find("\n[", at)) != std::string::npos) {
            const std::size_t end = save.find('\n', at + 1);
            const std::string line = save.substr(at + 1, end - at - 1);
            if (line.find("-d " + vip + "/32 ") != std::string::npos && line.find("-j REJECT") != std::string::npos)
                n += std::stol(line.substr(1, line.find(':') - 1));
            at = end;
        }
        return n;
    };
    const long before = rejected();
    auto fromPod = lab.fromPod(pod, {"-sS", vip + "/info"});
    CHECK(fromPod.status == 7);
    // The first SYN's error came inside connect() (soft); the second SYN, a second later, is refused.
    const std::string prefix = "curl: (7) Failed to connect to " + vip + " port 80 after 10";
    CHECK_MESSAGE(fromPod.err.rfind(prefix, 0) == 0, fromPod.err);
    CHECK(rejected() - before == 2);
    // The node's own connection is refused in its OUTPUT chain, at once and once.
    const long beforeNode = rejected();
    auto fromNode = lab.fromNode({"-sS", vip + "/info"}, pod.spec.nodeName);
    CHECK(fromNode.status == 7);
    CHECK(fromNode.err == "curl: (7) Failed to connect to " + vip + " port 80 after 0 ms: Couldn't connect to server\n");
    CHECK(rejected() - beforeNode == 1);
}

TEST_CASE("modern: a pod reaches a Service by name through its search path, on every node") {
    Lab lab("modern", 2);
    for (const Pod* p : lab.pods()) {
        auto r = lab.fromPod(*p, {"-s", "simpleservice/info"});
        CHECK(r.status == 0);
        CHECK(field(r.out, "host") == "simpleservice");
    }
    auto fromNodeByName = lab.fromNode({"simpleservice/info"});
    CHECK(fromNodeByName.status == 6);
    CHECK(fromNodeByName.err == "curl: (6) Could not resolve host: simpleservice\n");
}

TEST_CASE("curl's own errors: a closed port, a bad option, a missing URL") {
    Lab lab("legacy", 1, false);
    const Pod& pod = *lab.pods().front();
    auto closed = lab.fromNode({"-sS", pod.status.podIP + ":81/"});
    CHECK(closed.status == 7);
    CHECK(closed.err == "curl: (7) Failed to connect to " + pod.status.podIP + " port 81 after 0 ms: Couldn't connect to server\n");
    auto bad = lab.fromNode({"-Q", "x"});
    CHECK(bad.status == 2);
    CHECK(bad.err == "curl: option -Q: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    auto none = lab.fromNode({"-s"});
    CHECK(none.status == 2);
    auto notFound = lab.fromNode({pod.status.podIP + ":9876/nope"});
    CHECK(notFound.out == "<html><title>404: Not Found</title><body>404: Not Found</body></html>");
}

TEST_CASE("a deleted pod's namespace and its veth on the node go away") {
    Lab lab("legacy", 1, false);
    const Pod& pod = *lab.pods().front();
    const std::string key = podNamespaceKey(pod.meta.ns + "/" + pod.meta.name);
    auto& spaces = lab.sim.state().dataPlane.namespaces;
    REQUIRE(spaces.count(key) == 1);
    const std::string veth = spaces.at(key).findInterface("eth0")->peerInterface;
    CHECK(spaces.at("node/localhost").findInterface(veth) != nullptr);
    test::scaleRC(lab.sim, "rcsise", 0);
    lab.sim.runFor(SimTime::s(10));
    CHECK(spaces.count(key) == 0);
    CHECK(spaces.at("node/localhost").findInterface(veth) == nullptr);
}

TEST_CASE("modern: a node with ip_forward off forwards nothing, so its pods are out of reach from elsewhere") {
    Lab lab("modern", 2);
    auto pods = lab.pods();
    REQUIRE(pods[0]->spec.nodeName != pods[1]->spec.nodeName);
    const Pod& target = *pods[0];
    const Pod& other = *pods[1];
    lab.sim.state().dataPlane.namespaces.at(nodeNamespaceKey(target.spec.nodeName)).ipForward = false;
    const std::string url = target.status.podIP + ":9876/info";
    // From a pod on another node, and from the control plane: the packet enters the node by eth0,
    // is not for the node itself, and the kernel drops it.
    CHECK(lab.fromPod(other, {"-sS", "-m", "2", url}).status == 28);
    CHECK(lab.fromNode({"-sS", "-m", "2", url}).status == 28);
    // The node itself still reaches its pod (sent, not forwarded), and the other node's pod is
    // reached from anywhere.
    CHECK(lab.fromNode({"-s", url}, target.spec.nodeName).status == 0);
    CHECK(lab.fromNode({"-s", other.status.podIP + ":9876/info"}).status == 0);
    // trace --all says why.
    dataplane::TraceSource source;
    std::string error;
    REQUIRE(dataplane::resolveTraceSource(lab.sim, "", "172.18.0.1", target.spec.nodeName, source, error));
    net::Packet p;
    p.dst = *Ipv4::parse(target.status.podIP);
    p.dport = 9876;
    p.sport = 41000;
    p.syn = true;
    const auto report = dataplane::traceFirstPacket(lab.sim, source, p, true);
    REQUIRE(report.outcomes.size() == 1);
    CHECK(report.outcomes[0].destination == "DROP");
    CHECK(report.outcomes[0].steps.back().text == "not for this host and ip_forward is off");
}

TEST_CASE("legacy: with ip_forward off a pod reaches only pods its bridge switches to, not the VIP nor anything routed") {
    // As a 6.x kernel with br_netfilter does: two pods on a bridge, a DNAT rule for a VIP and a
    // host beyond another interface answer 200, 000 (timeout) and 000 with ip_forward=0, and 200
    // three times with ip_forward=1.
    Lab lab("legacy", 2);
    auto pods = lab.pods();
    auto& node = lab.sim.state().dataPlane.namespaces.at("node/localhost");
    node.ipForward = false;
    CHECK(lab.fromPod(*pods[0], {"-s", pods[1]->status.podIP + ":9876/info"}).status == 0);
    CHECK(lab.fromPod(*pods[0], {"-sS", "-m", "2", lab.vip + "/info"}).status == 28);
    CHECK(lab.fromNode({"-s", lab.vip + "/info"}).status == 0);  // the node's own packet is sent, not forwarded
    dataplane::TraceSource source;
    std::string error;
    REQUIRE(dataplane::resolveTraceSource(lab.sim, "localhost", pods[0]->meta.name, "", source, error));
    auto sendTo = [&](const std::string& ip, std::uint16_t port) {
        net::Packet p;
        p.dst = *Ipv4::parse(ip);
        p.dport = port;
        p.sport = 41000;
        p.syn = true;
        return dataplane::traceFirstPacket(lab.sim, source, p, true);
    };
    for (const std::string& to : {std::string("192.168.99.1"), lab.vip}) {
        CAPTURE(to);
        const auto r = sendTo(to, 80);
        INFO(dataplane::renderTraceText(r));
        REQUIRE(r.outcomes.size() == 1);
        CHECK(r.outcomes[0].destination == "DROP");
        CHECK(r.outcomes[0].steps.back().text == "not for this host and ip_forward is off");
        bool dropped = false;  // the packet sent met the same end
        for (const auto& hop : r.hops)
            for (const auto& s : hop.steps) dropped = dropped || s.text == "not for this host and ip_forward is off";
        CHECK(dropped);
    }
    CHECK(sendTo(pods[1]->status.podIP, 9876).outcomes.at(0).destination == pods[1]->status.podIP + ":9876");
    // With ip_forward back on, the packet leaves by eth1 and the VIP reaches its endpoints.
    node.ipForward = true;
    CHECK(sendTo("192.168.99.1", 80).outcomes.at(0).destination == "192.168.99.1:80");
    CHECK(lab.fromPod(*pods[0], {"-s", lab.vip + "/info"}).status == 0);
}
