#include "curl_probe.hpp"

#include <chrono>
#include <regex>
#include <sstream>

namespace kns::kerneltest {

namespace {

std::string field(const std::string& body, const std::string& name) {
    const std::regex re("\"" + name + "\": \"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(body, m, re) ? m[1].str() : std::string();
}

void record(CurlSummary& s, int status, const std::string& body, const std::string& server) {
    ++s.runs;
    s.exits.insert(status);
    if (status != 0) return;
    s.fromByServer[server].insert(field(body, "from"));
    s.hosts.insert(field(body, "host"));
}

bool allSeen(const CurlSummary& s, const std::set<std::string>& wanted) {
    for (const auto& w : wanted)
        if (!s.fromByServer.count(w)) return false;
    return true;
}

// "172.30.228.255:80/info" -> address and port (80 when absent).
std::pair<std::string, int> target(const std::string& url) {
    std::string rest = url;
    if (auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
    rest = rest.substr(0, rest.find('/'));
    const auto colon = rest.find(':');
    if (colon == std::string::npos) return {rest, 80};
    return {rest.substr(0, colon), std::stoi(rest.substr(colon + 1))};
}

std::string joined(const std::set<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ",") + v;
    return out;
}

} // namespace

std::set<std::string> CurlSummary::servers() const {
    std::set<std::string> s;
    for (const auto& [server, from] : fromByServer) s.insert(server);
    return s;
}

std::string CurlSummary::describe() const {
    std::ostringstream out;
    out << runs << " runs in " << elapsedMs << " ms, exit codes {";
    for (int e : exits) out << (e == *exits.begin() ? "" : ",") << e;
    out << "}";
    for (const auto& [server, from] : fromByServer) out << "; " << server << " answered from " << joined(from);
    if (!hosts.empty()) out << "; host " << joined(hosts);
    return out.str();
}

std::string CurlExpectation::describe() const {
    std::ostringstream out;
    out << "exit " << exit;
    for (const auto& [server, from] : fromByServer) out << "; " << server << " answers from " << from;
    if (exit == 0) out << "; host " << host;
    return out.str();
}

std::string curlCommand(const std::string& url) { return "curl -s -m 5 " + url; }

CurlSummary realCurls(KernelNetwork& net, const std::string& clientKey, const std::string& url,
                      const std::set<std::string>& wanted, int maxRuns) {
    CurlSummary s;
    net.takeServed();
    const auto start = std::chrono::steady_clock::now();
    while (s.runs < maxRuns && (wanted.empty() ? s.runs == 0 : !allSeen(s, wanted))) {
        const HostResult r = net.exec(clientKey, {"curl", "-s", "-m", "5", url});
        const auto served = net.takeServed();
        record(s, r.status, r.out, served.size() == 1 ? served.front() : std::to_string(served.size()) + " servers");
    }
    s.elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    return s;
}

std::optional<CurlSummary> simulatedCurls(KernelScenario& scenario, const std::string& clientKey, const std::string& url,
                                          const std::set<std::string>& wanted, int maxRuns, std::string& pending) {
    Simulation& sim = scenario.sim();
    shell::Shell& sh = scenario.shell();
    std::string line;
    if (clientKey.rfind("node/", 0) == 0) {
        if (!sh.findCommand("curl")) {
            pending = "the simulated shell has no curl yet";
            return std::nullopt;
        }
        if (clientKey != scenario.shellNodeKey()) {
            pending = "the simulated shell runs on " + scenario.shellNodeKey() + " only";
            return std::nullopt;
        }
        line = curlCommand(url);
    } else {
        const std::string podKey = clientKey.substr(std::string("pod/").size());
        const auto slash = podKey.find('/');
        line = "kubectl exec " + podKey.substr(slash + 1) + " -n " + podKey.substr(0, slash) + " -- " + curlCommand(url);
    }
    const auto [address, port] = target(url);
    const auto dst = Ipv4::parse(address);
    std::set<std::pair<std::string, std::uint64_t>> known;
    // A NATed connection shows its server as the reply's source where the NAT happened (the
    // client's node); the client pod's own entry for the same connection is not NATed and says
    // only the VIP. Without NAT anywhere the reply comes from the URL's address itself.
    auto newServers = [&]() {
        std::set<std::string> natted, direct;
        for (const auto& [key, ns] : sim.state().dataPlane.namespaces)
            for (const auto& [id, e] : ns.conntrack.entries()) {
                if (!known.insert({key, id}).second) continue;
                if (!dst || e.original.dst != *dst || e.original.dport != port) continue;
                (e.reply.src != e.original.dst ? natted : direct).insert(e.reply.src.str());
            }
        return natted.empty() ? direct : natted;
    };
    newServers();
    CurlSummary s;
    const SimTime start = sim.now();
    while (s.runs < maxRuns && (wanted.empty() ? s.runs == 0 : !allSeen(s, wanted))) {
        const shell::CommandResult r = sh.run(line);
        if (r.err.find("executable file not found") != std::string::npos) {
            pending = "the simulated pods have no curl yet (" + line + ")";
            return std::nullopt;
        }
        const auto servers = newServers();
        record(s, r.status, r.out, servers.size() == 1 ? *servers.begin() : std::to_string(servers.size()) + " servers");
    }
    s.elapsedMs = static_cast<long>((sim.now() - start).nanos() / 1000000);
    return s;
}

bool matches(const CurlSummary& s, const CurlExpectation& e) {
    if (s.exits != std::set<int>{e.exit}) return false;
    if (e.exit != 0) return s.fromByServer.empty();
    if (s.fromByServer.size() != e.fromByServer.size()) return false;
    for (const auto& [server, from] : e.fromByServer) {
        auto it = s.fromByServer.find(server);
        if (it == s.fromByServer.end() || it->second != std::set<std::string>{from}) return false;
    }
    return s.hosts == std::set<std::string>{e.host};
}

bool agree(const CurlSummary& a, const CurlSummary& b) {
    return a.exits == b.exits && a.fromByServer == b.fromByServer && a.hosts == b.hosts;
}

} // namespace kns::kerneltest

namespace kns::kerneltest {

long rejectCount(const std::string& filterSaveWithCounters, const std::string& address) {
    long packets = 0;
    std::istringstream in(filterSaveWithCounters);
    for (std::string l; std::getline(in, l);) {
        if (l.empty() || l[0] != '[' || l.find(" -d " + address + "/32 ") == std::string::npos || l.find("-j REJECT") == std::string::npos)
            continue;
        packets += std::stol(l.substr(1, l.find(':') - 1));
    }
    return packets;
}

} // namespace kns::kerneltest
