#include <kubenetsim/dataplane/servers.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <optional>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/tcp.hpp>

namespace kns::dataplane {

namespace {

const std::string* envOf(const Container& c, const std::string& name) {
    for (const auto& e : c.env)
        if (e.name == name) return &e.value;
    return nullptr;
}

bool imageIs(const Container& c, const std::string& name) { return c.image.find(name) != std::string::npos; }

struct Request {
    std::string method;
    std::string path;
    std::string host;
};

std::optional<Request> parseRequest(const std::string& bytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string::npos) return std::nullopt;
    Request r;
    const auto lineEnd = bytes.find("\r\n");
    const std::string line = bytes.substr(0, lineEnd);
    const auto sp1 = line.find(' ');
    const auto sp2 = line.find(' ', sp1 == std::string::npos ? 0 : sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return r;
    r.method = line.substr(0, sp1);
    r.path = line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t pos = lineEnd + 2;
    while (pos < end) {
        const auto next = bytes.find("\r\n", pos);
        const std::string h = bytes.substr(pos, next - pos);
        const auto colon = h.find(':');
        if (colon != std::string::npos) {
            std::string name = h.substr(0, colon);
            for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            std::string value = h.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            if (name == "host") r.host = value;
        }
        pos = next + 2;
    }
    const auto q = r.path.find('?');
    if (q != std::string::npos) r.path.resize(q);
    return r;
}

std::string response(const Simulation& sim, int status, const std::string& contentType, const std::string& body) {
    const std::string reason = status == 200 ? "OK" : "Not Found";
    return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nServer: TornadoServer/4.5.1\r\nContent-Type: " + contentType +
           "\r\nDate: " + httpDate(sim) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// simpleservice's /health handler, as Python 2 runs it:
//   if HEALTH_MAX > HEALTH_MIN and HEALTH_MIN >= 0:
//       time.sleep(random.randrange(float(HEALTH_MIN), float(HEALTH_MAX)) / 1000.0)
// An unset variable is the number 0, which Python 2 orders below any string; two strings compare
// lexicographically. randrange raises ValueError for a non-number, a fraction or an empty range
// ("500" > "1000", yet 500 < 1000), and the handler then answers 404 with the body it had
// already written. Simplification: a negative HEALTH_MIN means no delay (Python would draw, and
// answer 404 when the draw is negative, time.sleep refusing it).
struct HealthRange {
    bool delayed = false;
    bool fails = false;  // the 404
    long lo = 0, hi = 0;
};

std::optional<long> pythonWholeFloat(const std::string& text) {
    if (text.find_first_of("xX") != std::string::npos) return std::nullopt;  // strtod reads hex; float() does not
    const char* begin = text.c_str();
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    while (end && *end == ' ') ++end;
    if (end == begin || *end != '\0' || !std::isfinite(v) || v != std::floor(v)) return std::nullopt;
    return static_cast<long>(std::clamp(v, -1e12, 1e12));  // beyond 30 years either way, the same to a learner
}

HealthRange healthRange(const Container& c) {
    const std::string* minText = envOf(c, "HEALTH_MIN");
    const std::string* maxText = envOf(c, "HEALTH_MAX");
    if (!maxText || (minText && !(*maxText > *minText))) return {};
    const auto lo = minText ? pythonWholeFloat(*minText) : std::optional<long>(0);
    const auto hi = pythonWholeFloat(*maxText);
    if (!lo || !hi || *hi <= *lo) return {false, true};
    if (*lo < 0) return {};
    return {true, false, *lo, *hi};
}

// A whole number of milliseconds drawn from [HEALTH_MIN, HEALTH_MAX).
SimTime healthDelay(Simulation& sim, const Container& c, const std::string& socketNs) {
    const HealthRange r = healthRange(c);
    if (!r.delayed) return SimTime::zero();
    return SimTime::ms(r.lo + static_cast<long>(sim.rng(socketNs + "/simpleservice").below(static_cast<std::uint64_t>(r.hi - r.lo))));
}

std::string simpleservice(Simulation& sim, const Container& c, const Request& r, const std::string& from) {
    const std::string* v = envOf(c, "SIMPLE_SERVICE_VERSION");
    const std::string version = v ? *v : "0.5.0";
    // Key order is the one Python 2's dict gives these keys (the seed prints host, version, from).
    if (r.path == "/info")
        return response(sim, 200, "application/json", "{\"host\": " + quoted(r.host) + ", \"version\": " + quoted(version) + ", \"from\": " + quoted(from) + "}");
    if (r.path == "/health") return response(sim, healthRange(c).fails ? 404 : 200, "application/json", "{\"healthy\": true}");
    if (r.path == "/endpoint0")
        return response(sim, 200, "application/json", "{\"host\": " + quoted(r.host) + ", \"version\": " + quoted(version) + ", \"result\": \"all is well\"}");
    return response(sim, 404, "text/html; charset=UTF-8", "<html><title>404: Not Found</title><body>404: Not Found</body></html>");
}

std::string nginx(Simulation& sim, const Request& r) {
    if (r.path != "/" && r.path != "/index.html")
        return response(sim, 404, "text/html", "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    return response(sim, 200, "text/html",
                    "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n"
                    "<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n"
                    "</body>\n</html>\n");
}

const Container* containerOf(Simulation& sim, const TcpSocket& s, int index) {
    const Pod* pod = sim.api().getByKey<Pod>(s.pod);
    if (!pod || index < 0 || static_cast<std::size_t>(index) >= pod->spec.containers.size()) return nullptr;
    return &pod->spec.containers[static_cast<std::size_t>(index)];
}

} // namespace

std::optional<int> applicationPort(const Container& c) {
    if (imageIs(c, "simpleservice")) {
        const std::string* port = envOf(c, "PORT0");
        if (port) {
            try {
                return std::stoi(*port);
            } catch (...) {
                return std::nullopt;
            }
        }
        return 9876;
    }
    if (imageIs(c, "nginx")) return 80;
    return std::nullopt;
}

std::optional<Listener> findListener(Simulation& sim, const std::string& ns, std::uint16_t port) {
    if (ns.rfind("pod/", 0) != 0) return std::nullopt;
    const std::string key = ns.substr(4);
    const Pod* pod = sim.api().getByKey<Pod>(key);
    if (!pod) return std::nullopt;
    for (std::size_t i = 0; i < pod->spec.containers.size(); ++i) {
        const Container& c = pod->spec.containers[i];
        if (i >= pod->status.containerStatuses.size() || pod->status.containerStatuses[i].state != "running") continue;
        auto p = applicationPort(c);
        if (!p || *p != port) continue;
        return Listener{imageIs(c, "simpleservice") ? "simpleservice" : "nginx", key, static_cast<int>(i)};
    }
    return std::nullopt;
}

void serverData(Simulation& sim, std::uint64_t id) {
    auto& sockets = sim.state().dataPlane.transport.sockets;
    auto it = sockets.find(id);
    if (it == sockets.end() || it->second.inbox.find("\r\n\r\n") == std::string::npos) return;
    const TcpSocket& s = it->second;
    SimTime delay = SimTime::ms(1);  // the application's own work
    auto listener = findListener(sim, s.ns, s.localPort);
    if (listener && listener->app == "simpleservice") {
        auto r = parseRequest(s.inbox);
        const Pod* pod = sim.api().getByKey<Pod>(listener->pod);
        if (r && r->path == "/health" && pod) delay += healthDelay(sim, pod->spec.containers[static_cast<std::size_t>(listener->container)], s.ns);
    }
    sim.schedule(delay, Event{Component::Network, kServerReply, "", "", static_cast<std::int64_t>(id), 0});
}

void serverReply(Simulation& sim, std::uint64_t id) {
    auto& sockets = sim.state().dataPlane.transport.sockets;
    auto it = sockets.find(id);
    if (it == sockets.end()) return;
    TcpSocket& s = it->second;
    auto r = parseRequest(s.inbox);
    s.inbox.clear();
    if (!r) return;
    auto listener = findListener(sim, s.ns, s.localPort);
    if (!listener) {  // the container stopped meanwhile
        tcpAbort(sim, id);
        return;
    }
    const Container* c = containerOf(sim, s, listener->container);
    if (!c) return;
    const std::string body = listener->app == "simpleservice" ? simpleservice(sim, *c, *r, s.remoteIp.str()) : nginx(sim, *r);
    ++sim.state().dataPlane.transport.served[listener->pod + " " + s.localIp.str() + ":" + std::to_string(s.localPort)];
    tcpSend(sim, id, body);
}

std::string httpDate(const Simulation& sim) {
    const std::time_t t = static_cast<std::time_t>(sim.config().startEpochSeconds + sim.now().nanos() / 1'000'000'000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

} // namespace kns::dataplane
