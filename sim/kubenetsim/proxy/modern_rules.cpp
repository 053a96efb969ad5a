// kube-proxy v1.28+'s syncProxyRules (a full sync). Simplifications, named: no nfacct counters
// (`-m nfacct` is not modelled), IPv4 only, internalTrafficPolicy=Local not modelled, and every
// sync is a full one (KEP-3453's partial syncs change how much is written, not the result).
#include <kubenetsim/proxy/proxy_rules.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <kubenetsim/net/ipv4.hpp>
#include <kubenetsim/proxy/chain_names.hpp>
#include <kubenetsim/proxy/service_index.hpp>
#include <kubenetsim/proxy/sync_parts.hpp>

namespace kns::proxy {

namespace {


constexpr std::uint64_t kAbsent = ~std::uint64_t{0};  // the version of an Endpoints object that does not exist

struct Endpoint {
    Endpoint(const std::string& address, int p, const std::string& node)
        : ip(address), port(p), nodeName(node), text(address + ":" + std::to_string(p)) {}
    std::string ip;
    int port = 0;
    std::string nodeName;
    std::string text;   // "IP:port"
    std::string chain;  // its KUBE-SEP chain, named once per sync by writeModernService
};

// Ready endpoints of one service port, from the EndpointSlices labelled with the service's name
// (falling back to the Endpoints object when no slice exists).
std::vector<Endpoint> endpointsFor(const ServiceObjects& o, const ServicePort& port) {
    std::vector<Endpoint> out;
    bool sawSlice = false;
    for (const EndpointSlice* slicePtr : o.slices) {
        const EndpointSlice& slice = *slicePtr;
        sawSlice = true;
        for (const auto& p : slice.ports) {
            if (p.name != port.name || p.protocol != port.protocol) continue;
            for (const auto& e : slice.endpoints)
                if (e.ready && !e.addresses.empty()) out.emplace_back(e.addresses[0], p.port, e.nodeName);
        }
    }
    if (!sawSlice && o.endpoints) {
        for (const auto& s : o.endpoints->subsets)
                for (const auto& p : s.ports)
                    if (p.name == port.name && p.protocol == port.protocol)
                        for (const auto& a : s.addresses) out.emplace_back(a.ip, p.port, a.nodeName);
    }
    return out;
}

// How many endpoints endpointsFor() gives, without building them (every sync counts them all).
std::size_t countEndpoints(const ServiceObjects& o, const ServicePort& port) {
    std::size_t n = 0;
    if (!o.slices.empty()) {
        for (const EndpointSlice* slice : o.slices)
            for (const auto& p : slice->ports) {
                if (p.name != port.name || p.protocol != port.protocol) continue;
                for (const auto& e : slice->endpoints)
                    if (e.ready && !e.addresses.empty()) ++n;
            }
        return n;
    }
    if (o.endpoints)
        for (const auto& s : o.endpoints->subsets)
            for (const auto& p : s.ports)
                if (p.name == port.name && p.protocol == port.protocol) n += s.addresses.size();
    return n;
}

std::string q(const std::string& s) { return "\"" + s + "\""; }

} // namespace

std::string modernProbability(int n) {
    char b[32];
    std::snprintf(b, sizeof b, "%0.10f", 1.0 / n);
    return b;
}

// Everything service `svc` contributes to the modern ruleset; `large` is kube-proxy's
// largeClusterMode (no per-endpoint comments).
void writeModernService(const SyncInput& in, const ServiceObjects& o, bool large, ServiceRules& out) {
    const Service& svc = *o.service;
    Lines natChains{out.natChains}, natRules{out.natRules}, filterRules{out.filterRules};
    std::set<std::string> active;
    auto chainLine = [&](const std::string& c) {
        if (active.insert(c).second) {
            natChains.add(":" + c + " - [0:0]");
            out.chains.push_back(c);
        }
    };
    // Every port's endpoints, headless or not: the count largeClusterMode reads (see below).
    for (const ServicePort& port : svc.ports) out.endpoints += countEndpoints(o, port);
    if (svc.clusterIP.empty() || svc.clusterIP == "None" || svc.type == "ExternalName") return;
    for (const ServicePort& port : svc.ports) {
        const std::string name = servicePortName(Era::Modern, svc.meta.ns, svc.meta.name, port.name);
        const std::string proto = lowerProtocol(port.protocol);
        const std::string hash = portProtoHash(name, port.protocol);
        const std::string svcChain = "KUBE-SVC-" + hash, svlChain = "KUBE-SVL-" + hash, extChain = "KUBE-EXT-" + hash,
                          fwChain = "KUBE-FW-" + hash;
        std::vector<Endpoint> all = endpointsFor(o, port);
        // EndpointSliceCache's endpointsMapFromEndpointInfo sorts each port's endpoints by their
        // "IP:port" string (byEndpoint), so the chain order does not follow the slices' order (the
        // order the reference left open; read in pkg/proxy/endpointslicecache.go).
        std::sort(all.begin(), all.end(), [](const Endpoint& a, const Endpoint& b) { return a.text < b.text; });
        for (Endpoint& e : all) e.chain = endpointChain(name, port.protocol, e.text);
        std::vector<Endpoint> local;
        for (const auto& e : all)
            if (e.nodeName == in.nodeName) local.push_back(e);
        const bool externalLocal = svc.externalTrafficPolicy == "Local";
        const bool hasExternalFacing = port.nodePort || !svc.externalIPs.empty() || !svc.status.loadBalancerIngress.empty();
        const bool hasEndpoints = !all.empty();
        const bool hasExternalEndpoints = externalLocal ? !local.empty() : hasEndpoints;
        const bool usesClusterChain = hasEndpoints;
        const bool usesLocalChain = externalLocal && hasExternalFacing && hasEndpoints;
        const bool usesExtChain = hasEndpoints && hasExternalFacing;
        const std::string externalPolicyChain = externalLocal ? svlChain : svcChain;
        const std::string portText = std::to_string(port.port);
        const std::string match = " -m " + proto + " -p " + proto;

        if (usesClusterChain) chainLine(svcChain), ++out.serviceChains;
        if (usesLocalChain) chainLine(svlChain);
        if (usesExtChain) chainLine(extChain);

        // ClusterIP.
        if (hasEndpoints)
            natRules.add("-A KUBE-SERVICES -m comment --comment " + q(name + " cluster IP") + match + " -d " + svc.clusterIP +
                         " --dport " + portText + " -j " + svcChain);
        else
            filterRules.add("-A KUBE-SERVICES -m comment --comment " + q(name + " has no endpoints") + match + " -d " + svc.clusterIP +
                            " --dport " + portText + " -j REJECT");

        const std::string noExtTarget = externalLocal && hasEndpoints ? "DROP" : "REJECT";
        const std::string noExtComment = externalLocal && hasEndpoints ? name + " has no local endpoints" : name + " has no endpoints";
        for (const std::string& ext : svc.externalIPs) {
            if (hasEndpoints)
                natRules.add("-A KUBE-SERVICES -m comment --comment " + q(name + " external IP") + match + " -d " + ext + " --dport " +
                             portText + " -j " + extChain);
            if (!hasExternalEndpoints)
                filterRules.add("-A KUBE-EXTERNAL-SERVICES -m comment --comment " + q(noExtComment) + match + " -d " + ext +
                                " --dport " + portText + " -j " + noExtTarget);
        }
        for (const std::string& lb : svc.status.loadBalancerIngress) {
            if (hasEndpoints) {
                const bool fw = !svc.loadBalancerSourceRanges.empty();
                if (fw) chainLine(fwChain);
                natRules.add("-A KUBE-SERVICES -m comment --comment " + q(name + " loadbalancer IP") + match + " -d " + lb +
                             " --dport " + portText + " -j " + (fw ? fwChain : extChain));
                if (fw)
                    filterRules.add("-A KUBE-PROXY-FIREWALL -m comment --comment " + q(name + " traffic not accepted by " + fwChain) +
                                    match + " -d " + lb + " --dport " + portText + " -j DROP");
            }
            if (!hasExternalEndpoints)
                filterRules.add("-A KUBE-EXTERNAL-SERVICES -m comment --comment " + q(noExtComment) + match + " -d " + lb +
                                " --dport " + portText + " -j " + noExtTarget);
        }
        if (port.nodePort) {
            const std::string np = std::to_string(port.nodePort);
            if (hasEndpoints)
                natRules.add("-A KUBE-NODEPORTS -m comment --comment " + name + match + " --dport " + np + " -j " + extChain);
            if (!hasExternalEndpoints)
                filterRules.add("-A KUBE-EXTERNAL-SERVICES -m comment --comment " + q(noExtComment) +
                                " -m addrtype --dst-type LOCAL" + match + " --dport " + np + " -j " + noExtTarget);
        }
        if (svc.healthCheckNodePort)
            filterRules.add("-A KUBE-NODEPORTS -m comment --comment " + q(name + " health check node port") + " -m tcp -p tcp --dport " +
                            std::to_string(svc.healthCheckNodePort) + " -j ACCEPT");
        if (!hasEndpoints) continue;

        if (usesExtChain) {
            if (!externalLocal) {
                natRules.add("-A " + extChain + " -m comment --comment " + q("masquerade traffic for " + name + " external destinations") +
                             " -j KUBE-MARK-MASQ");
            } else {
                if (!in.config.clusterCIDR.empty())
                    natRules.add("-A " + extChain + " -m comment --comment " + q("pod traffic for " + name + " external destinations") +
                                 " -s " + in.config.clusterCIDR + " -j " + svcChain);
                natRules.add("-A " + extChain + " -m comment --comment " + q("masquerade LOCAL traffic for " + name + " external destinations") +
                             " -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ");
                natRules.add("-A " + extChain + " -m comment --comment " + q("route LOCAL traffic for " + name + " external destinations") +
                             " -m addrtype --src-type LOCAL -j " + svcChain);
            }
            if (!externalLocal || !local.empty()) natRules.add("-A " + extChain + " -j " + externalPolicyChain);
        }
        if (!svc.loadBalancerSourceRanges.empty() && !svc.status.loadBalancerIngress.empty()) {
            for (const std::string& lb : svc.status.loadBalancerIngress) {
                bool allowNode = false;
                for (const std::string& range : svc.loadBalancerSourceRanges) {
                    natRules.add("-A " + fwChain + " -m comment --comment " + q(name + " loadbalancer IP") + " -s " + range + " -j " + extChain);
                    auto cidr = Cidr::parse(range);
                    for (const auto& ip : in.nodeIPs) {
                        auto a = Ipv4::parse(ip);
                        if (cidr && a && cidr->contains(*a)) allowNode = true;
                    }
                }
                if (allowNode) natRules.add("-A " + fwChain + " -m comment --comment " + q(name + " loadbalancer IP") + " -s " + lb + " -j " + extChain);
                natRules.add("-A " + fwChain + " -m comment --comment " + q("other traffic to " + name + " will be dropped by KUBE-PROXY-FIREWALL"));
            }
        }

        const bool affinity = svc.sessionAffinity == "ClientIP";
        auto writeEndpointRules = [&](const std::string& chain, const std::vector<Endpoint>& eps) {
            // The comment each endpoint's rules carry (none in largeClusterMode).
            auto comment = [&](const Endpoint& e, std::string& out) {
                out.clear();
                if (!large) out.append(" -m comment --comment \"").append(name).append(" -> ").append(e.text).append("\"");
                return std::string_view(out);
            };
            std::string c;
            if (affinity)
                for (const auto& e : eps)
                    natRules.add("-A ", chain, comment(e, c), " -m recent --name ", e.chain, " --rcheck --seconds ",
                                 std::to_string(svc.sessionAffinityTimeoutSeconds), " --reap -j ", e.chain);
            const int n = static_cast<int>(eps.size());
            for (int i = 0; i < n; ++i) {
                const Endpoint& e = eps[static_cast<std::size_t>(i)];
                if (i < n - 1)
                    natRules.add("-A ", chain, comment(e, c), " -m statistic --mode random --probability ", modernProbability(n - i), " -j ", e.chain);
                else
                    natRules.add("-A ", chain, comment(e, c), " -j ", e.chain);
            }
        };
        // Masquerade off-cluster traffic to the ClusterIP; the rule now lives in KUBE-SVC.
        if (in.config.masqueradeAll || !in.config.clusterCIDR.empty()) {
            std::string masq = "-A " + svcChain + " -m comment --comment " + q(name + " cluster IP") + match + " -d " + svc.clusterIP +
                               " --dport " + portText;
            if (!in.config.masqueradeAll) masq += " ! -s " + in.config.clusterCIDR;
            natRules.add(masq + " -j KUBE-MARK-MASQ");
        }
        writeEndpointRules(svcChain, all);
        if (usesLocalChain) writeEndpointRules(svlChain, local);
        const std::string comment = large ? "" : " -m comment --comment " + name;
        for (const auto& e : all) {
            const std::string& sep = e.chain;
            chainLine(sep);
            ++out.endpointChains;
            natRules.add("-A ", sep, comment, " -s ", e.ip, " -j KUBE-MARK-MASQ");
            if (affinity) natRules.add("-A ", sep, comment, " -m recent --name ", sep, " --set", match, " -j DNAT --to-destination ", e.text);
            else natRules.add("-A ", sep, comment, match, " -j DNAT --to-destination ", e.text);
        }
    }
}

SyncOutput generateModernRules(const SyncInput& in) {
    SyncOutput out;
    out.era = Era::Modern;
    const ClusterState& objects = *in.objects;
    const std::string mark = "0x4000";
    Lines filterChains{out.filterChains}, filterHead{out.filterHead}, filterTail{out.filterTail}, natChains{out.natChains}, natHead{out.natHead},
        natChainsTail{out.natChainsTail}, natTail{out.natTail};
    // The releases that brought KUBE-FORWARD (about v1.9), KUBE-EXTERNAL-SERVICES (about v1.10) and
    // KUBE-PROXY-FIREWALL (about v1.25) are not confirmed; all came after v1.5 and before v1.28, so
    // this era writes them all and the legacy one none.
    for (const char* c : {"KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL"})
        filterChains.add(std::string(":") + c + " - [0:0]");
    filterChains.add(":KUBE-FIREWALL - [0:0]");
    for (const char* c : {"KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"})
        natChains.add(std::string(":") + c + " - [0:0]");

    natHead.add("-A KUBE-POSTROUTING -m mark ! --mark " + mark + "/" + mark + " -j RETURN");
    natHead.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + mark);
    natHead.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
    natHead.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + mark);
    filterHead.add("-A KUBE-FIREWALL -m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 "
                   "-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");

    const ServiceIndex byKey(objects, ServiceIndex::Slices::Index);
    // Each service's versions: what its cached rules were written for.
    // Whether `written` are those versions, without building them (nearly every service's are).
    auto sameVersions = [](const ServiceObjects& o, const std::vector<std::uint64_t>& written) {
        if (written.size() != o.slices.size() + 2 || written.front() != o.service->meta.resourceVersion) return false;
        for (std::size_t i = 0; i < o.slices.size(); ++i)
            if (written[i + 1] != o.slices[i]->meta.resourceVersion) return false;
        return written.back() == (o.endpoints ? o.endpoints->meta.resourceVersion : kAbsent);
    };
    auto versionsOf = [&](const ServiceObjects& o) {
        std::vector<std::uint64_t> versions;
        versions.reserve(o.slices.size() + 2);
        versions.push_back(o.service->meta.resourceVersion);
        for (const EndpointSlice* slice : o.slices) versions.push_back(slice->meta.resourceVersion);
        versions.push_back(o.endpoints ? o.endpoints->meta.resourceVersion : kAbsent);
        return versions;
    };
    // One look-up of each service's objects and cached rules, kept for both passes below: at
    // 10,000 services in a random order each look-up is a cache miss, and a sync that changed
    // one service is made of nothing else.
    std::vector<ServiceVisit> visits(in.serviceOrder.size());
    std::vector<const ServiceObjects*> services(in.serviceOrder.size());
    std::vector<SyncCache::Entry*> cachedFor(in.serviceOrder.size(), nullptr);  // written for these versions
    std::size_t totalEndpoints = 0;
    for (std::size_t k = 0; k < in.serviceOrder.size(); ++k) {
        const std::string& key = in.serviceOrder[k];
        const ServiceObjects* found = byKey.find(key);
        if (!found) continue;
        ServiceVisit& v = visits[k];
        v.key = &key;
        services[k] = found;
        // Unchanged services' counts come with their cached rules (written with the same versions,
        // none of them zero: versions are cached only then).
        if (in.cache) {
            auto cached = in.cache->services.find(key);
            if (cached != in.cache->services.end() && sameVersions(*found, cached->second.rules->versions)) {
                cachedFor[k] = &cached->second;
                totalEndpoints += cached->second.rules->endpoints;
                continue;
            }
        }
        v.versions = versionsOf(*found);
        for (const auto& p : found->service->ports) totalEndpoints += countEndpoints(*found, p);
    }
    // kube-proxy's largeClusterMode: over 1000 endpoints, per-endpoint comments are left out.
    const bool large = totalEndpoints > 1000;

    const std::string context = std::string("modern|") + (large ? "large|" : "|") + in.nodeName + "|" + in.config.clusterCIDR + "|" +
                                (in.config.masqueradeAll ? "all" : "") + "|" +
                                [&] { std::string s; for (const auto& ip : in.nodeIPs) s += ip + ","; return s; }();
    const bool sameContext = in.cache && in.cache->context == context;  // else the cache is emptied
    beginCachedSync(in.cache, context);
    for (std::size_t k = 0; k < visits.size(); ++k)
        if (sameContext && cachedFor[k]) {
            cachedFor[k]->seen = in.cache->syncs;
            visits[k].rules = cachedFor[k]->rules;
        }
    writeMissingRules(in.cache, visits, [&](std::size_t k, ServiceRules& r) { writeModernService(in, *services[k], large, r); });
    out.services.reserve(visits.size());
    for (ServiceVisit& v : visits) {
        if (!v.key) continue;
        out.serviceChains += v.rules->serviceChains;
        out.endpointChains += v.rules->endpointChains;
        out.services.push_back(std::move(v.rules));
    }
    endCachedSync(in.cache);
    out.staleChains = staleChains(in, out.services, perServicePrefixes(Era::Modern));
    for (const std::string& chain : out.staleChains) {
        natChainsTail.add(":" + chain + " - [0:0]");
        natTail.add("-X " + chain);
    }
    natTail.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" "
                "-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
    filterTail.add("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP");
    filterTail.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + "/" + mark + " -j ACCEPT");
    filterTail.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");

    using netfilter::TableId;
    const std::string ctNew = "-m conntrack --ctstate NEW ";
    out.jumps = {
        // The kubelet's jumps to KUBE-FIREWALL exist first, so they end up last after the prepends.
        {TableId::Filter, "INPUT", "-j KUBE-FIREWALL"},
        {TableId::Filter, "OUTPUT", "-j KUBE-FIREWALL"},
        {TableId::Filter, "INPUT", ctNew + "-m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES"},
        {TableId::Filter, "FORWARD", ctNew + "-m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES"},
        {TableId::Filter, "INPUT", "-m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS"},
        {TableId::Filter, "FORWARD", ctNew + "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Filter, "OUTPUT", ctNew + "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Filter, "FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD"},
        {TableId::Filter, "INPUT", ctNew + "-m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL"},
        {TableId::Filter, "OUTPUT", ctNew + "-m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL"},
        {TableId::Filter, "FORWARD", ctNew + "-m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL"},
        {TableId::Nat, "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Nat, "PREROUTING", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
        {TableId::Nat, "POSTROUTING", "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"},
    };
    finishSyncOutput(out);
    return out;
}

} // namespace kns::proxy
