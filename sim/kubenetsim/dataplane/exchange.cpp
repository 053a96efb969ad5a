#include <kubenetsim/dataplane/exchange.hpp>

#include <algorithm>
#include <utility>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/tcp.hpp>
#include <kubenetsim/dataplane/udp.hpp>

namespace kns::dataplane {

namespace {

Exchange* byId(Simulation& sim, std::uint64_t id) {
    auto& all = sim.state().dataPlane.transport.exchanges;
    auto it = all.find(id);
    return it == all.end() ? nullptr : &it->second;
}

void finish(Simulation& sim, Exchange& x, Exchange::Error error) {
    if (x.phase == Exchange::Phase::Done) return;
    x.phase = Exchange::Phase::Done;
    x.error = error;
    x.finished = sim.now();
    sim.cancel(x.timer);
}

void armTimer(Simulation& sim, Exchange& x) {
    SimTime at;
    if (x.deadline > SimTime::zero()) at = x.deadline;
    if (x.connectDeadline > SimTime::zero() && x.phase == Exchange::Phase::Connecting && (at == SimTime::zero() || x.connectDeadline < at))
        at = x.connectDeadline;
    sim.cancel(x.timer);
    if (at > SimTime::zero()) x.timer = sim.schedule(at - sim.now(), Event{Component::Network, kExchangeTimer, "", "", static_cast<std::int64_t>(x.id), 0});
}

} // namespace

bool responseComplete(const std::string& bytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const std::optional<std::size_t> length = contentLength(bytes.substr(0, end));
    return !length || bytes.size() - (end + 4) >= *length;
}

std::optional<std::size_t> contentLength(const std::string& head) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return std::nullopt;
    try {
        return static_cast<std::size_t>(std::stoull(head.substr(at + 17)));
    } catch (...) {
        return std::nullopt;
    }
}

std::uint64_t startExchange(Simulation& sim, const ExchangeRequest& r) {
    TransportState& t = sim.state().dataPlane.transport;
    Exchange x;
    x.id = t.nextExchangeId++;
    x.ns = r.ns;
    x.dst = r.dst;
    x.port = r.port;
    x.request = r.bytes;
    x.started = sim.now();
    if (r.maxTime > SimTime::zero()) x.deadline = sim.now() + r.maxTime;
    if (r.connectTimeout > SimTime::zero()) x.connectDeadline = sim.now() + r.connectTimeout;
    const std::uint64_t id = x.id;
    t.exchanges[id] = std::move(x);
    armTimer(sim, t.exchanges[id]);
    const std::uint64_t socket = tcpConnect(sim, r.ns, r.dst, r.port, id);
    if (Exchange* live = byId(sim, id)) {
        if (!socket) finish(sim, *live, Exchange::Error::NoRoute);
        else live->socket = socket;
    }
    return id;
}

Exchange runExchange(Simulation& sim, std::uint64_t id) {
    while (true) {
        Exchange* x = byId(sim, id);
        if (!x || x->phase == Exchange::Phase::Done) break;
        if (!sim.step()) {  // nothing left to happen: the exchange can never finish
            finish(sim, *x, Exchange::Error::ConnectTimeout);
            break;
        }
    }
    Exchange out;
    auto& all = sim.state().dataPlane.transport.exchanges;
    if (auto it = all.find(id); it != all.end()) {
        out = std::move(it->second);
        all.erase(it);
    }
    return out;
}

ConnectionTrace traceConnection(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port, SimTime timeout) {
    TransportState& t = sim.state().dataPlane.transport;
    const bool wasRecording = std::exchange(t.recordHops, true);
    const std::size_t first = t.hops.size();
    const std::uint64_t id = startExchange(sim, ExchangeRequest{ns, dst, port, "", timeout, {}});
    while (true) {
        Exchange* x = byId(sim, id);
        if (!x || x->phase != Exchange::Phase::Connecting) break;
        if (!sim.step()) break;
    }
    ConnectionTrace out;
    if (Exchange* x = byId(sim, id)) {
        out.connected = x->phase == Exchange::Phase::Waiting;
        out.error = x->error;
        sim.cancel(x->timer);
        if (out.connected) tcpAbort(sim, x->socket);
        t.exchanges.erase(id);
    }
    out.hops.assign(t.hops.begin() + static_cast<std::ptrdiff_t>(first), t.hops.end());
    t.recordHops = wasRecording;
    if (!wasRecording) t.hops.clear();
    return out;
}

ConnectionTrace traceDatagram(Simulation& sim, const std::string& ns, Ipv4 dst, std::uint16_t port, const std::string& payload, SimTime timeout) {
    TransportState& t = sim.state().dataPlane.transport;
    const bool wasRecording = std::exchange(t.recordHops, true);
    const std::size_t first = t.hops.size();
    ConnectionTrace out;
    const std::uint64_t socket = udpConnect(sim, ns, dst, port);
    if (!socket) {
        out.error = Exchange::Error::NoRoute;
    } else {
        udpSend(sim, socket, payload);
        const SimTime deadline = sim.now() + timeout;
        std::optional<std::string> reply;
        // Until an answer, an ICMP error, or the timeout (the clock stops at the last event before it).
        while (!reply && !udpRefused(sim, socket) && sim.kernel().peekNextTime() <= deadline && sim.step()) reply = udpReceive(sim, socket);
        out.connected = reply.has_value();
        if (udpRefused(sim, socket)) out.error = Exchange::Error::Refused;
        udpClose(sim, socket);
    }
    out.hops.assign(t.hops.begin() + static_cast<std::ptrdiff_t>(first), t.hops.end());
    t.recordHops = wasRecording;
    if (!wasRecording) t.hops.clear();
    return out;
}

const Exchange* findExchange(const Simulation& sim, std::uint64_t id) {
    const auto& all = sim.state().dataPlane.transport.exchanges;
    auto it = all.find(id);
    return it == all.end() ? nullptr : &it->second;
}

void exchangeConnected(Simulation& sim, std::uint64_t id) {
    Exchange* x = byId(sim, id);
    if (!x || x->phase != Exchange::Phase::Connecting) return;
    x->phase = Exchange::Phase::Waiting;
    x->connected = sim.now();
    armTimer(sim, *x);
    tcpSend(sim, x->socket, x->request);
}

void exchangeData(Simulation& sim, std::uint64_t id, std::uint64_t socket) {
    Exchange* x = byId(sim, id);
    auto& sockets = sim.state().dataPlane.transport.sockets;
    auto s = sockets.find(socket);
    if (!x || s == sockets.end()) return;
    x->response += s->second.inbox;
    s->second.inbox.clear();
    if (!responseComplete(x->response)) return;
    finish(sim, *x, Exchange::Error::None);
    tcpClose(sim, socket);
}

void exchangeFailed(Simulation& sim, std::uint64_t id, Exchange::Error error) {
    if (Exchange* x = byId(sim, id)) finish(sim, *x, error);
}

void exchangeTimer(Simulation& sim, std::uint64_t id) {
    Exchange* x = byId(sim, id);
    if (!x || x->phase == Exchange::Phase::Done) return;
    const bool connecting = x->phase == Exchange::Phase::Connecting;
    Exchange::Error e = Exchange::Error::TransferTimeout;
    if (connecting) e = x->deadline > SimTime::zero() && sim.now() >= x->deadline ? Exchange::Error::ConnectTimeout : Exchange::Error::ConnectDeadline;
    const std::uint64_t socket = x->socket;
    finish(sim, *x, e);
    tcpAbort(sim, socket);
}

} // namespace kns::dataplane
