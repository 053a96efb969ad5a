// `load`: many HTTP requests at once, and which endpoint answered each, against the share the
// rules promise (1/N for N endpoints of a Service).
#include <cstdio>
#include <set>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/client_commands.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/fabric.hpp>

namespace kns::dataplane {

using shell::CommandResult;

namespace {

constexpr const char* kUsage = "usage: load --to IP:PORT [--from NODE|POD] --count N [--rate PER_SECOND] [--path PATH]";

CommandResult usage(const std::string& why) { return CommandResult{"", "load: " + why + "\n" + kUsage + "\n", 2}; }

// The namespace `--from` names: a node, or a pod ("name" in default, or "ns/name").
std::optional<std::string> sourceNamespace(Simulation& sim, const std::string& from) {
    for (const NodeDef& n : sim.config().nodes)
        if (n.name == from) return nodeNamespaceKey(from);
    const std::string key = from.find('/') == std::string::npos ? "default/" + from : from;
    if (sim.state().dataPlane.namespaces.count(podNamespaceKey(key))) return podNamespaceKey(key);
    return std::nullopt;
}

// How many endpoints the rules spread a Service's traffic over (0: not a Service).
std::size_t endpointCount(Simulation& sim, Ipv4 ip, int port) {
    for (const Service* s : sim.api().list<Service>("")) {
        if (s->clusterIP != ip.str()) continue;
        for (const auto& sp : s->ports) {
            if (sp.port != port) continue;
            const Endpoints* ep = sim.api().get<Endpoints>(s->meta.ns, s->meta.name);
            std::size_t n = 0;
            if (ep)
                for (const auto& subset : ep->subsets) n += subset.addresses.size();
            return n;
        }
    }
    return 0;
}

std::string percent(double v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    return buf;
}

std::string pad(const std::string& s, std::size_t w) { return s.size() >= w ? s + "   " : s + std::string(w - s.size() + 3, ' '); }

} // namespace

CommandResult load(Simulation& sim, const std::string& shellNode, const std::vector<std::string>& argv) {
    std::string to, from = shellNode, path = "/info";
    long count = 0;
    double rate = 0;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (i + 1 >= argv.size()) return usage("option " + a + " needs a value");
        const std::string& v = argv[++i];
        try {
            if (a == "--to") to = v;
            else if (a == "--from") from = v;
            else if (a == "--path") path = v;
            else if (a == "--count") count = std::stol(v);
            else if (a == "--rate") rate = std::stod(v);
            else return usage("unknown option " + a);
        } catch (...) {
            return usage("bad value for " + a + ": " + v);
        }
    }
    const auto colon = to.rfind(':');
    auto ip = Ipv4::parse(to.substr(0, colon));
    int port = 0;
    try {
        port = colon == std::string::npos ? 0 : std::stoi(to.substr(colon + 1));
    } catch (...) {
    }
    if (!ip || port <= 0 || port > 65535) return usage("--to must be IP:PORT, got '" + to + "'");
    if (count <= 0 || count > 100000) return usage("--count must be between 1 and 100000");
    if (rate < 0) return usage("--rate must not be negative");
    auto ns = sourceNamespace(sim, from);
    if (!ns) return usage("no node or pod named '" + from + "'");

    TransportState& t = sim.state().dataPlane.transport;
    const auto servedBefore = t.served;
    const SimTime start = sim.now();
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + to + "\r\nUser-Agent: kubenetsim-load\r\nAccept: */*\r\n\r\n";
    std::vector<std::uint64_t> ids;
    for (long k = 0; k < count; ++k) {
        if (rate > 0) sim.runUntil(start + SimTime::fromSeconds(static_cast<double>(k) / rate));
        ids.push_back(startExchange(sim, ExchangeRequest{*ns, *ip, static_cast<std::uint16_t>(port), request, SimTime::s(10), {}}));
    }
    long ok = 0, failed = 0;
    for (std::uint64_t id : ids) {
        const Exchange x = runExchange(sim, id);
        (x.error == Exchange::Error::None ? ok : failed) += 1;
    }
    const double took = (sim.now() - start).toSeconds();

    CommandResult r;
    char head[256];
    std::snprintf(head, sizeof head, "%ld requests to %s from %s: %ld answered, %ld failed, %.3f s simulated\n", count, to.c_str(), from.c_str(), ok, failed, took);
    r.out = head;
    const std::size_t n = endpointCount(sim, *ip, port);
    r.out += pad("ENDPOINT", 21) + pad("POD", 30) + pad("HITS", 6) + pad("SHARE", 7) + "EXPECTED\n";
    for (const auto& [key, total] : t.served) {
        auto before = servedBefore.find(key);
        const std::uint64_t hits = total - (before == servedBefore.end() ? 0 : before->second);
        if (hits == 0) continue;
        const auto space = key.find(' ');
        const std::string expected = n ? percent(1.0 / static_cast<double>(n)) : "-";
        r.out += pad(key.substr(space + 1), 21) + pad(key.substr(0, space), 30) + pad(std::to_string(hits), 6) +
                 pad(percent(static_cast<double>(hits) / static_cast<double>(std::max(ok, 1L))), 7) + expected + "\n";
    }
    r.status = failed == 0 ? 0 : 1;
    return r;
}

} // namespace kns::dataplane
