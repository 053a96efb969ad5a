#pragma once
// Table-driven packet flows through a booted cluster (kube-proxy's runPacketFlowTests style): a
// row names a source, a destination and the outcomes expected for a connection's first packet,
// with their probability, masquerade and source after NAT; the trace is printed on failure.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/trace_command.hpp>

#include "../support/cluster_fixture.hpp"

namespace kns::test {

struct Flow {
    const char* name;
    std::string from;    // "" = the shell's node; a node, "pod:APP" (its first pod), or an IP
    std::string via;
    std::string to;      // "svc:NAME" (its ClusterIP:80), "lb:NAME" (its load balancer address:80) or IP:PORT
    std::string expect;  // "APP": its pods, each with probability 1/N; "APP@NODE": its pods on NODE only;
                         // "REJECT" or "DROP": that verdict alone
    bool masquerade;
    std::string source;  // the source after NAT; "" = not checked
};

inline std::string clusterIP(Simulation& sim, const std::string& svc) { return sim.api().get<Service>("default", svc)->clusterIP; }

// "APP" or "APP@NODE": the endpoints IP:9876 of APP's pods (on NODE).
inline std::set<std::string> endpointsOf(Simulation& sim, const std::string& app) {
    const auto at = app.find('@');
    const std::string node = at == std::string::npos ? "" : app.substr(at + 1);
    std::set<std::string> out;
    for (const Pod* p : podsWith(sim, app.substr(0, at)))
        if (node.empty() || p->spec.nodeName == node) out.insert(p->status.podIP + ":9876");
    return out;
}

inline std::string resolveTo(Simulation& sim, const std::string& to) {
    if (to.rfind("svc:", 0) == 0) return clusterIP(sim, to.substr(4)) + ":80";
    if (to.rfind("lb:", 0) == 0) {
        const auto& ingress = sim.api().get<Service>("default", to.substr(3))->status.loadBalancerIngress;
        REQUIRE_MESSAGE(!ingress.empty(), to << " has no load balancer address");
        return ingress.front() + ":80";
    }
    return to;
}

inline std::string resolveFrom(Simulation& sim, const std::string& from) {
    if (from.rfind("pod:", 0) != 0) return from;
    auto pods = podsWith(sim, from.substr(4));
    REQUIRE(!pods.empty());
    return pods.front()->meta.name;
}

inline dataplane::TraceReport outcomes(Simulation& sim, const std::string& host, const std::string& from, const std::string& via,
                                       const std::string& to) {
    dataplane::TraceSource source;
    std::string error;
    REQUIRE_MESSAGE(dataplane::resolveTraceSource(sim, host, from, via, source, error), error);
    const auto colon = to.rfind(':');
    net::Packet p;
    p.dst = *Ipv4::parse(to.substr(0, colon));
    p.dport = static_cast<std::uint16_t>(std::stoi(to.substr(colon + 1)));
    p.sport = 41000;
    p.syn = true;
    return dataplane::traceFirstPacket(sim, source, p, true);
}

inline void checkFlows(Simulation& sim, const std::string& host, const std::vector<Flow>& flows) {
    for (const Flow& f : flows) {
        const std::string to = resolveTo(sim, f.to);
        const auto report = outcomes(sim, host, resolveFrom(sim, f.from), f.via, to);
        INFO(std::string(f.name), "\n", dataplane::renderTraceText(report));
        const bool verdict = f.expect == "REJECT" || f.expect == "DROP";
        std::set<std::string> expected = verdict ? std::set<std::string>{f.expect} : endpointsOf(sim, f.expect);
        REQUIRE(!expected.empty());
        std::set<std::string> got;
        double sum = 0;
        for (const auto& o : report.outcomes) {
            got.insert(o.destination);
            sum += o.probability;
            CHECK(o.probability == doctest::Approx(1.0 / static_cast<double>(expected.size())).epsilon(1e-4));
            // A packet dropped or rejected never reached POSTROUTING, where MASQUERADE rewrites.
            CHECK(o.masquerade == (verdict ? false : f.masquerade));
            if (!f.source.empty()) CHECK(o.sourceAfterNat.str() == f.source);
        }
        CHECK(got == expected);
        CHECK(report.outcomes.size() == expected.size());
        CHECK(sum == doctest::Approx(1.0).epsilon(1e-9));
    }
}

} // namespace kns::test
