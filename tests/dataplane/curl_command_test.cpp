// curl -v: the "*", "> " and "< " lines curl 7.88.1 prints on stderr for each outcome, next to
// the body on stdout and curl's own error line.
#include <doctest/doctest.h>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/netfilter_commands.hpp>

#include "../support/service_lab.hpp"

using namespace kns;

namespace {

struct Lab : test::ServiceLab {
    explicit Lab(const std::string& profile = "legacy", int replicas = 1, bool withService = true) : ServiceLab(profile, replicas, 7, withService) {}
    shell::CommandResult fromNode(const std::vector<std::string>& args) {
        std::vector<std::string> argv{"curl"};
        argv.insert(argv.end(), args.begin(), args.end());
        return dataplane::curl(sim, nodeNamespaceKey(sim.config().shellNode), argv);
    }
    shell::CommandResult fromPod(const Pod& pod, const std::vector<std::string>& args) {
        std::vector<std::string> argv{"curl"};
        argv.insert(argv.end(), args.begin(), args.end());
        return dataplane::curl(sim, podNamespaceKey(pod.meta.ns + "/" + pod.meta.name), argv);
    }
};

std::string requestLines(const std::string& host) {
    return "> GET /info HTTP/1.1\n> Host: " + host + "\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n";
}

} // namespace

TEST_CASE("curl -v: the connection, the request and the response header on stderr, the body on stdout") {
    Lab lab;
    const std::string ip = lab.pods().front()->status.podIP;
    // -i puts the same header lines on stdout: the "< " lines must match them.
    auto withHeaders = lab.fromNode({"-v", "-i", ip + ":9876/info"});
    REQUIRE(withHeaders.status == 0);
    const std::string head = withHeaders.out.substr(0, withHeaders.out.find("\n\n") + 1);
    std::string received;
    for (const std::string& line : shell::splitLines(head)) received += "< " + line + "\n";
    CHECK(head.rfind("HTTP/1.1 200 OK\nServer: TornadoServer/4.5.1\nContent-Type: application/json\nDate: ", 0) == 0);
    CHECK(withHeaders.err == "*   Trying " + ip + ":9876...\n* Connected to " + ip + " (" + ip + ") port 9876 (#0)\n" + requestLines(ip + ":9876") +
                                 received + "< \n* Connection #0 to host " + ip + " left intact\n");
    auto plain = lab.fromNode({"-v", ip + ":9876/info"});
    CHECK(plain.out == "{\"host\": \"" + ip + ":9876\", \"version\": \"0.5.0\", \"from\": \"172.17.0.1\"}");
    // Through the Service, by address: port 80 is left out of the Host header.
    auto viaVip = lab.fromNode({"-sv", lab.vip + "/info"});
    CHECK(viaVip.status == 0);
    CHECK(viaVip.err.rfind("*   Trying " + lab.vip + ":80...\n* Connected to " + lab.vip + " (" + lab.vip + ") port 80 (#0)\n" + requestLines(lab.vip), 0) == 0);
}

TEST_CASE("curl -v by name: the name where curl names the host, the address where it names the address") {
    Lab lab("modern", 1);
    const Pod& pod = *lab.pods().front();
    auto r = lab.fromPod(pod, {"-v", "simpleservice/info"});
    REQUIRE(r.status == 0);
    CHECK(r.err.rfind("*   Trying " + lab.vip + ":80...\n* Connected to simpleservice (" + lab.vip + ") port 80 (#0)\n" + requestLines("simpleservice"), 0) == 0);
    CHECK(r.err.find("\n* Connection #0 to host simpleservice left intact\n") != std::string::npos);
}

TEST_CASE("curl -v on a refused connection: connect's error, then curl's, with or without -s") {
    Lab lab("legacy", 1, false);
    const std::string ip = lab.pods().front()->status.podIP;
    const std::string verbose = "*   Trying " + ip + ":81...\n* connect to " + ip + " port 81 failed: Connection refused\n"
                                "* Failed to connect to " + ip + " port 81 after 0 ms: Couldn't connect to server\n* Closing connection 0\n";
    const std::string error = "curl: (7) Failed to connect to " + ip + " port 81 after 0 ms: Couldn't connect to server\n";
    auto r = lab.fromNode({"-v", ip + ":81/info"});
    CHECK(r.status == 7);
    CHECK(r.out == "");
    CHECK(r.err == verbose + error);
    CHECK(lab.fromNode({"-sv", ip + ":81/info"}).err == verbose);
    CHECK(lab.fromNode({"-sSv", ip + ":81/info"}).err == verbose + error);
}

TEST_CASE("curl -v -m on a connection that never answers: the time-out, as a line of its own and as curl's error") {
    Lab lab;
    const Pod& pod = *lab.pods().front();
    for (auto& i : lab.sim.state().dataPlane.namespaces.at("node/localhost").interfaces)
        if (i.master == "docker0") i.hairpin = false;  // the pod's SYN to itself through the VIP is lost
    auto r = lab.fromPod(pod, {"-v", "-m", "2", lab.vip + "/info"});
    CHECK(r.status == 28);
    CHECK(r.err == "*   Trying " + lab.vip + ":80...\n* Connection timed out after 2000 milliseconds\n* Closing connection 0\n"
                   "curl: (28) Connection timed out after 2000 milliseconds\n");
    auto connect = lab.fromPod(pod, {"-sSv", "--connect-timeout", "1", lab.vip + "/info"});
    CHECK(connect.status == 28);
    CHECK(connect.err == "*   Trying " + lab.vip + ":80...\n* ipv4 connect timeout after 1000ms, move on!\n"
                         "* Failed to connect to " + lab.vip + " port 80 after 1000 ms: Timeout was reached\n* Closing connection 0\n"
                         "curl: (28) Failed to connect to " + lab.vip + " port 80 after 1000 ms: Timeout was reached\n");
}

TEST_CASE("curl -v -m on a server slower than the limit: connected, request sent, no answer in time") {
    Lab lab("legacy", 0, false);
    ReplicationController slow = test::siseRC(1, "slow", "slow");
    slow.tmpl.spec.containers[0].env = {{"HEALTH_MIN", "3000"}, {"HEALTH_MAX", "4000"}};
    REQUIRE(lab.sim.api().create(slow, "test").ok());
    lab.sim.runFor(SimTime::s(30));
    REQUIRE(test::readyPods(lab.sim, "slow") == 1);
    const std::string ip = test::podsWith(lab.sim, "slow").front()->status.podIP;
    auto r = lab.fromNode({"-v", "-m", "1", ip + ":9876/health"});
    CHECK(r.status == 28);
    CHECK(r.out == "");
    CHECK(r.err == "*   Trying " + ip + ":9876...\n* Connected to " + ip + " (" + ip + ") port 9876 (#0)\n"
                   "> GET /health HTTP/1.1\n> Host: " + ip + ":9876\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n"
                   "* Operation timed out after 1000 milliseconds with 0 bytes received\n* Closing connection 0\n"
                   "curl: (28) Operation timed out after 1000 milliseconds with 0 bytes received\n");
}

TEST_CASE("curl -v on a connection reset after the request: connected, request sent, then the reset") {
    Lab lab("legacy", 2, false);
    auto pods = lab.pods();
    const std::string ip = pods[1]->status.podIP;
    // The node answers the pods' established traffic to 9876 with a RST (the handshake passes).
    auto restore = dataplane::iptablesRestore(lab.sim, "localhost", {"iptables-restore", "--noflush"},
                                              "*filter\n:RESET - [0:0]\n-I FORWARD 1 -j RESET\n"
                                              "-A RESET -p tcp -m conntrack --ctstate ESTABLISHED -m tcp --dport 9876 -j REJECT --reject-with tcp-reset\nCOMMIT\n");
    REQUIRE(restore.status == 0);
    auto r = lab.fromPod(*pods[0], {"-v", ip + ":9876/info"});
    CHECK(r.status == 56);
    CHECK(r.out == "");
    CHECK(r.err == "*   Trying " + ip + ":9876...\n* Connected to " + ip + " (" + ip + ") port 9876 (#0)\n" + requestLines(ip + ":9876") +
                   "* Recv failure: Connection reset by peer\n* Closing connection 0\ncurl: (56) Recv failure: Connection reset by peer\n");
}

TEST_CASE("curl -v when the SYN retries run out: connect's time-out after 127 s, exit 28") {
    Lab lab("legacy", 1, false);
    auto r = lab.fromNode({"-v", "10.9.9.9/info"});  // routed out of the node, never answered
    CHECK(r.status == 28);
    CHECK(r.err == "*   Trying 10.9.9.9:80...\n* connect to 10.9.9.9 port 80 failed: Connection timed out\n"
                   "* Failed to connect to 10.9.9.9 port 80 after 127000 ms: Couldn't connect to server\n* Closing connection 0\n"
                   "curl: (28) Failed to connect to 10.9.9.9 port 80 after 127000 ms: Couldn't connect to server\n");
}

TEST_CASE("curl -v with no route to the address: connect() fails at once, exit 7") {
    Lab lab("legacy", 1, false);
    const Pod& pod = *lab.pods().front();
    net::NetNamespace& ns = lab.sim.state().dataPlane.namespaces.at(podNamespaceKey(pod.meta.ns + "/" + pod.meta.name));
    net::RoutingTable onLink;  // the pod's table without its default route
    for (const net::Route& route : ns.routes.routes())
        if (route.destination.prefix != 0) onLink.add(route);
    ns.routes = onLink;
    auto r = lab.fromPod(pod, {"-v", "10.9.9.9/info"});
    CHECK(r.status == 7);
    CHECK(r.err == "*   Trying 10.9.9.9:80...\n* Immediate connect fail for 10.9.9.9: Network is unreachable\n"
                   "* Failed to connect to 10.9.9.9 port 80 after 0 ms: Couldn't connect to server\n* Closing connection 0\n"
                   "curl: (7) Failed to connect to 10.9.9.9 port 80 after 0 ms: Couldn't connect to server\n");
}
