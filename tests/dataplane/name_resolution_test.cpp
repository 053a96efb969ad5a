// Cluster DNS as UDP packets: the resolver's queries, the servers each profile has, and what a
// lost or refused query does.
#include <doctest/doctest.h>

#include <set>

#include <kubenetsim/dataplane/client_commands.hpp>
#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/dns_message.hpp>
#include <kubenetsim/dataplane/name_resolution.hpp>

#include "../support/service_lab.hpp"

using namespace kns;

namespace {

struct Lab : test::ServiceLab {
    Lab(const std::string& profile, int replicas) : ServiceLab(profile, replicas, 5) {}
    const Pod& pod(int i) { return *pods()[static_cast<std::size_t>(i)]; }
    std::string podNs(int i) { return podNamespaceKey("default/" + pod(i).meta.name); }
};

// The DNS datagrams that left `ns` by its eth0 since capture index `from`, decoded.
std::vector<std::pair<net::Packet, dataplane::DnsMessage>> dnsSentBy(Simulation& sim, const std::string& ns, std::size_t from = 0) {
    std::vector<std::pair<net::Packet, dataplane::DnsMessage>> out;
    const auto& cap = sim.state().dataPlane.capture;
    for (std::size_t i = from; i < cap.size(); ++i) {
        const auto& c = cap[i];
        if (c.ns != ns || c.iface != "eth0" || c.packet.proto != "udp" || c.packet.dport != 53) continue;
        if (auto m = dataplane::decodeDns(c.packet.payload)) out.emplace_back(c.packet, *m);
    }
    return out;
}

std::vector<const Pod*> coreDnsPods(Simulation& sim) {
    LabelSelector sel{{{"k8s-app", "kube-dns"}}, {}};
    std::vector<const Pod*> out;
    for (const Pod* p : sim.api().list<Pod>("kube-system", &sel))
        if (!p->meta.deletionTimestamp) out.push_back(p);
    return out;
}

} // namespace

TEST_CASE("a DNS message survives its wire format: a query, an answer and an NXDOMAIN") {
    dataplane::DnsMessage q;
    q.id = 0xBEEF;
    q.name = "simpleservice.default.svc.cluster.local";
    const std::string bytes = dataplane::encodeDns(q);
    CHECK(bytes.size() == 12 + q.name.size() + 2 + 4);
    auto back = dataplane::decodeDns(bytes);
    REQUIRE(back);
    CHECK(back->id == 0xBEEF);
    CHECK_FALSE(back->response);
    CHECK(back->name == q.name);
    dataplane::DnsMessage a = q;
    a.response = true;
    a.answers = {*Ipv4::parse("10.96.7.8"), *Ipv4::parse("10.96.7.9")};
    auto answer = dataplane::decodeDns(dataplane::encodeDns(a));
    REQUIRE(answer);
    CHECK(answer->response);
    CHECK(answer->rcode == dataplane::kDnsNoError);
    REQUIRE(answer->answers.size() == 2);
    CHECK(answer->answers[1].str() == "10.96.7.9");
    a.answers.clear();
    a.rcode = dataplane::kDnsNxDomain;
    CHECK(dataplane::decodeDns(dataplane::encodeDns(a))->rcode == dataplane::kDnsNxDomain);
    CHECK_FALSE(dataplane::decodeDns(bytes.substr(0, 11)));
}

TEST_CASE("modern: a pod's lookup is one UDP query per search-path candidate to the kube-dns VIP, answered by a CoreDNS pod") {
    Lab lab("modern", 1);
    const std::string ns = lab.podNs(0);
    std::size_t mark = lab.sim.state().dataPlane.capture.size();
    auto found = dataplane::resolveName(lab.sim, ns, "simpleservice");
    REQUIRE(found.status == dataplane::Resolution::Status::Found);
    CHECK(found.address->str() == lab.vip);
    CHECK(found.fqdn == "simpleservice.default.svc.cluster.local");
    auto sent = dnsSentBy(lab.sim, ns, mark);
    REQUIRE(sent.size() == 1);  // the first candidate answered
    CHECK(sent[0].first.dst.str() == "10.96.0.10");
    CHECK(sent[0].first.src.str() == lab.pod(0).status.podIP);
    CHECK(sent[0].second.name == "simpleservice.default.svc.cluster.local");
    // The query reached a CoreDNS pod (after DNAT) and its answer came back from the VIP (un-DNATed).
    std::set<std::string> dnsPods;
    for (const Pod* p : coreDnsPods(lab.sim)) dnsPods.insert(p->status.podIP);
    bool reachedDns = false, answerFromVip = false;
    const auto& cap = lab.sim.state().dataPlane.capture;
    for (std::size_t i = mark; i < cap.size(); ++i) {
        const net::Packet& p = cap[i].packet;
        if (p.proto != "udp") continue;
        reachedDns = reachedDns || (p.dport == 53 && dnsPods.count(p.dst.str()) && cap[i].ns.rfind("node/", 0) == 0);
        answerFromVip = answerFromVip || (p.sport == 53 && p.src.str() == "10.96.0.10" && cap[i].ns.rfind("node/", 0) == 0);
    }
    CHECK(reachedDns);
    CHECK(answerFromVip);

    // A missing name: every candidate, in glibc's order (search path first: fewer than ndots dots), NXDOMAIN.
    mark = lab.sim.state().dataPlane.capture.size();
    auto missing = dataplane::resolveName(lab.sim, ns, "nothere");
    CHECK(missing.status == dataplane::Resolution::Status::NotFound);
    std::vector<std::string> names;
    for (const auto& [p, m] : dnsSentBy(lab.sim, ns, mark)) names.push_back(m.name);
    CHECK(names == std::vector<std::string>{"nothere.default.svc.cluster.local", "nothere.svc.cluster.local", "nothere.cluster.local", "nothere"});
    // A name with a trailing dot is absolute: no search.
    mark = lab.sim.state().dataPlane.capture.size();
    CHECK(dataplane::resolveName(lab.sim, ns, "simpleservice.default.svc.cluster.local.").address->str() == lab.vip);
    CHECK(dnsSentBy(lab.sim, ns, mark).size() == 1);
}

TEST_CASE("legacy: without a DNS pod, the master's DNS on the node answers through the kubernetes Service's dns port") {
    Lab lab("legacy", 1);
    const std::string ns = lab.podNs(0);
    const std::size_t mark = lab.sim.state().dataPlane.capture.size();
    auto r = dataplane::nslookup(lab.sim, ns, {"nslookup", "simpleservice"});
    CHECK(r.status == 0);
    CHECK(r.out == "Server:\t\t172.30.0.1\nAddress:\t172.30.0.1#53\n\nName:\tsimpleservice.default.svc.cluster.local\nAddress: " + lab.vip + "\n\n");
    auto sent = dnsSentBy(lab.sim, ns, mark);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].first.dst.str() == "172.30.0.1");
    // The node's conntrack holds the DNAT 172.30.0.1:53 -> 192.168.99.100:8053, and the answer came from there.
    bool answeredByMaster = false;
    for (const auto& [id, e] : lab.sim.state().dataPlane.namespaces.at("node/localhost").conntrack.entries())
        answeredByMaster = answeredByMaster || (e.original.proto == "udp" && e.original.dst.str() == "172.30.0.1" && e.original.dport == 53 &&
                                                e.reply.src.str() == "192.168.99.100" && e.reply.sport == 8053 && e.seenReply);
    CHECK(answeredByMaster);
    auto byName = dataplane::curl(lab.sim, ns, {"curl", "-s", "simpleservice/info"});
    CHECK(byName.status == 0);
    CHECK(byName.out.find("\"host\": \"simpleservice\"") != std::string::npos);
}

TEST_CASE("a lookup whose queries are all lost gives up after glibc's two 5 s attempts; curl says it could not resolve") {
    Lab lab("legacy", 1);
    const std::string ns = lab.podNs(0);
    REQUIRE(lab.sim.state().dataPlane.namespaces.count(ns));
    lab.sim.state().dataPlane.links["localhost"].loss = 1.0;
    const SimTime start = lab.sim.now();
    auto r = dataplane::nslookup(lab.sim, ns, {"nslookup", "simpleservice"});
    CHECK(r.status == 1);
    CHECK(r.out == ";; connection timed out; no servers could be reached\n\n");
    CHECK(lab.sim.now() - start == SimTime::s(10));
    auto c = dataplane::curl(lab.sim, ns, {"curl", "-sS", "simpleservice/info"});
    CHECK(c.status == 6);
    CHECK(c.err == "curl: (6) Could not resolve host: simpleservice\n");
}

TEST_CASE("modern: with no CoreDNS pod left, kube-proxy rejects the query and the lookup fails at once") {
    Lab lab("modern", 1);
    Deployment d = *lab.sim.api().get<Deployment>("kube-system", "coredns");
    d.replicas = 0;
    REQUIRE_FALSE(lab.sim.api().update(d, "test", true).has_value());
    lab.sim.runFor(SimTime::s(60));
    REQUIRE(coreDnsPods(lab.sim).empty());
    const SimTime start = lab.sim.now();
    auto r = dataplane::nslookup(lab.sim, lab.podNs(0), {"nslookup", "simpleservice"});
    CHECK(r.status == 1);
    CHECK(r.out == ";; communications error to 10.96.0.10#53: connection refused\n;; no servers could be reached\n\n");
    CHECK(lab.sim.now() - start < SimTime::s(1));
}
