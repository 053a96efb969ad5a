#include <doctest/doctest.h>

#include <kubenetsim/net/stack.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

using namespace kns;
using namespace kns::net;

namespace {

Ipv4 ip(const char* s) { return *Ipv4::parse(s); }

ClusterState tutorial(const std::vector<std::string>& podIPs) {
    ClusterState s;
    Service svc;
    svc.meta.ns = "default";
    svc.meta.name = "simpleservice";
    svc.clusterIP = "172.30.228.255";
    svc.ports = {ServicePort{"", "TCP", 80, IntOrString::ofInt(9876), 0}};
    s.services["default/simpleservice"] = svc;
    Endpoints ep;
    ep.meta = svc.meta;
    EndpointSubset sub;
    for (const auto& a : podIPs) sub.addresses.push_back(EndpointAddress{a, "localhost", std::nullopt});
    sub.ports = {EndpointPort{"", 9876, "TCP"}};
    ep.subsets = {sub};
    s.endpoints["default/simpleservice"] = ep;
    return s;
}

// The tutorial's node with legacy kube-proxy rules for the given endpoints.
NetNamespace legacyNode(const std::vector<std::string>& podIPs) {
    NetNamespace ns;
    ns.name = "node/localhost";
    ns.ipForward = true;
    ns.interfaces = {
        Interface{"lo", "loopback", {{ip("127.0.0.1"), 8}}},
        Interface{"eth0", "ether", {{ip("10.0.2.15"), 24}}},
        Interface{"eth1", "ether", {{ip("192.168.99.100"), 24}}},
        Interface{"docker0", "bridge", {{ip("172.17.0.1"), 16}}},
    };
    ns.routes.add(Route{*Cidr::parse("0.0.0.0/0"), ip("10.0.2.2"), "eth0", std::nullopt, 0, "dhcp", "global"});
    ns.routes.add(Route{*Cidr::parse("10.0.2.0/24"), std::nullopt, "eth0", ip("10.0.2.15")});
    ns.routes.add(Route{*Cidr::parse("172.17.0.0/16"), std::nullopt, "docker0", ip("172.17.0.1")});
    ns.routes.add(Route{*Cidr::parse("192.168.99.0/24"), std::nullopt, "eth1", ip("192.168.99.100")});
    ClusterState state = tutorial(podIPs);
    proxy::SyncInput in;
    in.objects = &state;
    in.nodeName = "localhost";
    in.serviceOrder = {"default/simpleservice"};
    proxy::addLegacyKubeletRules(ns.rules);
    auto res = proxy::applySync(ns.rules, proxy::generateLegacyRules(in));
    REQUIRE_MESSAGE(res.ok, res.errorText);
    return ns;
}

Packet syn(Ipv4 dst, std::uint16_t dport, std::uint16_t sport = 40000) {
    Packet p;
    p.dst = dst;
    p.dport = dport;
    p.sport = sport;
    p.syn = true;
    return p;
}

std::string steps(const StackResult& r) {
    std::string s;
    for (const auto& st : r.steps) s += st.kind + ": " + st.text + "\n";
    return s;
}

} // namespace

TEST_CASE("curl from the node to the VIP is DNATed to the pod, keeps the node's eth0 address, and the reply is un-DNATed") {
    NetNamespace node = legacyNode({"172.17.0.3"});
    Rng rng(1);
    netfilter::EvalContext ctx{&rng, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet p = syn(ip("172.30.228.255"), 80);
    StackResult out = sendFromHost(node, p, ctx);
    INFO(steps(out));
    REQUIRE(out.outcome == Outcome::Forward);
    CHECK(out.egress == "docker0");
    CHECK(p.src == ip("10.0.2.15"));  // what simpleservice will print as "from"
    CHECK(p.dst == ip("172.17.0.3"));
    CHECK(p.dport == 9876);

    Packet reply;
    reply.src = ip("172.17.0.3");
    reply.sport = 9876;
    reply.dst = ip("10.0.2.15");
    reply.dport = 40000;
    reply.syn = reply.ack = true;
    StackResult back = receive(node, reply, "docker0", ctx);
    INFO(steps(back));
    REQUIRE(back.outcome == Outcome::Local);
    CHECK(reply.src == ip("172.30.228.255"));  // the client sees the VIP answer
    CHECK(reply.sport == 80);
}

TEST_CASE("curl from the node straight to the pod takes docker0's address as its source") {
    NetNamespace node = legacyNode({"172.17.0.3"});
    netfilter::EvalContext ctx{nullptr, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet p = syn(ip("172.17.0.3"), 9876);
    StackResult out = sendFromHost(node, p, ctx);
    REQUIRE(out.outcome == Outcome::Forward);
    CHECK(p.src == ip("172.17.0.1"));
}

TEST_CASE("later packets of a connection keep its endpoint whatever the random draws") {
    NetNamespace node = legacyNode({"172.17.0.3", "172.17.0.4"});
    Rng rng(5);
    netfilter::EvalContext ctx{&rng, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet first = syn(ip("172.30.228.255"), 80);
    sendFromHost(node, first, ctx);
    const Ipv4 chosen = first.dst;
    const auto* svc = node.rules.table(netfilter::TableId::Nat)->find("KUBE-SERVICES");
    const auto hitsAfterFirst = svc->rules[0].counters.packets;
    for (int i = 0; i < 20; ++i) {
        Packet next = syn(ip("172.30.228.255"), 80);
        next.syn = false;
        next.ack = true;
        sendFromHost(node, next, ctx);
        CHECK(next.dst == chosen);
    }
    CHECK(svc->rules[0].counters.packets == hitsAfterFirst);  // the nat table saw only the first packet
}

TEST_CASE("a service without endpoints is rejected in filter OUTPUT") {
    NetNamespace node = legacyNode({});
    netfilter::EvalContext ctx{nullptr, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet p = syn(ip("172.30.228.255"), 80);
    StackResult out = sendFromHost(node, p, ctx);
    INFO(steps(out));
    CHECK(out.outcome == Outcome::Reject);
    CHECK(out.rejectWith == "icmp-port-unreachable");
    CHECK(node.conntrack.entries().empty());
}

TEST_CASE("an endpoint's ICMP error is RELATED to the DNATed connection and leaves un-NATed, outside and quoted header alike") {
    NetNamespace node = legacyNode({"172.17.0.3"});
    // Two counting rules at the end of filter FORWARD tell which state the packets were in.
    REQUIRE(netfilter::restoreRuleset(node.rules, "*filter\n-A FORWARD -m conntrack --ctstate RELATED\n-A FORWARD -m conntrack --ctstate NEW\nCOMMIT\n",
                                      {.noflush = true}).ok);
    Rng rng(1);
    netfilter::EvalContext ctx{&rng, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet in = syn(ip("172.30.228.255"), 80, 40000);  // from a client beyond eth0
    in.src = ip("10.0.2.2");
    StackResult there = receive(node, in, "eth0", ctx);
    INFO(steps(there));
    REQUIRE(there.outcome == Outcome::Forward);
    REQUIRE(in.dst == ip("172.17.0.3"));
    REQUIRE(node.conntrack.entries().size() == 1);

    // The endpoint's kernel refuses it with an ICMP error quoting the packet as it arrived there.
    Packet error;
    error.proto = "icmp";
    error.icmpType = "port-unreachable";
    error.src = in.dst;
    error.dst = in.src;
    error.inner = in.tuple();
    ctx.now = SimTime::ms(1);
    StackResult back = receive(node, error, "docker0", ctx);
    INFO(steps(back));
    REQUIRE(back.outcome == Outcome::Forward);
    CHECK(back.egress == "eth0");
    CHECK(error.src == ip("172.30.228.255"));  // from the VIP the client sent to
    CHECK(error.dst == ip("10.0.2.2"));
    REQUIRE(error.inner);
    CHECK(*error.inner == Tuple{"tcp", ip("10.0.2.2"), ip("172.30.228.255"), 40000, 80});  // about the client's own packet
    CHECK(back.steps.front().text == "related to connection #" + std::to_string(there.connection));
    CHECK(node.conntrack.entries().size() == 1);  // no entry of its own
    CHECK_FALSE(node.conntrack.entries().begin()->second.seenReply);  // nor does it count as the reply
    const auto& forward = node.rules.table(netfilter::TableId::Filter)->find("FORWARD")->rules;
    CHECK(forward[forward.size() - 2].counters.packets == 1);  // RELATED: the error
    CHECK(forward[forward.size() - 1].counters.packets == 1);  // NEW: the first packet only
}

TEST_CASE("an ICMP error about no tracked connection is INVALID and creates no entry") {
    NetNamespace node = legacyNode({"172.17.0.3"});
    REQUIRE(netfilter::restoreRuleset(node.rules, "*filter\n-A FORWARD -m conntrack --ctstate INVALID\nCOMMIT\n", {.noflush = true}).ok);
    netfilter::EvalContext ctx{nullptr, &node.recent, SimTime::zero(), [&](Ipv4 a) { return node.isLocal(a); }};
    Packet error;
    error.proto = "icmp";
    error.icmpType = "port-unreachable";
    error.src = ip("172.17.0.3");
    error.dst = ip("10.0.2.2");
    error.inner = Tuple{"udp", ip("10.0.2.2"), ip("172.17.0.3"), 40000, 53};
    StackResult r = receive(node, error, "docker0", ctx);
    INFO(steps(r));
    CHECK(r.outcome == Outcome::Forward);  // nothing here drops INVALID packets
    CHECK(node.conntrack.entries().empty());
    CHECK(node.rules.table(netfilter::TableId::Filter)->find("FORWARD")->rules.back().counters.packets == 1);
}
