#pragma once
// A client's HTTP exchange over one TCP connection, as curl or the load generator makes it:
// connect, send the request, read until the response is complete (headers and Content-Length),
// close. Its outcome carries what curl reports: the response, or the error and when.
#include <cstdint>
#include <optional>
#include <string>

#include <kubenetsim/dataplane/transport_state.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

struct ExchangeRequest {
    std::string ns;  // the client's namespace
    Ipv4 dst;
    std::uint16_t port = 80;
    std::string bytes;  // the request as sent
    SimTime maxTime;         // curl -m: zero for none
    SimTime connectTimeout;  // curl --connect-timeout: zero for none
};

// Starts an exchange; returns its id. A failure to even start (no route) is recorded as its
// outcome at once.
std::uint64_t startExchange(Simulation& sim, const ExchangeRequest& request);

// Runs the simulation until the exchange is done, and returns it (removing it from the state).
Exchange runExchange(Simulation& sim, std::uint64_t id);

// One TCP handshake from `ns` to dst:port with hop recording on: every namespace traversal of
// the SYN and of what came back (SYN,ACK, a RST, an ICMP error), then the connection is reset.
// What `trace` prints and the GUI animates.
struct ConnectionTrace {
    std::vector<HopRecord> hops;
    bool connected = false;
    Exchange::Error error = Exchange::Error::None;
};
ConnectionTrace traceConnection(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port, SimTime timeout);
// One UDP datagram from `ns` to dst:port with hop recording on: every namespace traversal of it
// and of what came back (an answer, an ICMP port unreachable) within `timeout`. `connected`
// says an answer came back; `error` is Refused for an ICMP error, NoRoute when none leads there.
ConnectionTrace traceDatagram(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port, const std::string& payload, SimTime timeout);

const Exchange* findExchange(const Simulation& sim, std::uint64_t id);

// Called by TCP.
void exchangeConnected(Simulation& sim, std::uint64_t id);
void exchangeData(Simulation& sim, std::uint64_t id, std::uint64_t socket);
void exchangeFailed(Simulation& sim, std::uint64_t id, Exchange::Error error);
void exchangeTimer(Simulation& sim, std::uint64_t id);

// Whether `bytes` hold a whole HTTP response (headers, then Content-Length bytes of body).
bool responseComplete(const std::string& bytes);
// The Content-Length a response's header block (status line and headers, without the blank
// line) announces; none when it has no such header or its value is not a number.
std::optional<std::size_t> contentLength(const std::string& head);

} // namespace kns::dataplane
