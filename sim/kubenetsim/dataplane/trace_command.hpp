#pragma once
// `trace [--from NODE|POD|IP] [--via NODE] --to IP:PORT [--proto tcp|udp] [--all] [--json]`.
//
// Sends one connection's first packet and prints its path hook by hook, rule by rule. The source
// is the shell's node by default; a node name; a pod (NAME or NS/NAME, or its IP), whose packet
// enters its node's namespace from the pod's side; or an address outside the cluster, which
// enters through the node named by --via. With --all, every outcome of the first packet's nat and
// filter decisions is listed with its probability (net/outcomes.hpp) instead of the one path.
//
// The packet's path is obtained apart from its printing (trace_report.hpp): it goes over the
// fabric through every namespace (dataplane/exchange.hpp): a TCP connection's SYN and what comes
// back (traceConnection), or one UDP datagram and what comes back, an answer or an ICMP port
// unreachable (traceDatagram). A source outside the cluster is a simulated host on the --via
// node's segment (dataplane/external_host.hpp), there only while the trace runs, that sends
// through that node; when the node has no segment there, the packet is walked through the node's
// namespace alone (net/stack.hpp).
#include <string>
#include <vector>

#include <kubenetsim/dataplane/trace_report.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// Where the first packet starts, resolved from --from/--via.
struct TraceSource {
    std::string origin;     // for people
    std::string nsKey;      // the namespace the outcomes are enumerated in (and the packet walked, without the fabric)
    std::string startNs;    // where the connection starts over the fabric (a node's or pod's namespace); "" for
                            // a source outside the cluster
    bool local = true;      // sent by a socket of nsKey, else received on inIface
    std::string inIface;
    Ipv4 address;           // the source address; 0.0.0.0: chosen by routing (local sends)
    bool outside = false;   // an address outside the cluster, entering nsKey (the --via node) on inIface
};

// Resolves --from (empty: `host`) and --via; the error text names the wrong word.
bool resolveTraceSource(const Simulation& sim, const std::string& host, const std::string& from, const std::string& via, TraceSource& out,
                        std::string& error);

// Sends the packet (conntrack, counters and the random streams see it, as for any connection;
// over the fabric, simulated time passes until the handshake ends) and, with `all`, enumerates
// its outcomes first (which changes nothing).
TraceReport traceFirstPacket(Simulation& sim, const TraceSource& source, net::Packet packet, bool all);

shell::CommandResult traceCommand(Simulation& sim, const std::string& host, const std::vector<std::string>& argv);

} // namespace kns::dataplane
