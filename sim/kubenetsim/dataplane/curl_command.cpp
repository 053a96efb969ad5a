#include <kubenetsim/dataplane/curl_command.hpp>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/exchange.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/name_resolution.hpp>

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
    const std::uint64_t id = startExchange(sim, req);
    const Exchange x = runExchange(sim, id);
    const std::string where = url->host + " port " + std::to_string(url->port);
    const SimTime took = x.finished - x.started;

    CommandResult r;
    std::string verbose;
    if (o.verbose) verbose += "*   Trying " + address->str() + ":" + std::to_string(url->port) + "...\n";
    switch (x.error) {
    case Exchange::Error::None: break;
    case Exchange::Error::Refused:
    case Exchange::Error::NoRoute: {
        CommandResult f = fail(7, "Failed to connect to " + where + " after " + milliseconds(took) + " ms: Couldn't connect to server", o);
        f.err = verbose + f.err;
        return f;
    }
    case Exchange::Error::KernelTimeout:
        return fail(28, "Failed to connect to " + where + " after " + milliseconds(took) + " ms: Couldn't connect to server", o);
    case Exchange::Error::ConnectDeadline:
        return fail(28, "Failed to connect to " + where + " after " + milliseconds(took) + " ms: Timeout was reached", o);
    case Exchange::Error::ConnectTimeout:
        return fail(28, "Connection timed out after " + milliseconds(took) + " milliseconds", o);
    case Exchange::Error::TransferTimeout: {
        const auto head = x.response.find("\r\n\r\n");
        const std::size_t body = head == std::string::npos ? 0 : x.response.size() - head - 4;
        return fail(28, "Operation timed out after " + milliseconds(took) + " milliseconds with " + std::to_string(body) + " bytes received", o);
    }
    case Exchange::Error::Reset:
        return fail(56, "Recv failure: Connection reset by peer", o);
    }
    const auto head = x.response.find("\r\n\r\n");
    const std::string headers = x.response.substr(0, head + 2);
    const std::string body = x.response.substr(head + 4);
    if (o.verbose) {
        verbose += "* Connected to " + url->host + " (" + address->str() + ") port " + std::to_string(url->port) + " (#0)\n";
        verbose += crlfLines(request.substr(0, request.size() - 2), "> ") + "> \n";
        verbose += crlfLines(headers, "< ") + "< \n";
        verbose += "* Connection #0 to host " + url->host + " left intact\n";
        r.err = verbose;
    }
    if (o.include) r.out = crlfLines(headers, "") + "\n";
    r.out += body;
    return r;
}

} // namespace kns::dataplane
