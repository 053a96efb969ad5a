// Conntrack timeouts on the simulation's clock: entries vanish when their timeout passes, whether
// or not anyone lists them, and the next packet of the same tuple is a new connection.
#include <doctest/doctest.h>

#include <kubenetsim/dataplane/fabric.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;

namespace {

struct Lab {
    test::BootedCluster cluster{"modern"};
    Simulation& sim = cluster.sim;
    std::string node;
    Ipv4 dnsVip;
    Lab() {
        sim.runFor(SimTime::s(60));  // CoreDNS ready, kube-proxy synced
        for (const auto& [key, ns] : sim.state().dataPlane.namespaces)
            if (key.rfind("node/", 0) == 0 && node.empty()) node = key;
        dnsVip = *Ipv4::parse(sim.api().get<Service>("kube-system", "kube-dns")->clusterIP);
        sim.state().dataPlane.transport.recordHops = true;
    }
    // A datagram from the node to the cluster DNS's VIP, always from the same port.
    void query() {
        net::Packet p;
        p.proto = "udp";
        p.dst = dnsVip;
        p.sport = 40000;
        p.dport = 53;
        dataplane::sendPacket(sim, node, p);
        sim.runFor(SimTime::ms(10));
    }
    const net::ConnEntry* entry() {
        for (const auto& [id, e] : sim.state().dataPlane.namespaces.at(node).conntrack.entries())
            if (e.original.dst == dnsVip && e.original.sport == 40000) return &e;
        return nullptr;
    }
    // What conntrack said of the query's last walk through the node, and whether the nat table was asked.
    std::pair<std::string, bool> lastSend() {
        for (auto it = sim.state().dataPlane.transport.hops.rbegin(); it != sim.state().dataPlane.transport.hops.rend(); ++it) {
            if (it->ns != node || !it->inIface.empty() || it->before.sport != 40000) continue;
            std::string conntrack;
            bool nat = false;
            for (const auto& s : it->result.steps) {
                if (s.kind == "conntrack") conntrack = s.text;
                nat = nat || (s.hasHook && s.table == netfilter::TableId::Nat && s.hook == netfilter::Hook::Output);
            }
            return {conntrack, nat};
        }
        return {"", false};
    }
};

} // namespace

TEST_CASE("a UDP entry disappears 30 s after its last packet without anyone listing the table, and the next packet is NEW with a fresh nat decision") {
    Lab lab;
    lab.query();
    REQUIRE(lab.entry());
    const auto first = lab.entry()->id;
    CHECK(lab.entry()->dnat);
    CHECK(lab.lastSend() == std::pair<std::string, bool>{"new connection #" + std::to_string(first), true});

    lab.sim.runFor(SimTime::s(10));
    lab.query();  // refreshes the timeout: 30 s from now
    CHECK(lab.lastSend() == std::pair<std::string, bool>{"connection #" + std::to_string(first), false});
    lab.sim.runFor(SimTime::s(29) + SimTime::ms(980));  // query() ran 10 ms past the datagram
    CHECK(lab.entry());
    lab.sim.runFor(SimTime::ms(10));  // 30 s after the second datagram
    CHECK_FALSE(lab.entry());

    lab.query();
    REQUIRE(lab.entry());
    CHECK(lab.entry()->id != first);
    CHECK(lab.entry()->dnat);
    CHECK(lab.lastSend() == std::pair<std::string, bool>{"new connection #" + std::to_string(lab.entry()->id), true});
}

TEST_CASE("each namespace has at most one expiry event pending, at its table's earliest expiry") {
    Lab lab;
    lab.query();
    const auto& timers = lab.sim.state().dataPlane.conntrackExpiries;
    REQUIRE(timers.count(lab.node) == 1);
    const SimTime earliest = *lab.sim.state().dataPlane.namespaces.at(lab.node).conntrack.nextExpiry();
    CHECK(timers.at(lab.node).at == earliest);
    CHECK(lab.sim.kernel().isPending(timers.at(lab.node).event));
}
