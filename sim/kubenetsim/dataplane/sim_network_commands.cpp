#include <kubenetsim/dataplane/sim_network_commands.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/dataplane/kube_proxy.hpp>
#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/sim_command.hpp>

namespace kns::dataplane {

namespace {

using shell::CommandResult;
using shell::Invocation;

CommandResult ok(std::string out) { return CommandResult{std::move(out), "", 0}; }
CommandResult failure(std::string err) { return CommandResult{"", "sim: " + std::move(err) + "\n", 1}; }

// The node's namespace, or nullptr with `err` set.
net::NetNamespace* nodeNamespace(Simulation& sim, const std::string& node, CommandResult& err) {
    net::NetNamespace* ns = findNodeNamespace(sim, node);
    if (!ns) err = failure("node \"" + node + "\" not found");
    return ns;
}

bool parseOnOff(const std::string& word, bool& on) {
    if (word != "on" && word != "off") return false;
    on = word == "on";
    return true;
}

CommandResult bridgeNf(Invocation& inv) {
    bool on = false;
    if (inv.argv.size() != 4 || !parseOnOff(inv.argv[2], on)) return shell::usageError(inv, "expected `sim bridge-nf on|off NODE'");
    CommandResult err;
    net::NetNamespace* ns = nodeNamespace(inv.shell.sim(), inv.argv[3], err);
    if (!ns) return err;
    ns->bridgeNfCallIptables = on;
    return ok("node \"" + inv.argv[3] + "\": net.bridge.bridge-nf-call-iptables = " + (on ? "1" : "0") +
              (on ? " (bridged packets go through iptables)\n" : " (bridged packets bypass iptables and conntrack)\n"));
}

CommandResult hairpin(Invocation& inv) {
    bool on = false;
    if (inv.argv.size() != 4 || !parseOnOff(inv.argv[2], on)) return shell::usageError(inv, "expected `sim hairpin on|off NODE'");
    CommandResult err;
    net::NetNamespace* ns = nodeNamespace(inv.shell.sim(), inv.argv[3], err);
    if (!ns) return err;
    bool hasBridge = false;
    for (const auto& i : ns->interfaces) hasBridge = hasBridge || i.kind == "bridge";
    if (!hasBridge)
        return failure("node \"" + inv.argv[3] + "\" has no bridge: hairpin mode is a bridge port setting, and this node routes its pods over point-to-point veths");
    // The existing ports now, and the ports of pods attached later (the kubelet's setting).
    ns->hairpinNewPorts = on;
    int ports = 0;
    for (auto& i : ns->interfaces)
        if (!i.master.empty()) {
            i.hairpin = on;
            ++ports;
        }
    return ok("node \"" + inv.argv[3] + "\": hairpin mode " + (on ? "on" : "off") + " on " + std::to_string(ports) + " bridge port" +
              (ports == 1 ? "" : "s") + " and on the ports of pods started from now on\n");
}

CommandResult proxyEra(Invocation& inv) {
    if (inv.argv.size() != 3 || (inv.argv[2] != "legacy" && inv.argv[2] != "modern"))
        return shell::usageError(inv, "expected `sim proxy-era legacy' or `sim proxy-era modern'");
    Simulation& sim = inv.shell.sim();
    sim.state().dataPlane.proxyEra = inv.argv[2] == "legacy" ? Era::Legacy : Era::Modern;
    for (const auto& n : sim.config().nodes) resyncKubeProxy(sim, n.name);
    return ok("kube-proxy writes " + inv.argv[2] + "-era rules from its next sync (requested on " + std::to_string(sim.config().nodes.size()) +
              " node" + (sim.config().nodes.size() == 1 ? "" : "s") + ")\n");
}

// A time for people: "30.005s", "5.366ms" (a modelled restore time is exact to the nanosecond).
std::string shown(SimTime t) {
    char buf[32];
    if (t >= SimTime::s(1)) std::snprintf(buf, sizeof buf, "%.3fs", t.toSeconds());
    else std::snprintf(buf, sizeof buf, "%.3fms", t.toSeconds() * 1e3);
    return buf;
}

// kube-proxy's sync state on a node (the shell's node by default): its era and periods, and the
// last sync, with the modelled iptables-restore time that delayed its rules.
CommandResult proxyStatus(Invocation& inv) {
    if (inv.argv.size() > 3) return shell::usageError(inv, "expected `sim proxy [NODE]'");
    Simulation& sim = inv.shell.sim();
    const std::string node = inv.argv.size() == 3 ? inv.argv[2] : shell::hostNode(inv);
    CommandResult err;
    if (!nodeNamespace(sim, node, err)) return err;
    const auto& proxies = sim.state().dataPlane.proxies;
    auto it = proxies.find(node);
    if (it == proxies.end()) return failure("node \"" + node + "\" runs no kube-proxy");
    const KubeProxyState& st = it->second;
    const Era era = kubeProxyEra(sim);
    const ProxyConfig& pc = sim.config().proxy;
    std::string out = "kube-proxy on node \"" + node + "\": " + (era == Era::Legacy ? "legacy" : "modern") + " era, minSyncPeriod " +
                      pc.minSyncPeriod.str() + ", syncPeriod " + pc.syncPeriod.str() + "\n";
    out += "syncs: " + std::to_string(st.syncs) + "\n";
    if (st.syncs > 0 || st.syncing) {
        out += std::string(st.syncing ? "running sync" : "last sync") + ": started at " + shown(st.lastSyncStart) + ", iptables-restore of " +
               std::to_string(st.lastSyncLines) + " lines, modelled duration " + shown(st.lastSyncDuration);
        if (st.syncing) out += ", rules appear at " + shown(st.lastSyncStart + st.lastSyncDuration) + "\n";
        else out += ", " + std::to_string(st.lastRuleCount) + " rules after it\n";
    }
    if (!st.syncing && sim.kernel().isPending(st.pendingSync)) out += "next sync: waiting for minSyncPeriod\n";
    return ok(out);
}

// "0.05" or "5%".
bool parseLoss(const std::string& text, double& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str()) return false;
    std::string rest(end);
    if (rest == "%") v /= 100.0;
    else if (!rest.empty()) return false;
    if (!std::isfinite(v) || v < 0.0 || v > 1.0) return false;
    out = v;
    return true;
}

// A bare number is milliseconds (what `sim link NODE latency 5` means); else a duration like 250us.
bool parseLatency(const std::string& text, SimTime& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0') {
        if (!std::isfinite(v) || v < 0) return false;
        out = SimTime::fromSeconds(v / 1000.0);
        return true;
    }
    return SimTime::parse(text, out);
}

// tc's rate units: bit, kbit, mbit, gbit (and bps = bytes per second); a bare number is bit/s;
// 0 or "unlimited" removes the limit.
bool parseBandwidth(const std::string& text, std::uint64_t& out) {
    if (text == "unlimited") {
        out = 0;
        return true;
    }
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(v) || v < 0) return false;
    std::string unit(end);
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double scale;
    if (unit.empty() || unit == "bit") scale = 1;
    else if (unit == "kbit") scale = 1e3;
    else if (unit == "mbit") scale = 1e6;
    else if (unit == "gbit") scale = 1e9;
    else if (unit == "bps") scale = 8;
    else return false;
    out = static_cast<std::uint64_t>(std::llround(v * scale));
    return true;
}

std::string bandwidthText(std::uint64_t bps) {
    if (bps == 0) return "unlimited";
    char buf[32];
    if (bps % 1'000'000'000 == 0) std::snprintf(buf, sizeof buf, "%lluGbit/s", static_cast<unsigned long long>(bps / 1'000'000'000));
    else if (bps % 1'000'000 == 0) std::snprintf(buf, sizeof buf, "%lluMbit/s", static_cast<unsigned long long>(bps / 1'000'000));
    else if (bps % 1'000 == 0) std::snprintf(buf, sizeof buf, "%llukbit/s", static_cast<unsigned long long>(bps / 1'000));
    else std::snprintf(buf, sizeof buf, "%llubit/s", static_cast<unsigned long long>(bps));
    return buf;
}

std::string linkText(const std::string& node, const LinkSettings& l) {
    char loss[32];
    std::snprintf(loss, sizeof loss, "%g%%", l.loss * 100.0);
    return "link of node \"" + node + "\": latency " + l.latency.str() + ", bandwidth " + bandwidthText(l.bandwidthBitsPerSecond) + ", loss " + loss + "\n";
}

CommandResult link(Invocation& inv) {
    const char* expected = "expected `sim link NODE [loss P | latency MS | bandwidth RATE]'";
    if (inv.argv.size() != 3 && inv.argv.size() != 5) return shell::usageError(inv, expected);
    Simulation& sim = inv.shell.sim();
    const std::string& node = inv.argv[2];
    CommandResult err;
    if (!nodeNamespace(sim, node, err)) return err;
    LinkSettings l = linkSettings(sim.state().dataPlane, node);
    if (inv.argv.size() == 3) return ok(linkText(node, l));
    const std::string& what = inv.argv[3];
    const std::string& value = inv.argv[4];
    if (what == "loss") {
        if (!parseLoss(value, l.loss)) return failure("link loss: \"" + value + "\" is not a probability between 0 and 1 (or 0% to 100%)");
    } else if (what == "latency") {
        if (!parseLatency(value, l.latency)) return failure("link latency: \"" + value + "\" is not a duration (milliseconds, or e.g. 250us, 2ms)");
    } else if (what == "bandwidth") {
        if (!parseBandwidth(value, l.bandwidthBitsPerSecond))
            return failure("link bandwidth: \"" + value + "\" is not a rate (e.g. 100mbit, 1gbit, 500kbit, unlimited)");
    } else {
        return shell::usageError(inv, "unknown link setting \"" + what + "\"; " + expected);
    }
    sim.state().dataPlane.links[node] = l;
    return ok(linkText(node, l));
}

} // namespace

void registerSimNetworkCommands(shell::Shell& sh) {
    shell::addSimSubcommand(sh, "bridge-nf", bridgeNf, "sim bridge-nf on|off NODE");
    shell::addSimSubcommand(sh, "hairpin", hairpin, "sim hairpin on|off NODE");
    shell::addSimSubcommand(sh, "proxy-era", proxyEra, "sim proxy-era legacy|modern");
    shell::addSimSubcommand(sh, "proxy", proxyStatus, "sim proxy [NODE]");
    shell::addSimSubcommand(sh, "link", link, "sim link NODE [loss P | latency MS | bandwidth RATE]");
}

} // namespace kns::dataplane
