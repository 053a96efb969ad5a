#include "kernel_scenario.hpp"

#include <doctest/doctest.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/shell/standard_commands.hpp>


namespace kns::kerneltest {

KernelScenario::KernelScenario(const std::string& profile, const std::vector<std::string>& commands) {
    auto config = builtinProfile(profile);
    REQUIRE(config.has_value());
    m_sim = std::make_unique<Simulation>(*config, 1);
    bootCluster(*m_sim);
    m_shell = std::make_unique<shell::Shell>(*m_sim);
    shell::registerStandardCommands(*m_shell);
    for (const auto& line : commands) {
        const shell::CommandResult r = m_shell->run(line);
        INFO(line, "\n", r.out, r.err);
        REQUIRE(r.status == 0);
    }
}

std::string KernelScenario::shellNodeKey() const { return nodeNamespaceKey(m_sim->config().shellNode); }

std::string KernelScenario::clusterIP(const std::string& service) const {
    const Service* s = m_sim->api().get<Service>("default", service);
    REQUIRE(s != nullptr);
    return s->clusterIP;
}

std::vector<std::string> KernelScenario::endpointIPs(const std::string& service) const {
    std::vector<std::string> ips;
    if (const Endpoints* e = m_sim->api().get<Endpoints>("default", service))
        for (const auto& subset : e->subsets)
            for (const auto& a : subset.addresses) ips.push_back(a.ip);
    return ips;
}

std::vector<ServingPod> KernelScenario::simpleservicePods() const {
    std::vector<ServingPod> pods;
    for (const auto& [key, pod] : m_sim->state().objects.pods) {
        if (pod.status.phase != "Running" || pod.status.podIP.empty() || pod.meta.deletionTimestamp) continue;
        for (const auto& c : pod.spec.containers) {
            if (c.image.find("simpleservice") == std::string::npos) continue;
            std::string version = "0.5.0";
            for (const auto& e : c.env)
                if (e.name == "SIMPLE_SERVICE_VERSION") version = e.value;
            pods.push_back(ServingPod{key, pod.meta.name, pod.status.podIP, pod.spec.nodeName, version});
        }
    }
    return pods;
}

std::optional<ServingPod> KernelScenario::podWithIP(const std::string& ip) const {
    for (const auto& p : simpleservicePods())
        if (p.ip == ip) return p;
    return std::nullopt;
}

std::string KernelScenario::nodeKeyOf(const std::string& clientKey) const {
    if (clientKey.rfind("node/", 0) == 0) return clientKey;
    const std::string podKey = clientKey.substr(std::string("pod/").size());
    const auto it = m_sim->state().objects.pods.find(podKey);
    REQUIRE(it != m_sim->state().objects.pods.end());
    return nodeNamespaceKey(it->second.spec.nodeName);
}

std::string KernelScenario::sourceToward(const std::string& nsKey, const std::string& dst) const {
    const auto ns = dataPlane().namespaces.find(nsKey);
    REQUIRE(ns != dataPlane().namespaces.end());
    const auto ip = Ipv4::parse(dst);
    REQUIRE(ip.has_value());
    const auto decision = ns->second.routes.lookup(*ip, ns->second.interfaces);
    REQUIRE(decision.has_value());
    return decision->source.str();
}

} // namespace kns::kerneltest
