#include <kubenetsim/dataplane/curl_command.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/name_resolution.hpp>

#include <optional>

namespace kns::dataplane {

using shell::CommandResult;

namespace {

struct Options {
    bool silent = false;
    bool showError = false;
    bool verbose = false;
    bool include = false;
    double maxTime = 0;
    double connectTimeout = 0;
    std::vector<std::string> headers;
    std::string url;
};

struct Url {
    std::string host;
    std::uint16_t port = 80;
    bool explicitPort = false;
    std::string path = "/";
};

CommandResult fail(int code, const std::string& message, const Options& o) {
    CommandResult r;
    r.status = code;
    if (!o.silent || o.showError) r.err = "curl: (" + std::to_string(code) + ") " + message + "\n";
    return r;
}

std::optional<double> seconds(const std::string& text) {
    try {
        std::size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size() || v < 0) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

// Parses argv; on error returns the message curl prints and its exit code.
std::optional<std::pair<int, std::string>> parse(const std::vector<std::string>& argv, Options& o) {
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto value = [&](const std::string& opt) -> std::optional<std::string> {
            if (i + 1 >= argv.size()) return std::nullopt;
            (void)opt;
            return argv[++i];
        };
        if (a == "-m" || a == "--max-time" || a == "--connect-timeout") {
            auto v = value(a);
            if (!v) return std::pair{2, "option " + a + ": requires parameter"};
            auto s = seconds(*v);
            if (!s) return std::pair{2, "option " + a + ": expected a proper numerical parameter"};
            (a == "--connect-timeout" ? o.connectTimeout : o.maxTime) = *s;
        } else if (a == "-H" || a == "--header") {
            auto v = value(a);
            if (!v) return std::pair{2, "option " + a + ": requires parameter"};
            o.headers.push_back(*v);
        } else if (a == "--silent") {
            o.silent = true;
        } else if (a == "--show-error") {
            o.showError = true;
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--include") {
            o.include = true;
        } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
            for (std::size_t k = 1; k < a.size(); ++k) {
                switch (a[k]) {
                case 's': o.silent = true; break;
                case 'S': o.showError = true; break;
                case 'v': o.verbose = true; break;
                case 'i': o.include = true; break;
                default: return std::pair{2, std::string("option ") + a + ": is unknown"};
                }
            }
        } else if (a.rfind("--", 0) == 0) {
            return std::pair{2, "option " + a + ": is unknown"};
        } else {
            o.url = a;
        }
    }
    if (o.url.empty()) return std::pair{2, "no URL specified!"};
    return std::nullopt;
}

std::optional<Url> parseUrl(std::string text) {
    Url u;
    if (text.rfind("http://", 0) == 0) text = text.substr(7);
    else if (text.find("://") != std::string::npos) return std::nullopt;
    const auto slash = text.find('/');
    std::string authority = text.substr(0, slash);
    if (slash != std::string::npos) u.path = text.substr(slash);
    const auto colon = authority.find(':');
    u.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
        try {
            const int p = std::stoi(authority.substr(colon + 1));
            if (p <= 0 || p > 65535) return std::nullopt;
            u.port = static_cast<std::uint16_t>(p);
            u.explicitPort = true;
        } catch (...) {
            return std::nullopt;
        }
    }
    if (u.host.empty()) return std::nullopt;
    return u;
}

std::string milliseconds(SimTime d) { return std::to_string(d.nanos() / 1'000'000); }

std::string crlfLines(const std::string& text, const std::string& prefix) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find("\r\n", pos);
        if (end == std::string::npos) end = text.size();
        out += prefix + text.substr(pos, end - pos) + "\n";
        pos = end + 2;
    }
    return out;
}

// The response's header lines as -v shows them ("< " each), as far as they came: the blank
// line that ends them only once they are complete.
std::string receivedHeaderLines(const std::string& response) {
    const auto head = response.find("\r\n\r\n");
    if (head != std::string::npos) return crlfLines(response.substr(0, head + 2), "< ") + "< \n";
    const auto last = response.rfind("\r\n");
    return last == std::string::npos ? "" : crlfLines(response.substr(0, last + 2), "< ");
}

struct Target {
    std::string host;     // as the URL names it
    std::string address;  // what it resolved to
    std::uint16_t port = 80;
};

// What curl prints for an exchange's outcome. With -v (curl 7.88.1, on a terminal), stderr gets
// "*" lines for what happens, "> " lines for the request sent and "< " lines for the response
// header received; on a failure, the error message as a "*" line and "* Closing connection 0"
// before curl's own error line. The body, all or what came of it, goes to stdout.
CommandResult outcome(const Exchange& x, const Target& t, const std::string& request, const Options& o) {
    const std::string where = t.host + " port " + std::to_string(t.port);
    const std::string after = milliseconds(x.finished - x.started);
    std::string verbose = "*   Trying " + t.address + ":" + std::to_string(t.port) + "...\n";
    const bool connected = x.error == Exchange::Error::None || x.error == Exchange::Error::TransferTimeout || x.error == Exchange::Error::Reset;
    if (connected) {
        verbose += "* Connected to " + t.host + " (" + t.address + ") port " + std::to_string(t.port) + " (#0)\n";
        verbose += crlfLines(request.substr(0, request.size() - 2), "> ") + "> \n";
        verbose += receivedHeaderLines(x.response);
    }
    const auto head = x.response.find("\r\n\r\n");
    CommandResult r;
    if (head != std::string::npos) {
        if (o.include) r.out = crlfLines(x.response.substr(0, head + 2), "") + "\n";
        r.out += x.response.substr(head + 4);
    }
    int code = 0;
    std::string message;
    switch (x.error) {
    case Exchange::Error::None:
        if (o.verbose) r.err = verbose + "* Connection #0 to host " + t.host + " left intact\n";
        return r;
    case Exchange::Error::Refused:  // ECONNREFUSED: a RST, or an ICMP port unreachable
        verbose += "* connect to " + t.address + " port " + std::to_string(t.port) + " failed: Connection refused\n";
        code = 7;
        message = "Failed to connect to " + where + " after " + after + " ms: Couldn't connect to server";
        break;
    case Exchange::Error::NoRoute:  // connect() itself fails: ENETUNREACH
        verbose += "* Immediate connect fail for " + t.address + ": Network is unreachable\n";
        code = 7;
        message = "Failed to connect to " + where + " after " + after + " ms: Couldn't connect to server";
        break;
    case Exchange::Error::KernelTimeout:  // the SYN retransmissions ran out: ETIMEDOUT
        verbose += "* connect to " + t.address + " port " + std::to_string(t.port) + " failed: Connection timed out\n";
        code = 28;
        message = "Failed to connect to " + where + " after " + after + " ms: Couldn't connect to server";
        break;
    case Exchange::Error::ConnectDeadline:  // --connect-timeout: the one address's attempt gives up
        verbose += "* ipv4 connect timeout after " + milliseconds(SimTime::fromSeconds(o.connectTimeout)) + "ms, move on!\n";
        code = 28;
        message = "Failed to connect to " + where + " after " + after + " ms: Timeout was reached";
        break;
    case Exchange::Error::ConnectTimeout:
        code = 28;
        message = "Connection timed out after " + after + " milliseconds";
        break;
    case Exchange::Error::TransferTimeout: {
        if (o.maxTime <= 0 || x.finished - x.started < SimTime::fromSeconds(o.maxTime)) {
            // Not -m: the kernel gave up retransmitting the request, and recv() says so.
            code = 56;
            message = "Recv failure: Connection timed out";
            break;
        }
        const std::size_t body = head == std::string::npos ? 0 : x.response.size() - head - 4;
        const auto expected = head == std::string::npos ? std::nullopt : contentLength(x.response.substr(0, head));
        code = 28;
        message = "Operation timed out after " + after + " milliseconds with " + std::to_string(body) +
                  (expected ? " out of " + std::to_string(*expected) : "") + " bytes received";
        break;
    }
    case Exchange::Error::Reset:
        code = 56;
        message = "Recv failure: Connection reset by peer";
        break;
    }
    CommandResult f = fail(code, message, o);
    f.out = r.out;
    if (o.verbose) f.err = verbose + "* " + message + "\n* Closing connection 0\n" + f.err;
    return f;
}

} // namespace

CommandResult curl(Simulation& sim, const std::string& ns, const std::vector<std::string>& argv) {
    Options o;
    if (auto bad = parse(argv, o)) {
        CommandResult r;
        r.status = bad->first;
        r.err = "curl: " + bad->second + "\ncurl: try 'curl --help' or 'curl --manual' for more information\n";
        return r;
    }
    auto url = parseUrl(o.url);
    if (!url) return fail(3, "URL using bad/illegal format or missing URL", o);
    auto address = resolveHost(sim, ns, url->host);
    if (!address) return fail(6, "Could not resolve host: " + url->host, o);

    std::string hostHeader = url->host + (url->explicitPort && url->port != 80 ? ":" + std::to_string(url->port) : "");
    std::string request = "GET " + url->path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n";
    for (const auto& h : o.headers) request += h + "\r\n";
    request += "\r\n";

    ExchangeRequest req{ns, *address, url->port, request, SimTime::fromSeconds(o.maxTime), SimTime::fromSeconds(o.connectTimeout)};
    // kubectl port-forward: the connection is made inside the pod, to its loopback.
    const auto& forwards = sim.state().dataPlane.transport.portForwards;
    if (auto f = forwards.find({ns, url->port}); f != forwards.end() && address->str() == "127.0.0.1" &&
                                                   sim.state().dataPlane.namespaces.count(podNamespaceKey(f->second.first))) {
        req.ns = podNamespaceKey(f->second.first);
        req.port = f->second.second;
    }
    const std::uint64_t id = startExchange(sim, req);
    const Exchange x = runExchange(sim, id);
    return outcome(x, Target{url->host, address->str(), url->port}, request, o);
}

} // namespace kns::dataplane
