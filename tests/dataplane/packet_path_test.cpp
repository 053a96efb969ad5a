// Packets across namespaces: the tutorial's curls and the settings that break them, in both eras.
#include <doctest/doctest.h>

#include <set>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>

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
