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

TEST_CASE("an entry whose timeout has passed is never found again: the next packet opens a new connection") {
    Conntrack ct;
    Tuple q{"udp", ip("10.0.2.15"), ip("172.30.0.10"), 40000, 53};
    const auto first = ct.track(q, SimTime::zero()).entry->id;
    ct.bindDestination(first, ip("172.17.0.5"), 8053);
    ct.markNatDone(first, true);
    ct.confirm(first);
    ct.update(first, Direction::Original, false, false, false, false, 60, SimTime::zero());
    REQUIRE(ct.nextExpiry() == SimTime::s(30));
    CHECK_FALSE(ct.track(q, SimTime::s(29)).isNew);  // one second left (and the timeout restarts)
    ct.update(first, Direction::Original, false, false, false, false, 60, SimTime::s(29));
    CHECK(ct.nextExpiry() == SimTime::s(59));
    Lookup late = ct.track(q, SimTime::s(59));  // exactly at the timeout: nf_ct_is_expired
    CHECK(late.isNew);
    CHECK(late.entry->id != first);
    CHECK_FALSE(late.entry->dnat);  // the old binding went with the old entry: nat decides again
    CHECK_FALSE(late.entry->dstNatDone);
    CHECK(ct.entries().size() == 1);
}

TEST_CASE("expire removes exactly the entries that are due, and nextExpiry names the earliest left") {
    Conntrack ct;
    Lookup udp = ct.track(Tuple{"udp", ip("10.0.0.1"), ip("10.0.0.2"), 1000, 53}, SimTime::zero());
    Lookup tcp = ct.track(Tuple{"tcp", ip("10.0.0.1"), ip("10.0.0.2"), 1001, 80}, SimTime::zero());
    ct.update(udp.entry->id, Direction::Original, false, false, false, false, 60, SimTime::zero());
    ct.update(tcp.entry->id, Direction::Original, true, false, false, false, 60, SimTime::zero());
    CHECK(ct.nextExpiry() == SimTime::s(30));
    CHECK(ct.expire(SimTime::s(30) - SimTime::ns(1)) == 0);
    CHECK(ct.expire(SimTime::s(30)) == 1);
    CHECK(ct.nextExpiry() == SimTime::s(120));  // SYN_SENT
    CHECK(ct.expire(SimTime::s(120)) == 1);
    CHECK_FALSE(ct.nextExpiry().has_value());
}

TEST_CASE("TCP closes through the kernel's states, each with its own timeout") {
    struct Step {
        Direction dir;
        bool syn, ack, fin;
        const char* state;
        int timeout;
    };
    const Direction O = Direction::Original, R = Direction::Reply;
    SUBCASE("the client closes, the server acknowledges, then closes") {
        const Step steps[] = {
            {O, true, false, false, "SYN_SENT", 120},  {R, true, true, false, "SYN_RECV", 60},
            {O, false, true, false, "ESTABLISHED", 432000}, {O, false, true, true, "FIN_WAIT", 120},
            {R, false, true, false, "CLOSE_WAIT", 60}, {R, false, true, true, "LAST_ACK", 30},
            {O, false, true, false, "TIME_WAIT", 120},
        };
        Conntrack ct;
        const auto id = ct.track(Tuple{"tcp", ip("10.0.0.1"), ip("10.0.0.2"), 1000, 80}, SimTime::zero()).entry->id;
        for (const Step& s : steps) {
            ct.update(id, s.dir, s.syn, s.ack, s.fin, false, 60, SimTime::s(1));
            CHECK(ct.find(id)->tcpState == s.state);
            CHECK(ct.find(id)->expires == SimTime::s(1 + s.timeout));
        }
    }
    SUBCASE("a reset closes at once, for 10 s") {
        Conntrack ct;
        const auto id = ct.track(Tuple{"tcp", ip("10.0.0.1"), ip("10.0.0.2"), 1000, 80}, SimTime::zero()).entry->id;
        ct.update(id, O, true, false, false, false, 60, SimTime::zero());
        ct.update(id, R, false, true, false, true, 40, SimTime::zero());
        CHECK(ct.find(id)->tcpState == "CLOSE");
        CHECK(ct.find(id)->expires == SimTime::s(10));
    }
}

TEST_CASE("a new SYN on a connection in TIME_WAIT opens a new connection, nat decided again") {
    Conntrack ct;
    Tuple t{"tcp", ip("10.0.0.1"), ip("172.30.0.9"), 1000, 80};
    Lookup first = ct.track(t, SimTime::zero());
    ct.bindDestination(first.entry->id, ip("172.17.0.3"), 9876);
    ct.find(first.entry->id)->tcpState = "TIME_WAIT";
    CHECK_FALSE(ct.track(t, SimTime::s(1)).isNew);  // a late ACK still belongs to it
    Lookup again = ct.track(t, SimTime::s(1), true);
    CHECK(again.isNew);
    CHECK_FALSE(again.entry->dnat);
    CHECK(ct.entries().size() == 1);
}

TEST_CASE("UDP becomes a stream, ASSURED with the 120 s timeout, only when replied traffic lasts beyond 2 s") {
    Conntrack ct;
    const auto id = ct.track(Tuple{"udp", ip("10.0.0.1"), ip("10.0.0.2"), 1000, 53}, SimTime::zero()).entry->id;
    ct.update(id, Direction::Original, false, false, false, false, 60, SimTime::zero());
    ct.update(id, Direction::Reply, false, false, false, false, 60, SimTime::ms(1));
    ct.update(id, Direction::Original, false, false, false, false, 60, SimTime::ms(500));
    CHECK_FALSE(ct.find(id)->assured);  // a request and its answer: 30 s, as a DNS lookup leaves it
    CHECK(ct.find(id)->expires == SimTime::ms(500) + SimTime::s(30));
    ct.update(id, Direction::Original, false, false, false, false, 60, SimTime::ms(2500));
    CHECK(ct.find(id)->assured);
    CHECK(ct.find(id)->expires == SimTime::ms(2500) + SimTime::s(120));
}

TEST_CASE("an ICMP error is related to the connection whose packet it quotes, in that packet's opposite direction") {
    Conntrack ct;
    Lookup l = ct.track(Tuple{"udp", ip("10.0.2.15"), ip("172.30.0.10"), 40000, 53}, SimTime::zero());
    ct.bindDestination(l.entry->id, ip("172.17.0.3"), 5353);
    // The endpoint's port unreachable quotes the datagram as it arrived there.
    Lookup rel = ct.related(Tuple{"udp", ip("10.0.2.15"), ip("172.17.0.3"), 40000, 5353}, SimTime::s(1));
    REQUIRE(rel.entry);
    CHECK(rel.entry->id == l.entry->id);
    CHECK(rel.related);
    CHECK(rel.direction == Direction::Reply);
    CHECK_FALSE(ct.related(Tuple{"udp", ip("10.0.2.15"), ip("172.17.0.3"), 40001, 5353}, SimTime::s(1)).entry);
    CHECK_FALSE(ct.related(Tuple{"udp", ip("10.0.2.15"), ip("172.17.0.3"), 40000, 5353}, SimTime::s(30)).entry);  // expired
    CHECK(ct.entries().size() == 1);
}

TEST_CASE("conntrack -L prints an echo exchange with ICMP type, code and id, as conntrack-tools does") {
    Conntrack ct;
    Lookup l = ct.track(Tuple{"icmp", ip("10.0.2.15"), ip("10.0.2.2"), 2, 2}, SimTime::zero());
    ct.update(l.entry->id, Direction::Original, false, false, false, false, 84, SimTime::zero());
    // Captured from conntrack v1.4.7 on Linux 6.x after `ping -c 1` (the id differs there).
    CHECK(formatConntrackEntry(*l.entry, SimTime::ms(1)) ==
          "icmp     1 29 src=10.0.2.15 dst=10.0.2.2 type=8 code=0 id=2 [UNREPLIED] src=10.0.2.2 dst=10.0.2.15 type=0 code=0 id=2 mark=0 use=1");
    ct.update(l.entry->id, Direction::Reply, false, false, false, false, 84, SimTime::ms(1));
    CHECK(formatConntrackEntry(*l.entry, SimTime::ms(500)) ==
          "icmp     1 29 src=10.0.2.15 dst=10.0.2.2 type=8 code=0 id=2 src=10.0.2.2 dst=10.0.2.15 type=0 code=0 id=2 mark=0 use=1");
}

TEST_CASE("conntrack -L prints UDP and TCP lines byte for byte as conntrack-tools does") {
    Conntrack ct;
    Lookup u = ct.track(Tuple{"udp", ip("10.0.2.15"), ip("10.0.2.2"), 60486, 5300}, SimTime::zero());
    ct.update(u.entry->id, Direction::Original, false, false, false, false, 29, SimTime::zero());
    ct.update(u.entry->id, Direction::Reply, false, false, false, false, 30, SimTime::ms(1));
    CHECK(formatConntrackEntry(*u.entry, SimTime::ms(2)) ==
          "udp      17 29 src=10.0.2.15 dst=10.0.2.2 sport=60486 dport=5300 src=10.0.2.2 dst=10.0.2.15 sport=5300 dport=60486 mark=0 use=1");
    Lookup t = ct.track(Tuple{"tcp", ip("10.0.2.15"), ip("10.0.2.2"), 36494, 80}, SimTime::zero());
    const auto id = t.entry->id;
    ct.update(id, Direction::Original, true, false, false, false, 60, SimTime::zero());
    ct.update(id, Direction::Reply, true, true, false, false, 60, SimTime::ms(1));
    ct.update(id, Direction::Original, false, true, false, false, 52, SimTime::ms(1));
    ct.update(id, Direction::Original, false, true, true, false, 52, SimTime::ms(2));
    ct.update(id, Direction::Reply, false, true, true, false, 52, SimTime::ms(3));
    ct.update(id, Direction::Original, false, true, false, false, 52, SimTime::ms(4));
    CHECK(formatConntrackEntry(*t.entry, SimTime::ms(5)) ==
          "tcp      6 119 TIME_WAIT src=10.0.2.15 dst=10.0.2.2 sport=36494 dport=80 src=10.0.2.2 dst=10.0.2.15 sport=80 dport=36494 [ASSURED] mark=0 use=1");
}
