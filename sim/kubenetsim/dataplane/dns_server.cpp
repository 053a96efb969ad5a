#include <kubenetsim/dataplane/dns_server.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/dns_message.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

namespace kns::dataplane {

namespace {

// A running CoreDNS container whose pod declares `port`/UDP.
bool coreDnsListens(Simulation& sim, const std::string& podKey, std::uint16_t port) {
    const Pod* pod = sim.api().getByKey<Pod>(podKey);
    if (!pod) return false;
    for (std::size_t i = 0; i < pod->spec.containers.size(); ++i) {
        const Container& c = pod->spec.containers[i];
        if (c.image.find("coredns") == std::string::npos) continue;
        if (i >= pod->status.containerStatuses.size() || pod->status.containerStatuses[i].state != "running") continue;
        for (const ContainerPort& p : c.ports)
            if (p.containerPort == port && p.protocol == "UDP") return true;
    }
    return false;
}

// The master's SkyDNS: the `kubernetes` Endpoints name a UDP port "dns" on one of this
// namespace's own addresses.
bool masterDnsListens(Simulation& sim, net::NetNamespace& ns, std::uint16_t port) {
    const Endpoints* ep = sim.api().get<Endpoints>("default", "kubernetes");
    if (!ep) return false;
    for (const auto& subset : ep->subsets)
        for (const auto& p : subset.ports) {
            if (p.name != "dns" || p.protocol != "UDP" || p.port != port) continue;
            for (const auto& a : subset.addresses)
                if (auto ip = Ipv4::parse(a.ip); ip && ns.isLocal(*ip)) return true;
        }
    return false;
}

} // namespace

bool servesDns(Simulation& sim, const std::string& nsKey, std::uint16_t port) {
    if (nsKey.rfind("pod/", 0) == 0) return coreDnsListens(sim, nsKey.substr(4), port);
    if (nsKey.rfind("node/", 0) == 0)
        if (net::NetNamespace* ns = findNamespace(sim, nsKey)) return masterDnsListens(sim, *ns, port);
    return false;
}

std::vector<Ipv4> clusterRecords(Simulation& sim, const std::string& fqdn) {
    std::string name = fqdn;
    if (!name.empty() && name.back() == '.') name.pop_back();
    const std::string suffix = ".svc.cluster.local";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return {};
    const std::string rest = name.substr(0, name.size() - suffix.size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos || rest.find('.', dot + 1) != std::string::npos) return {};
    const std::string svcName = rest.substr(0, dot);
    const std::string svcNs = rest.substr(dot + 1);
    const Service* svc = sim.api().get<Service>(svcNs, svcName);
    if (!svc) return {};
    if (!svc->clusterIP.empty() && svc->clusterIP != "None") {
        if (auto ip = Ipv4::parse(svc->clusterIP)) return {*ip};
        return {};
    }
    std::vector<Ipv4> out;  // headless: every ready endpoint
    if (const Endpoints* ep = sim.api().get<Endpoints>(svcNs, svcName))
        for (const auto& subset : ep->subsets)
            for (const auto& a : subset.addresses)
                if (auto ip = Ipv4::parse(a.ip)) out.push_back(*ip);
    return out;
}

std::string answerDnsQuery(Simulation& sim, const std::string& query) {
    auto q = decodeDns(query);
    if (!q || q->response) return "";
    DnsMessage a = *q;
    a.response = true;
    a.authoritative = true;
    a.answers = q->qtype == 1 ? clusterRecords(sim, q->name) : std::vector<Ipv4>{};
    // NXDOMAIN when the name does not exist; a name that exists but has no record of the asked
    // type would be NOERROR with no answer (only A is asked here).
    a.rcode = a.answers.empty() ? kDnsNxDomain : kDnsNoError;
    return encodeDns(a);
}

} // namespace kns::dataplane
