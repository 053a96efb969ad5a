// TCP's retransmission and TIME_WAIT over the simulated network.
#include <doctest/doctest.h>

#include <map>
#include <tuple>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;

namespace {

struct Lab {
    test::BootedCluster cluster;
    Simulation& sim;
    std::string podIP;
    explicit Lab(std::uint64_t seed = 11) : cluster("legacy", seed), sim(cluster.sim) {
        REQUIRE(sim.api().create(test::siseRC(1), "test").ok());
        sim.runFor(SimTime::s(30));
        REQUIRE(test::readyPods(sim, "sise") == 1);
        podIP = test::podsWith(sim, "sise").front()->status.podIP;
    }
    shell::CommandResult curl() { return dataplane::curl(sim, "node/localhost", {"curl", "-sS", podIP + ":9876/info"}); }
    std::vector<const TcpSocket*> sockets(const std::string& ns) {
        std::vector<const TcpSocket*> out;
        for (const auto& [id, s] : sim.state().dataPlane.transport.sockets)
            if (s.ns == ns) out.push_back(&s);
        return out;
    }
};

} // namespace

TEST_CASE("the side that closes first keeps its socket in TIME_WAIT for 60 s, and conntrack its entry for 120 s") {
    Lab lab;
    REQUIRE(lab.curl().status == 0);
    lab.sim.runFor(SimTime::ms(100));  // the closing handshake
    auto client = lab.sockets("node/localhost");
    REQUIRE(client.size() == 1);  // curl closed first: its end waits
    CHECK(client.front()->state == TcpState::TimeWait);
    CHECK(lab.sockets(podNamespaceKey("default/" + test::podsWith(lab.sim, "sise").front()->meta.name)).empty());
    bool ctTimeWait = false;
    for (const auto& [id, e] : lab.sim.state().dataPlane.namespaces.at("node/localhost").conntrack.entries())
        ctTimeWait = ctTimeWait || (e.original.dst.str() == lab.podIP && e.tcpState == "TIME_WAIT" && e.expires - lab.sim.now() > SimTime::s(119));
    CHECK(ctTimeWait);
    lab.sim.runFor(SimTime::s(59));
    CHECK(lab.sockets("node/localhost").size() == 1);
    lab.sim.runFor(SimTime::s(1));
    CHECK(lab.sockets("node/localhost").empty());
}

TEST_CASE("over a lossy link a curl still completes, more slowly: lost SYNs, data and FINs are retransmitted") {
    Lab lossless;
    SimTime cleanTime;
    for (int i = 0; i < 20; ++i) {
        const SimTime start = lossless.sim.now();
        REQUIRE(lossless.curl().status == 0);
        cleanTime += lossless.sim.now() - start;
    }
    Lab lossy;
    lossy.sim.state().dataPlane.links["localhost"].loss = 0.2;
    SimTime lossyTime;
    for (int i = 0; i < 20; ++i) {
        const SimTime start = lossy.sim.now();
        auto r = lossy.curl();
        CHECK(r.status == 0);
        CHECK(r.out == "{\"host\": \"" + lossy.podIP + ":9876\", \"version\": \"0.5.0\", \"from\": \"172.17.0.1\"}");
        lossyTime += lossy.sim.now() - start;
    }
    // Some loss hit data, not only SYNs: a data retransmission comes after an RTO of at least 200 ms,
    // so requests took that long without being SYN retries (whole seconds).
    CHECK(lossyTime > cleanTime + SimTime::ms(200));
    // Every retransmitted segment shows twice in the capture: same sequence number, same payload.
    std::map<std::tuple<std::string, std::string, std::uint32_t, std::string>, int> seen;
    int dataRetransmissions = 0;
    for (const auto& c : lossy.sim.state().dataPlane.capture)
        if (c.packet.proto == "tcp" && !c.packet.payload.empty())
            dataRetransmissions += seen[{c.ns, c.iface, c.packet.seq, c.packet.payload}]++ > 0 ? 1 : 0;
    CHECK(dataRetransmissions > 0);
}
