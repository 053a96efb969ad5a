// ping (iputils) and nslookup (bind9) in one namespace.
#include <cmath>
#include <cstdio>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/client_commands.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/name_resolution.hpp>

namespace kns::dataplane {

using shell::CommandResult;

namespace {

std::string ms3(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms);
    return buf;
}

} // namespace

CommandResult ping(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv) {
    int count = 4;  // ping's own default is to run until interrupted; here -c defaults to 4
    std::string target;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-c" && i + 1 < argv.size()) {
            try {
                count = std::stoi(argv[++i]);
            } catch (...) {
                count = 0;
            }
            if (count <= 0 || count > 1000) return CommandResult{"", "ping: invalid argument: '" + argv[i] + "'\n", 1};
        } else if (!argv[i].empty() && argv[i][0] == '-') {
            return CommandResult{"", "ping: invalid option -- '" + argv[i].substr(1) + "'\nusage: ping [-c COUNT] HOST\n", 2};
        } else {
            target = argv[i];
        }
    }
    if (target.empty()) return CommandResult{"", "ping: usage error: Destination address required\n", 1};
    auto address = resolveHost(sim, ns, target);
    if (!address) return CommandResult{"", "ping: " + target + ": Name or service not known\n", 2};
    TransportState& t = sim.state().dataPlane.transport;
    const std::uint16_t id = t.nextEchoId++;
    CommandResult r;
    r.out = "PING " + target + " (" + address->str() + ") 56(84) bytes of data.\n";
    int received = 0;
    std::vector<double> rtts;
    const SimTime start = sim.now();
    for (int seq = 1; seq <= count; ++seq) {
        const SimTime sent = sim.now();
        net::Packet p;
        p.proto = "icmp";
        p.icmpType = "echo-request";
        p.dst = *address;
        p.icmpId = id;
        p.icmpSeq = static_cast<std::uint16_t>(seq);
        p.sport = p.dport = id;  // conntrack keys echo traffic by its identifier
        p.length = 84;
        sendPacket(sim, ns, p);
        const auto key = std::tuple{ns, id, static_cast<std::uint16_t>(seq)};
        const SimTime wait = seq == count ? SimTime::s(10) : SimTime::s(1);  // the last one waits for its reply (-W)
        // Until the reply or the deadline, never past it (a later event, a conntrack timeout say, waits).
        while (!t.echoReplies.count(key) && sim.kernel().peekNextTime() <= sent + wait && sim.step()) {
        }
        if (!t.echoReplies.count(key)) sim.runUntil(sent + wait);
        if (auto it = t.echoReplies.find(key); it != t.echoReplies.end()) {
            ++received;
            const double rtt = (it->second.first - sent).toSeconds() * 1000.0;
            rtts.push_back(rtt);
            r.out += "64 bytes from " + address->str() + ": icmp_seq=" + std::to_string(seq) + " ttl=" + std::to_string(it->second.second) +
                     " time=" + ms3(rtt) + " ms\n";
            t.echoReplies.erase(it);
        }
        if (seq < count) sim.runUntil(sent + SimTime::s(1));
    }
    const long elapsed = static_cast<long>((sim.now() - start).toSeconds() * 1000.0);
    r.out += "\n--- " + target + " ping statistics ---\n";
    r.out += std::to_string(count) + " packets transmitted, " + std::to_string(received) + " received, " +
             std::to_string((count - received) * 100 / count) + "% packet loss, time " + std::to_string(count > 1 ? elapsed : 0) + "ms\n";
    if (!rtts.empty()) {
        double lo = rtts[0], hi = rtts[0], sum = 0, sq = 0;
        for (double v : rtts) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
            sq += v * v;
        }
        const double avg = sum / static_cast<double>(rtts.size());
        const double mdev = std::sqrt(std::max(0.0, sq / static_cast<double>(rtts.size()) - avg * avg));
        r.out += "rtt min/avg/max/mdev = " + ms3(lo) + "/" + ms3(avg) + "/" + ms3(hi) + "/" + ms3(mdev) + " ms\n";
    }
    r.status = received > 0 ? 0 : 1;
    return r;
}

CommandResult nslookup(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv) {
    if (argv.size() != 2) return CommandResult{"", "Usage: nslookup NAME\n", 1};
    const std::string& name = argv[1];
    const std::string server = nameserverOf(sim, ns);
    // The same search as the C library's (bind9's nslookup honours resolv.conf's search and
    // ndots), each candidate a query over the simulated network.
    const Resolution res = resolveName(sim, ns, name);
    CommandResult r;
    r.status = 1;
    switch (res.status) {
    case Resolution::Status::Timeout:
        r.out = ";; connection timed out; no servers could be reached\n\n";
        return r;
    case Resolution::Status::Refused:
        r.out = ";; communications error to " + server + "#53: connection refused\n;; no servers could be reached\n\n";
        return r;
    case Resolution::Status::NotFound:
        r.out = "Server:\t\t" + server + "\nAddress:\t" + server + "#53\n\n** server can't find " + name + ": NXDOMAIN\n\n";
        return r;
    case Resolution::Status::Found: break;
    }
    r.status = 0;
    r.out = "Server:\t\t" + server + "\nAddress:\t" + server + "#53\n\nName:\t" + res.fqdn + "\nAddress: " + res.address->str() + "\n\n";
    return r;
}

} // namespace kns::dataplane
