#include <doctest/doctest.h>

#include <kubenetsim/net/conntrack.hpp>

using namespace kns;
using namespace kns::net;

namespace {
Ipv4 ip(const char* s) { return *Ipv4::parse(s); }
}

TEST_CASE("a DNATed connection's replies are found by their real source and map back to the original") {
    Conntrack ct;
    Tuple syn{"tcp", ip("10.0.2.15"), ip("172.30.228.255"), 40000, 80};
    Lookup first = ct.track(syn, SimTime::zero());
    REQUIRE(first.isNew);
    ct.bindDestination(first.entry->id, ip("172.17.0.4"), 9876);
    ct.markNatDone(first.entry->id, true);
    ct.confirm(first.entry->id);
    // The endpoint answers from its own address to the client.
    Tuple synAck{"tcp", ip("172.17.0.4"), ip("10.0.2.15"), 9876, 40000};
    Lookup reply = ct.track(synAck, SimTime::ms(1));
    CHECK_FALSE(reply.isNew);
    CHECK(reply.direction == Direction::Reply);
    REQUIRE(reply.entry);
    CHECK(reply.entry->original.dst == ip("172.30.228.255"));  // un-DNAT: the reply's source becomes the VIP
    // A later packet of the client is the same connection in the original direction.
    Lookup again = ct.track(syn, SimTime::ms(2));
    CHECK_FALSE(again.isNew);
    CHECK(again.direction == Direction::Original);
    CHECK(again.entry->dnat);
}

TEST_CASE("a masqueraded connection's replies are addressed to the node and map back to the client") {
    Conntrack ct;
    Tuple syn{"tcp", ip("172.17.0.3"), ip("172.30.228.255"), 50000, 80};
    Lookup first = ct.track(syn, SimTime::zero());
    ct.bindDestination(first.entry->id, ip("172.17.0.3"), 9876);  // hairpin: DNAT to itself
    ct.bindSource(first.entry->id, ip("172.17.0.1"), 50000);      // and MASQUERADE to the bridge address
    Lookup reply = ct.track(Tuple{"tcp", ip("172.17.0.3"), ip("172.17.0.1"), 9876, 50000}, SimTime::ms(1));
    CHECK(reply.direction == Direction::Reply);
    REQUIRE(reply.entry);
    CHECK(reply.entry->original.src == ip("172.17.0.3"));
    CHECK(reply.entry->snat);
    // Without NAT the same reply would not match the connection.
    Conntrack plain;
    plain.track(syn, SimTime::zero());
    CHECK(plain.track(Tuple{"tcp", ip("172.17.0.3"), ip("172.17.0.1"), 9876, 50000}, SimTime::ms(1)).isNew);
}

TEST_CASE("TCP state advances through the handshake and entries expire on their timeout") {
    Conntrack ct;
    Tuple syn{"tcp", ip("10.0.0.1"), ip("10.0.0.2"), 1000, 80};
    Lookup l = ct.track(syn, SimTime::zero());
    const auto id = l.entry->id;
    ct.confirm(id);
    ct.update(id, Direction::Original, true, false, false, false, 60, SimTime::zero());
    CHECK(ct.find(id)->tcpState == "SYN_SENT");
    ct.update(id, Direction::Reply, true, true, false, false, 60, SimTime::ms(1));
    CHECK(ct.find(id)->tcpState == "SYN_RECV");
    ct.update(id, Direction::Original, false, true, false, false, 52, SimTime::ms(2));
    CHECK(ct.find(id)->tcpState == "ESTABLISHED");
    CHECK(ct.find(id)->assured);
    CHECK(ct.expire(SimTime::s(1000)) == 0);
    CHECK(ct.expire(SimTime::s(432001)) == 1);
    CHECK(ct.entries().empty());
}

TEST_CASE("conntrack -L prints the original and reply tuples in conntrack-tools' layout") {
    Conntrack ct;
    Lookup l = ct.track(Tuple{"tcp", ip("10.0.2.15"), ip("172.30.228.255"), 40000, 80}, SimTime::zero());
    ct.bindDestination(l.entry->id, ip("172.17.0.3"), 9876);
    ct.update(l.entry->id, Direction::Original, true, false, false, false, 60, SimTime::zero());
    CHECK(formatConntrackEntry(*l.entry, SimTime::zero()) ==
          "tcp      6 120 SYN_SENT src=10.0.2.15 dst=172.30.228.255 sport=40000 dport=80 [UNREPLIED] "
          "src=172.17.0.3 dst=10.0.2.15 sport=9876 dport=40000 mark=0 use=1");
}
