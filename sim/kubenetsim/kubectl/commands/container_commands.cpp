#include <kubenetsim/kubectl/commands/container_commands.hpp>

#include <algorithm>
#include <cctype>

#include <kubenetsim/core/simulation.hpp>

namespace kns::kubectl {

using shell::CommandResult;

const ContainerCommandFn* ContainerCommands::find(const std::string& program) const {
    auto it = m_commands.find(program);
    return it == m_commands.end() ? nullptr : &it->second;
}

std::vector<std::string> ContainerCommands::programs() const {
    std::vector<std::string> out;
    for (const auto& [name, fn] : m_commands) out.push_back(name);
    return out;
}

namespace {

std::string upperEnvName(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The environment the kubelet gives a container: PATH and HOSTNAME from the image and runtime,
// the container's own env, then the docker-links style variables of every Service of the pod's
// namespace that existed when the pod was created (the kubelet's makeEnvironmentVariables;
// a Service created later is not seen until the pod is recreated).
std::string environment(const ContainerInvocation& inv) {
    std::string out = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=" + inv.pod.meta.name + "\n";
    for (const auto& e : inv.container.env) out += e.name + "=" + e.value + "\n";
    Api api = inv.sim.api();
    for (const Service* s : api.list<Service>(inv.pod.meta.ns)) {
        if (s->meta.creationTimestamp > inv.pod.meta.creationTimestamp) continue;
        if (s->clusterIP.empty() || s->clusterIP == "None" || s->ports.empty()) continue;
        const std::string prefix = upperEnvName(s->meta.name);
        const auto& first = s->ports.front();
        out += prefix + "_SERVICE_HOST=" + s->clusterIP + "\n";
        out += prefix + "_SERVICE_PORT=" + std::to_string(first.port) + "\n";
        for (const auto& p : s->ports)
            if (!p.name.empty()) out += prefix + "_SERVICE_PORT_" + upperEnvName(p.name) + "=" + std::to_string(p.port) + "\n";
        std::string proto = first.protocol;
        std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out += prefix + "_PORT=" + proto + "://" + s->clusterIP + ":" + std::to_string(first.port) + "\n";
        for (const auto& p : s->ports) {
            std::string lp = p.protocol;
            std::transform(lp.begin(), lp.end(), lp.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            const std::string base = prefix + "_PORT_" + std::to_string(p.port) + "_" + p.protocol;
            out += base + "=" + lp + "://" + s->clusterIP + ":" + std::to_string(p.port) + "\n";
            out += base + "_PROTO=" + lp + "\n";
            out += base + "_PORT=" + std::to_string(p.port) + "\n";
            out += base + "_ADDR=" + s->clusterIP + "\n";
        }
    }
    out += "HOME=/root\n";
    return out;
}

// The cluster DNS a pod is pointed at: the configured DNS address, else (OpenShift 3.5) the
// master's DNS behind the `kubernetes` Service, which serves 53/UDP.
std::string resolvConf(const ContainerInvocation& inv) {
    std::string dns = inv.sim.config().dnsIP;
    if (dns.empty())
        if (const Service* k = inv.sim.api().get<Service>("default", "kubernetes")) dns = k->clusterIP;
    std::string out = "search " + inv.pod.meta.ns + ".svc.cluster.local svc.cluster.local cluster.local\n";
    if (!dns.empty()) out += "nameserver " + dns + "\n";
    out += "options ndots:5\n";
    return out;
}

std::string hostsFile(const ContainerInvocation& inv) {
    std::string out = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
    if (!inv.pod.status.podIP.empty()) out += inv.pod.status.podIP + "\t" + inv.pod.meta.name + "\n";
    return out;
}

const char* kRootListing = "bin\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n";

} // namespace

ContainerCommands builtinContainerCommands() {
    ContainerCommands cc;
    cc.add("env", [](ContainerInvocation& inv) { return CommandResult{environment(inv), {}, 0}; });
    cc.add("printenv", [](ContainerInvocation& inv) {
        if (inv.argv.size() < 2) return CommandResult{environment(inv), {}, 0};
        const std::string env = environment(inv);
        std::string out;
        int status = 0;
        for (std::size_t i = 1; i < inv.argv.size(); ++i) {
            const std::string key = inv.argv[i] + "=";
            auto at = env.find("\n" + key);
            if (env.rfind(key, 0) == 0) at = 0; else if (at != std::string::npos) ++at;
            if (at == std::string::npos) { status = 1; continue; }
            auto nl = env.find('\n', at);
            out += env.substr(at + key.size(), nl - at - key.size()) + "\n";
        }
        return CommandResult{out, {}, status};
    });
    cc.add("hostname", [](ContainerInvocation& inv) { return CommandResult{inv.pod.meta.name + "\n", {}, 0}; });
    cc.add("cat", [](ContainerInvocation& inv) {
        CommandResult r;
        for (std::size_t i = 1; i < inv.argv.size(); ++i) {
            const std::string& f = inv.argv[i];
            if (f == "/etc/resolv.conf") r.out += resolvConf(inv);
            else if (f == "/etc/hosts") r.out += hostsFile(inv);
            else if (f == "/etc/hostname") r.out += inv.pod.meta.name + "\n";
            else {
                r.err += "cat: " + f + ": No such file or directory\n";
                r.status = 1;
            }
        }
        return r;
    });
    cc.add("ls", [](ContainerInvocation& inv) {
        std::string dir = "/";
        for (std::size_t i = 1; i < inv.argv.size(); ++i)
            if (inv.argv[i].empty() || inv.argv[i][0] != '-') dir = inv.argv[i];
        if (dir == "/" || dir == "/.") return CommandResult{kRootListing, {}, 0};
        if (dir == "/etc") return CommandResult{"group\nhostname\nhosts\npasswd\nresolv.conf\nshadow\n", {}, 0};
        if (dir == "/tmp" || dir == "/home" || dir == "/mnt" || dir == "/srv" || dir == "/opt" || dir == "/media") return CommandResult{};
        return CommandResult{{}, "ls: cannot access '" + dir + "': No such file or directory\n", 2};
    });
    cc.add("echo", [](ContainerInvocation& inv) {
        std::string out;
        for (std::size_t i = 1; i < inv.argv.size(); ++i) out += (i > 1 ? " " : "") + inv.argv[i];
        return CommandResult{out + "\n", {}, 0};
    });
    cc.add("pwd", [](ContainerInvocation&) { return CommandResult{"/\n", {}, 0}; });
    cc.add("whoami", [](ContainerInvocation&) { return CommandResult{"root\n", {}, 0}; });
    cc.add("true", [](ContainerInvocation&) { return CommandResult{}; });
    cc.add("false", [](ContainerInvocation&) { return CommandResult{{}, {}, 1}; });
    return cc;
}

} // namespace kns::kubectl
