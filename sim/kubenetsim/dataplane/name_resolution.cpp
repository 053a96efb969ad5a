#include <kubenetsim/dataplane/name_resolution.hpp>

#include <algorithm>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/dns_message.hpp>
#include <kubenetsim/dataplane/udp.hpp>

namespace kns::dataplane {

namespace {

constexpr int kNdots = 5;                          // options ndots:5, as the kubelet writes it
constexpr SimTime kQueryTimeout = SimTime::s(5);  // glibc's RES_TIMEOUT
constexpr int kAttempts = 2;                       // glibc's RES_DFLRETRY

bool inPod(const std::string& ns) { return ns.rfind("pod/", 0) == 0; }

// Runs the simulation until `done()` holds or the clock reaches `deadline`; returns done().
template <class Done>
bool runUntilOr(Simulation& sim, SimTime deadline, Done done) {
    while (!done()) {
        if (sim.kernel().peekNextTime() > deadline) {
            sim.runUntil(deadline);
            return done();
        }
        sim.step();
    }
    return true;
}

// One query for `name` to server:53, with glibc's retries; the answer's records in `out`.
Resolution::Status query(Simulation& sim, const std::string& ns, Ipv4 server, const std::string& name, std::vector<Ipv4>& out) {
    const std::uint64_t socket = udpConnect(sim, ns, server, 53);
    if (!socket) return Resolution::Status::Refused;  // no route: connect() fails with ENETUNREACH
    DnsMessage q;
    q.id = static_cast<std::uint16_t>(sim.rng(ns + "/dns").below(65536));
    q.name = name;
    const std::string bytes = encodeDns(q);
    std::optional<DnsMessage> answer;
    for (int attempt = 0; attempt < kAttempts && !answer && !udpRefused(sim, socket); ++attempt) {
        udpSend(sim, socket, bytes);
        runUntilOr(sim, sim.now() + kQueryTimeout, [&] {
            if (udpRefused(sim, socket)) return true;
            while (auto d = udpReceive(sim, socket)) {
                auto m = decodeDns(*d);
                if (m && m->response && m->id == q.id && m->name == name) {
                    answer = m;
                    return true;
                }
            }
            return false;
        });
    }
    const bool refused = udpRefused(sim, socket);
    udpClose(sim, socket);
    if (answer) {
        out = answer->answers;
        if (answer->rcode == kDnsNoError && !out.empty()) return Resolution::Status::Found;
        return Resolution::Status::NotFound;
    }
    return refused ? Resolution::Status::Refused : Resolution::Status::Timeout;
}

// The names glibc's res_search tries, in order.
std::vector<std::string> candidates(const std::string& podNs, const std::string& name) {
    if (name.back() == '.') return {name.substr(0, name.size() - 1)};  // absolute: no search
    const auto dots = static_cast<int>(std::count(name.begin(), name.end(), '.'));
    std::vector<std::string> out;
    if (dots >= kNdots) out.push_back(name);
    for (const std::string& domain : {podNs + ".svc.cluster.local", std::string("svc.cluster.local"), std::string("cluster.local")})
        out.push_back(name + "." + domain);
    if (dots < kNdots) out.push_back(name);
    return out;
}

} // namespace

std::string nameserverOf(Simulation& sim, const std::string& ns) {
    if (inPod(ns)) {
        if (!sim.config().dnsIP.empty()) return sim.config().dnsIP;
        if (const Service* k = sim.api().get<Service>("default", "kubernetes")) return k->clusterIP;
    }
    return sim.config().era == Era::Legacy ? "10.0.2.3" : "172.18.0.1";
}

Resolution resolveName(Simulation& sim, const std::string& ns, const std::string& name) {
    Resolution r;
    if (name.empty()) return r;
    if (auto ip = Ipv4::parse(name)) {
        r.status = Resolution::Status::Found;
        r.address = ip;
        r.fqdn = name;
        return r;
    }
    if (name == "localhost") {  // /etc/hosts, before any DNS (nsswitch "files dns")
        r.status = Resolution::Status::Found;
        r.address = Ipv4::parse("127.0.0.1");
        r.fqdn = name;
        return r;
    }
    if (!inPod(ns)) {  // the node's resolver outside the cluster knows the nodes (see the header)
        for (const NodeDef& n : sim.config().nodes)
            if (n.name == name) {
                r.status = Resolution::Status::Found;
                r.address = Ipv4::parse(n.internalIP);
                r.fqdn = name;
            }
        return r;
    }
    auto server = Ipv4::parse(nameserverOf(sim, ns));
    if (!server) return r;
    const std::string podNs = ns.substr(4, ns.find('/', 4) - 4);
    for (const std::string& candidate : candidates(podNs, name)) {
        std::vector<Ipv4> records;
        r.status = query(sim, ns, *server, candidate, records);
        if (r.status == Resolution::Status::NotFound) continue;
        if (r.status == Resolution::Status::Found) {
            r.address = records.front();
            r.fqdn = candidate;
        }
        return r;
    }
    return r;
}

std::optional<Ipv4> resolveHost(Simulation& sim, const std::string& ns, const std::string& name) { return resolveName(sim, ns, name).address; }

} // namespace kns::dataplane
