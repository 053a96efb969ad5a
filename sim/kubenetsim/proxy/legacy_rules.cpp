// kube-proxy v1.5's syncProxyRules, as the seed tutorial's cluster ran it. Deliberate reading
// choices are noted where they are made.
#include <kubenetsim/proxy/proxy_rules.hpp>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include <kubenetsim/net/ipv4.hpp>
#include <kubenetsim/proxy/chain_names.hpp>
#include <kubenetsim/proxy/service_index.hpp>
#include <kubenetsim/proxy/sync_parts.hpp>

namespace kns::proxy {

namespace {

constexpr const char* kMasqMark = "0x4000/0x4000";  // --iptables-masquerade-bit 14
constexpr std::uint64_t kAbsent = ~std::uint64_t{0};  // the version of an Endpoints object that does not exist

// The ready endpoints of one service port: "IP:port" in the order of the Endpoints object.
std::vector<std::string> endpointsFor(const ClusterState& objects, const std::string& svcKey, const ServicePort& port) {
    std::vector<std::string> out;
    auto it = objects.endpoints.find(svcKey);
    if (it == objects.endpoints.end()) return out;
    for (const auto& subset : it->second.subsets) {
        for (const auto& p : subset.ports) {
            if (p.name != port.name || p.protocol != port.protocol) continue;
            for (const auto& a : subset.addresses) out.push_back(a.ip + ":" + std::to_string(p.port));
        }
    }
    return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

} // namespace

std::string legacyProbability(int n) {
    char b[32];
    std::snprintf(b, sizeof b, "%0.5f", 1.0 / n);
    return b;
}

// Everything service `key` contributes to the legacy ruleset.
void writeLegacyService(const SyncInput& in, const std::string& key, const Service& svc, ServiceRules& out) {
    const ClusterState& objects = *in.objects;
    Lines natChains{out.natChains}, natRules{out.natRules}, filterRules{out.filterRules};
    auto addChain = [&](const std::string& c) { out.chains.push_back(c); };
    auto declared = [&](const std::string& c) { return std::find(out.chains.begin(), out.chains.end(), c) != out.chains.end(); };
    if (svc.clusterIP.empty() || svc.clusterIP == "None" || svc.type == "ExternalName") return;
    const bool onlyLocal = svc.externalTrafficPolicy == "Local" && (svc.type == "NodePort" || svc.type == "LoadBalancer");
    for (const ServicePort& port : svc.ports) {
        const std::string name = servicePortName(Era::Legacy, svc.meta.ns, svc.meta.name, port.name);
        const std::string proto = lowerProtocol(port.protocol);
        const std::string svcChain = serviceChain(name, port.protocol);
        const std::string hash = portProtoHash(name, port.protocol);
        const std::string xlbChain = "KUBE-XLB-" + hash;
        natChains.add(":" + svcChain + " - [0:0]");
        addChain(svcChain);
        ++out.serviceChains;
        if (onlyLocal) {
            natChains.add(":" + xlbChain + " - [0:0]");
            addChain(xlbChain);
        }
        const std::string portText = std::to_string(port.port);

        // ClusterIP.
        const std::string clusterArgs = "-A KUBE-SERVICES -m comment --comment " + quoted(name + " cluster IP") + " -m " + proto +
                                        " -p " + proto + " -d " + svc.clusterIP + "/32 --dport " + portText;
        if (in.config.masqueradeAll) natRules.add(clusterArgs + " -j KUBE-MARK-MASQ");
        else if (!in.config.clusterCIDR.empty()) natRules.add(clusterArgs + " ! -s " + in.config.clusterCIDR + " -j KUBE-MARK-MASQ");
        natRules.add(clusterArgs + " -j " + svcChain);

        // External IPs: always SNAT; accept traffic that is neither bridged from a container
        // nor local, and traffic to external IPs that are this node's own.
        for (const std::string& ext : svc.externalIPs) {
            const std::string args = "-A KUBE-SERVICES -m comment --comment " + quoted(name + " external IP") + " -m " + proto +
                                     " -p " + proto + " -d " + ext + "/32 --dport " + portText;
            natRules.add(args + " -j KUBE-MARK-MASQ");
            natRules.add(args + " -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j " + svcChain);
            natRules.add(args + " -m addrtype --dst-type LOCAL -j " + svcChain);
        }

        // Load balancer ingress addresses, through a KUBE-FW chain.
        for (const std::string& ingress : svc.status.loadBalancerIngress) {
            const std::string fwChain = "KUBE-FW-" + hash;
            if (!declared(fwChain)) {
                natChains.add(":" + fwChain + " - [0:0]");
                addChain(fwChain);
            }
            natRules.add("-A KUBE-SERVICES -m comment --comment " + quoted(name + " loadbalancer IP") + " -m " + proto + " -p " +
                         proto + " -d " + ingress + "/32 --dport " + portText + " -j " + fwChain);
            const std::string fwArgs = "-A " + fwChain + " -m comment --comment " + quoted(name + " loadbalancer IP");
            const std::string chosen = onlyLocal ? xlbChain : svcChain;
            if (!onlyLocal) natRules.add(fwArgs + " -j KUBE-MARK-MASQ");
            if (svc.loadBalancerSourceRanges.empty()) {
                natRules.add(fwArgs + " -j " + chosen);
            } else {
                bool allowFromNode = false;
                for (const std::string& range : svc.loadBalancerSourceRanges) {
                    natRules.add(fwArgs + " -s " + range + " -j " + chosen);
                    auto cidr = Cidr::parse(range);
                    for (const auto& ip : in.nodeIPs) {
                        auto a = Ipv4::parse(ip);
                        if (cidr && a && cidr->contains(*a)) allowFromNode = true;
                    }
                }
                if (allowFromNode) natRules.add(fwArgs + " -s " + ingress + "/32 -j " + chosen);
            }
            natRules.add(fwArgs + " -j KUBE-MARK-DROP");
        }

        // NodePort.
        if (port.nodePort) {
            const std::string args = "-A KUBE-NODEPORTS -m comment --comment " + name + " -m " + proto + " -p " + proto +
                                     " --dport " + std::to_string(port.nodePort);
            if (!onlyLocal) {
                natRules.add(args + " -j KUBE-MARK-MASQ");
                natRules.add(args + " -j " + svcChain);
            } else {
                natRules.add(args + " -j " + xlbChain);
            }
        }

        const std::vector<std::string> endpoints = endpointsFor(objects, key, port);
        out.endpoints += endpoints.size();
        if (endpoints.empty()) {
            filterRules.add("-A KUBE-SERVICES -m comment --comment " + quoted(name + " has no endpoints") + " -m " + proto + " -p " +
                            proto + " -d " + svc.clusterIP + "/32 --dport " + portText + " -j REJECT");
            continue;
        }

        std::vector<std::string> sepChains;
        sepChains.reserve(endpoints.size());
        for (const std::string& ep : endpoints) {
            const std::string& sep = sepChains.emplace_back(endpointChain(name, port.protocol, ep));
            natChains.add(":", sep, " - [0:0]");
            addChain(sep);
            ++out.endpointChains;
        }
        const bool affinity = svc.sessionAffinity == "ClientIP";
        // v1.5 stores affinity as stickyMaxAgeMinutes (180); the per-service timeout came later
        // (v1.7 by the reference, unconfirmed), so this era ignores the Service's timeoutSeconds.
        if (affinity)
            for (const std::string& sep : sepChains)
                natRules.add("-A ", svcChain, " -m comment --comment ", name, " -m recent --name ", sep, " --rcheck --seconds 10800 --reap -j ", sep);
        // The bulk of a large sync: three lines an endpoint, written without temporaries.
        const int n = static_cast<int>(sepChains.size());
        for (int i = 0; i < n; ++i) {
            const std::string& sep = sepChains[static_cast<std::size_t>(i)];
            if (i < n - 1)
                natRules.add("-A ", svcChain, " -m comment --comment ", name, " -m statistic --mode random --probability ", legacyProbability(n - i), " -j ", sep);
            else
                natRules.add("-A ", svcChain, " -m comment --comment ", name, " -j ", sep);
            const std::string_view ep = endpoints[static_cast<std::size_t>(i)];
            const std::string_view ip = ep.substr(0, ep.rfind(':'));
            natRules.add("-A ", sep, " -m comment --comment ", name, " -s ", ip, "/32 -j KUBE-MARK-MASQ");
            if (affinity)
                natRules.add("-A ", sep, " -m comment --comment ", name, " -m recent --name ", sep, " --set -m ", proto, " -p ", proto, " -j DNAT --to-destination ", ep);
            else
                natRules.add("-A ", sep, " -m comment --comment ", name, " -m ", proto, " -p ", proto, " -j DNAT --to-destination ", ep);
        }

        if (onlyLocal) {
            if (!in.config.clusterCIDR.empty())
                natRules.add("-A " + xlbChain + " -m comment --comment \"Redirect pods trying to reach external loadbalancer VIP to clusterIP\" -s " +
                             in.config.clusterCIDR + " -j " + svcChain);
            std::vector<std::string> local;
            auto eit = objects.endpoints.find(key);
            for (std::size_t i = 0; i < endpoints.size(); ++i) {
                const std::string ip = endpoints[i].substr(0, endpoints[i].rfind(':'));
                bool isLocal = false;
                if (eit != objects.endpoints.end())
                    for (const auto& s : eit->second.subsets)
                        for (const auto& a : s.addresses)
                            if (a.ip == ip && a.nodeName == in.nodeName) isLocal = true;
                if (isLocal) local.push_back(sepChains[i]);
            }
            if (local.empty()) {
                natRules.add("-A " + xlbChain + " -m comment --comment " + quoted(name + " has no local endpoints") + " -j KUBE-MARK-DROP");
            } else {
                const int m = static_cast<int>(local.size());
                for (int i = 0; i < m; ++i) {
                    std::string args = "-A " + xlbChain + " -m comment --comment " + quoted("Balancing rule " + std::to_string(i) + " for " + name);
                    if (i < m - 1) args += " -m statistic --mode random --probability " + legacyProbability(m - i);
                    natRules.add(args + " -j " + local[static_cast<std::size_t>(i)]);
                }
            }
        }
    }
}

SyncOutput generateLegacyRules(const SyncInput& in) {
    SyncOutput out;
    out.era = Era::Legacy;
    Lines filterChains{out.filterChains}, natChains{out.natChains}, natHead{out.natHead}, natChainsTail{out.natChainsTail}, natTail{out.natTail};

    filterChains.add(":KUBE-SERVICES - [0:0]");
    natChains.add(":KUBE-SERVICES - [0:0]");
    natChains.add(":KUBE-NODEPORTS - [0:0]");
    natChains.add(":KUBE-POSTROUTING - [0:0]");
    natChains.add(":KUBE-MARK-MASQ - [0:0]");

    natHead.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -m mark --mark " +
                std::string(kMasqMark) + " -j MASQUERADE");
    natHead.add("-A KUBE-MARK-MASQ -j MARK --set-xmark " + std::string(kMasqMark));

    beginCachedSync(in.cache, "legacy|" + in.nodeName + "|" + in.config.clusterCIDR + "|" + (in.config.masqueradeAll ? "all" : "") + "|" +
                                  [&] { std::string s; for (const auto& ip : in.nodeIPs) s += ip + ","; return s; }());
    const ServiceIndex objects(*in.objects, ServiceIndex::Slices::Skip);
    std::vector<ServiceVisit> visits(in.serviceOrder.size());
    std::vector<const Service*> services(in.serviceOrder.size());
    for (std::size_t k = 0; k < in.serviceOrder.size(); ++k) {
        const std::string& key = in.serviceOrder[k];
        const ServiceObjects* found = objects.find(key);
        if (!found) continue;
        const Service& svc = *found->service;
        const Endpoints* ep = found->endpoints;
        const std::uint64_t versions[2] = {svc.meta.resourceVersion, ep ? ep->meta.resourceVersion : kAbsent};
        visits[k].key = &key;
        visits[k].rules = cachedServiceRules(in.cache, key, versions, 2);
        if (!visits[k].rules) visits[k].versions = {versions[0], versions[1]};
        services[k] = &svc;
    }
    writeMissingRules(in.cache, visits, [&](std::size_t k, ServiceRules& r) { writeLegacyService(in, in.serviceOrder[k], *services[k], r); });
    out.services.reserve(visits.size());
    for (ServiceVisit& v : visits) {
        if (!v.key) continue;
        out.serviceChains += v.rules->serviceChains;
        out.endpointChains += v.rules->endpointChains;
        out.services.push_back(std::move(v.rules));
    }
    endCachedSync(in.cache);

    // Stale per-service chains: declare (which flushes) and delete.
    out.staleChains = staleChains(in, out.services, perServicePrefixes(Era::Legacy));
    for (const std::string& chain : out.staleChains) {
        natChainsTail.add(":" + chain + " - [0:0]");
        natTail.add("-X " + chain);
    }

    natTail.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" "
                "-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");

    using netfilter::TableId;
    // v1.5 reaches filter KUBE-SERVICES from OUTPUT only (INPUT came with v1.6.x), so a pod's
    // connection to a VIP without endpoints, which is forwarded, is not rejected. The reference
    // infers that without confirming it; the kernel tests (tests/kernel) confirm it with real curls.
    out.jumps = {
        {TableId::Filter, "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Nat, "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Nat, "PREROUTING", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Nat, "POSTROUTING", "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"},
    };
    finishSyncOutput(out);
    return out;
}

} // namespace kns::proxy
