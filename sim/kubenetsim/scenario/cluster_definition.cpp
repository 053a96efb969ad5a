#include <kubenetsim/scenario/cluster_definition.hpp>

#include <cassert>
#include <charconv>
#include <set>

#include <kubenetsim/scenario/time_text.hpp>

namespace kns::scenario {
namespace {

// Reads key as an address (or CIDR) into out when present and valid.
void address(JsonChecker& c, const Json& obj, const std::string& key, const std::string& path, bool cidr, std::string& out) {
    auto v = c.string(obj, key, path);
    if (!v) return;
    if (!v->empty() && !validIPv4(*v, cidr)) {
        c.fail(childPath(path, key), "\"" + *v + "\" is not an IPv4 " + (cidr ? "CIDR (a.b.c.d/n)" : "address"));
        return;
    }
    out = *v;
}

void duration(JsonChecker& c, const Json& obj, const std::string& key, const std::string& path, SimTime& out) {
    auto v = c.string(obj, key, path);
    if (!v) return;
    auto d = parseDuration(*v);
    if (!d) {
        c.fail(childPath(path, key), "\"" + *v + "\" is not a duration (for example \"50ms\", \"30s\", \"1m30s\")");
        return;
    }
    out = *d;
}

void readInterface(JsonChecker& c, const Json& v, const std::string& path, InterfaceDef& i) {
    if (!c.object(v, path, {"name", "address", "kind", "default_route", "gateway"}, {"name", "address"})) return;
    if (auto name = c.string(v, "name", path)) i.name = *name;
    address(c, v, "address", path, true, i.address);
    if (auto kind = c.string(v, "kind", path)) {
        if (*kind != "ether" && *kind != "bridge" && *kind != "loopback")
            c.fail(childPath(path, "kind"), "unknown interface kind \"" + *kind + "\" (expected ether, bridge or loopback)");
        else i.kind = *kind;
    }
    if (auto d = c.boolean(v, "default_route", path)) i.defaultRoute = *d;
    address(c, v, "gateway", path, false, i.gateway);
}

void readNode(JsonChecker& c, const Json& v, const std::string& path, NodeDef& n) {
    if (!c.object(v, path, {"name", "interfaces", "internal_ip", "pod_cidr", "pod_gateway", "roles", "schedulable", "labels"}, {"name"}))
        return;
    if (auto name = c.string(v, "name", path)) n.name = *name;
    if (v.contains("interfaces")) {
        const std::string p = childPath(path, "interfaces");
        if (c.array(v["interfaces"], p)) {
            n.interfaces.clear();
            for (std::size_t i = 0; i < v["interfaces"].size(); ++i) readInterface(c, v["interfaces"][i], indexPath(p, i), n.interfaces.emplace_back());
        }
    }
    address(c, v, "internal_ip", path, false, n.internalIP);
    address(c, v, "pod_cidr", path, true, n.podCIDR);
    address(c, v, "pod_gateway", path, false, n.podGateway);
    if (auto roles = c.strings(v, "roles", path)) n.roles = *roles;
    if (auto s = c.boolean(v, "schedulable", path)) n.schedulable = *s;
    if (v.contains("labels")) {
        const std::string p = childPath(path, "labels");
        if (!v["labels"].is_object()) c.fail(p, std::string("expected an object, got ") + JsonChecker::typeName(v["labels"]));
        else
            for (const auto& [k, val] : v["labels"].items()) {
                if (!val.is_string()) c.fail(childPath(p, k), std::string("expected a string, got ") + JsonChecker::typeName(val));
                else n.labels[k] = val.get<std::string>();
            }
    }
}

void readProxy(JsonChecker& c, const Json& v, const std::string& path, ProxyConfig& p) {
    if (!c.object(v, path, {"cluster_cidr", "masquerade_all", "min_sync_period", "sync_period"})) return;
    address(c, v, "cluster_cidr", path, true, p.clusterCIDR);
    if (auto m = c.boolean(v, "masquerade_all", path)) p.masqueradeAll = *m;
    duration(c, v, "min_sync_period", path, p.minSyncPeriod);
    duration(c, v, "sync_period", path, p.syncPeriod);
}

void readLatencies(JsonChecker& c, const Json& v, const std::string& path, Latencies& l) {
    if (!c.object(v, path, {"watch", "controller_work", "schedule", "sandbox", "container_start", "readiness_first_check",
                            "node_monitor_grace", "pod_eviction", "command_default"}))
        return;
    duration(c, v, "watch", path, l.watch);
    duration(c, v, "controller_work", path, l.controllerWork);
    duration(c, v, "schedule", path, l.schedule);
    duration(c, v, "sandbox", path, l.sandbox);
    duration(c, v, "container_start", path, l.containerStart);
    duration(c, v, "readiness_first_check", path, l.readinessFirstCheck);
    duration(c, v, "node_monitor_grace", path, l.nodeMonitorGrace);
    duration(c, v, "pod_eviction", path, l.podEviction);
    duration(c, v, "command_default", path, l.commandDefault);
}

void readPortRange(JsonChecker& c, const Json& v, const std::string& path, ClusterConfig& into) {
    auto text = c.string(v, "node_port_range", path);
    if (!text) return;
    int lo = 0, hi = 0;
    const std::size_t dash = text->find('-');
    auto num = [](const std::string& s, int& out) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
    };
    if (dash == std::string::npos || !num(text->substr(0, dash), lo) || !num(text->substr(dash + 1), hi) || lo < 1 ||
        hi > 65535 || lo > hi) {
        c.fail(childPath(path, "node_port_range"), "\"" + *text + "\" is not a port range (for example \"30000-32767\")");
        return;
    }
    into.nodePortMin = lo;
    into.nodePortMax = hi;
}

} // namespace

bool validIPv4(const std::string& text, bool cidr) {
    std::string addr = text;
    if (cidr) {
        const std::size_t slash = text.find('/');
        if (slash == std::string::npos) return false;
        int bits = -1;
        const std::string b = text.substr(slash + 1);
        auto [end, ec] = std::from_chars(b.data(), b.data() + b.size(), bits);
        if (b.empty() || ec != std::errc{} || end != b.data() + b.size() || bits < 0 || bits > 32) return false;
        addr = text.substr(0, slash);
    }
    int parts = 0;
    std::size_t i = 0;
    while (i <= addr.size()) {
        std::size_t dot = addr.find('.', i);
        if (dot == std::string::npos) dot = addr.size();
        const std::string part = addr.substr(i, dot - i);
        int v = -1;
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || part.size() > 3 || ec != std::errc{} || end != part.data() + part.size() || v > 255) return false;
        ++parts;
        i = dot + 1;
    }
    return parts == 4;
}

void readClusterDefinition(JsonChecker& c, const Json& v, const std::string& path, bool standalone, ClusterConfig& into) {
    std::vector<std::string> required;
    if (standalone) required = {"era", "nodes"};
    if (!c.object(v, path,
                  {"era", "kubernetes_version", "nodes", "pod_cidr", "service_cidr", "dns_ip", "load_balancer_pool",
                   "node_port_range", "kube_proxy", "latencies", "shell_node", "prompt"},
                  required))
        return;
    if (auto era = c.string(v, "era", path)) {
        if (*era == "legacy") into.era = Era::Legacy;
        else if (*era == "modern") into.era = Era::Modern;
        else c.fail(childPath(path, "era"), "unknown era \"" + *era + "\" (expected legacy or modern)");
    }
    if (auto k = c.string(v, "kubernetes_version", path)) into.kubernetesVersion = *k;
    if (v.contains("nodes")) {
        const std::string p = childPath(path, "nodes");
        if (c.array(v["nodes"], p)) {
            if (v["nodes"].empty()) c.fail(p, "a cluster needs at least one node");
            into.nodes.clear();
            std::set<std::string> names;
            for (std::size_t i = 0; i < v["nodes"].size(); ++i) {
                NodeDef& n = into.nodes.emplace_back();
                readNode(c, v["nodes"][i], indexPath(p, i), n);
                if (!n.name.empty() && !names.insert(n.name).second)
                    c.fail(childPath(indexPath(p, i), "name"), "duplicate node name \"" + n.name + "\"");
            }
        }
    }
    address(c, v, "pod_cidr", path, true, into.clusterPodCIDR);
    address(c, v, "service_cidr", path, true, into.serviceCIDR);
    address(c, v, "dns_ip", path, false, into.dnsIP);
    address(c, v, "load_balancer_pool", path, true, into.loadBalancerPool);
    readPortRange(c, v, path, into);
    if (v.contains("kube_proxy")) readProxy(c, v["kube_proxy"], childPath(path, "kube_proxy"), into.proxy);
    if (v.contains("latencies")) readLatencies(c, v["latencies"], childPath(path, "latencies"), into.latency);
    if (auto s = c.string(v, "shell_node", path)) into.shellNode = *s;
    if (auto s = c.string(v, "prompt", path)) into.prompt = *s;
    if (!into.shellNode.empty() && v.contains("shell_node")) {
        bool found = false;
        for (const auto& n : into.nodes) found = found || n.name == into.shellNode;
        if (!found) c.fail(childPath(path, "shell_node"), "no node is named \"" + into.shellNode + "\"");
    }
}

void applyClusterDefinition(const Json& def, ClusterConfig& into) {
    if (def.is_null()) return;
    JsonChecker c("");
    readClusterDefinition(c, def, "$.cluster", false, into);
    assert(c.errors().empty() && "the loader validated this definition");
}

} // namespace kns::scenario
