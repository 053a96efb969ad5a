#include "service_fixture.hpp"

#include <cstdio>
#include <ctime>

#include <kubenetsim/net/ipv4.hpp>

namespace kns::bench {

namespace {
std::string serviceName(int i) {
    char b[32];
    std::snprintf(b, sizeof b, "svc-%05d", i);
    return b;
}
} // namespace

ServiceFixture::ServiceFixture(int services, int endpoints, Era era) : m_era(era), m_services(services), m_endpoints(endpoints) {
    for (int i = 0; i < services; ++i) {
        Service svc;
        svc.meta.ns = "bench";
        svc.meta.name = serviceName(i);
        svc.meta.resourceVersion = m_version++;
        svc.clusterIP = clusterIP(i);
        ServicePort port;
        port.port = 80;
        port.targetPort = IntOrString::ofInt(8080);
        svc.ports.push_back(port);
        if (era == Era::Modern) svc.internalTrafficPolicy = "Cluster";
        m_objects.services.emplace("bench/" + svc.meta.name, std::move(svc));

        Endpoints ep;
        ep.meta.ns = "bench";
        ep.meta.name = serviceName(i);
        ep.meta.resourceVersion = m_version++;
        EndpointSubset subset;
        subset.ports.push_back(EndpointPort{"", 8080, "TCP"});
        EndpointSlice slice;
        slice.meta.ns = "bench";
        slice.meta.name = serviceName(i) + "-bench";
        slice.meta.labels["kubernetes.io/service-name"] = serviceName(i);
        slice.meta.resourceVersion = m_version++;
        slice.ports.push_back(EndpointPort{"", 8080, "TCP"});
        for (int e = 0; e < endpoints; ++e) {
            const std::string ip = podIP(m_nextPod++);
            const std::string node = "node-" + std::to_string(e % 10);
            subset.addresses.push_back(EndpointAddress{ip, node, std::nullopt});
            EndpointSliceEndpoint se;
            se.addresses = {ip};
            se.ready = se.serving = true;
            se.nodeName = node;
            slice.endpoints.push_back(std::move(se));
        }
        ep.subsets.push_back(std::move(subset));
        m_objects.endpoints.emplace("bench/" + ep.meta.name, std::move(ep));
        m_objects.endpointSlices.emplace("bench/" + slice.meta.name, std::move(slice));
    }
}

std::string ServiceFixture::clusterIP(int service) const { return Ipv4{Ipv4::parse("172.30.0.10")->value + static_cast<std::uint32_t>(service)}.str(); }

std::string ServiceFixture::podIP(int serial) const { return Ipv4{Ipv4::parse("10.64.0.2")->value + static_cast<std::uint32_t>(serial)}.str(); }

proxy::SyncInput ServiceFixture::syncInput(const netfilter::Ruleset& rules, Rng& rng) const {
    proxy::SyncInput in;
    in.era = m_era;
    in.objects = &m_objects;
    in.nodeName = "node-0";
    in.nodeIPs = {kNodeIP};
    // The legacy profile runs without a cluster CIDR; the modern one masquerades off-cluster traffic.
    if (m_era == Era::Modern) in.config.clusterCIDR = "10.64.0.0/10";
    for (const auto& [key, svc] : m_objects.services) in.serviceOrder.push_back(key);
    for (std::size_t i = in.serviceOrder.size(); i > 1; --i) std::swap(in.serviceOrder[i - 1], in.serviceOrder[rng.below(i)]);
    in.natTable = rules.table(netfilter::TableId::Nat);
    return in;
}

netfilter::Ruleset ServiceFixture::nodeRules() const {
    netfilter::Ruleset rules;
    if (m_era == Era::Legacy) proxy::addLegacyKubeletRules(rules);
    return rules;
}

void ServiceFixture::replaceEndpoint(int service) {
    const std::string key = "bench/" + serviceName(service);
    const std::string ip = podIP(m_nextPod++);
    auto& ep = m_objects.endpoints.at(key);
    auto& addresses = ep.subsets.at(0).addresses;
    addresses.erase(addresses.begin());
    addresses.push_back(EndpointAddress{ip, "node-0", std::nullopt});
    ep.meta.resourceVersion = m_version++;
    auto& slice = m_objects.endpointSlices.at(key + "-bench");
    slice.endpoints.erase(slice.endpoints.begin());
    EndpointSliceEndpoint se;
    se.addresses = {ip};
    se.ready = se.serving = true;
    se.nodeName = "node-0";
    slice.endpoints.push_back(std::move(se));
    slice.meta.resourceVersion = m_version++;
}

double secondsSince(const struct timespec& t0) {
    timespec t1{};
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) * 1e-9;
}

} // namespace kns::bench
