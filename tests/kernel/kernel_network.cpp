#include "kernel_network.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace kns::kerneltest {

namespace {

// Where `ip netns` keeps its named namespaces.
constexpr const char* kNetnsDir = "/run/netns";

// The owner pid encoded in "knsk-<pid>-...", or 0.
pid_t ownerOf(const std::string& name) {
    const std::string prefix = kNamespacePrefix;
    if (name.rfind(prefix, 0) != 0) return 0;
    const auto dash = name.find('-', prefix.size());
    if (dash == std::string::npos) return 0;
    try {
        return static_cast<pid_t>(std::stol(name.substr(prefix.size(), dash - prefix.size())));
    } catch (...) {
        return 0;
    }
}

bool alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Kills what still runs in a namespace we made, then deletes the namespace.
void destroyNamespace(const std::string& name) {
    const HostResult pids = runHost({"ip", "netns", "pids", name});
    std::istringstream in(pids.out);
    for (std::string p; in >> p;) {
        try {
            ::kill(static_cast<pid_t>(std::stol(p)), SIGKILL);
        } catch (...) {
        }
    }
    runHost({"ip", "netns", "del", name});
}

std::string python() { return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"; }

} // namespace

std::vector<std::string> suiteNamespaces() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(kNetnsDir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(kNamespacePrefix, 0) == 0) names.push_back(name);
    }
    return names;
}

std::vector<std::string> removeStaleNamespaces() {
    std::vector<std::string> removed;
    for (const auto& name : suiteNamespaces()) {
        const pid_t owner = ownerOf(name);
        if (owner <= 0 || alive(owner)) continue;
        destroyNamespace(name);
        removed.push_back(name);
    }
    return removed;
}

KernelNetwork::KernelNetwork(const DataPlaneState& state) {
    static int generation = 0;
    const std::string prefix = std::string(kNamespacePrefix) + std::to_string(getpid()) + "-" + std::to_string(generation++);
    m_plan = planNetwork(state, prefix);
    if (!m_plan.errors.empty()) {
        m_error = m_plan.errors.front();
        m_plan.namespaces.clear();  // nothing was made
        return;
    }
    for (const auto& argv : m_plan.commands) {
        const HostResult r = runHost(argv);
        if (r.status != 0) {
            m_error = commandLine(argv) + ": exit " + std::to_string(r.status) + ": " + r.err;
            return;
        }
    }
}

KernelNetwork::~KernelNetwork() { teardown(); }

void KernelNetwork::teardown() {
    m_servers.clear();  // each stops its process
    for (const auto& k : m_plan.namespaces) destroyNamespace(k);
    m_plan.namespaces.clear();
}

HostResult KernelNetwork::exec(const std::string& simKey, std::vector<std::string> argv, const std::string& input) const {
    argv.insert(argv.begin(), {"ip", "netns", "exec", kernelName(simKey)});
    return runHost(argv, input);
}

std::string KernelNetwork::startServer(const std::string& podKey, const std::string& name, int port, const std::string& version) {
    const std::string script = std::string(KNS_SOURCE_DIR) + "/tests/kernel/simpleservice.py";
    auto server = std::make_unique<HostProcess>(std::vector<std::string>{
        "ip", "netns", "exec", kernelName(podKey), python(), script, "--name", name, "--port", std::to_string(port), "--version", version});
    const auto line = server->readLine(std::chrono::seconds(10));
    if (!line || *line != "listening") {
        std::string err = "server in " + podKey + " did not start: " + server->errorText();
        m_servers.push_back(std::move(server));
        return err;
    }
    m_servers.push_back(std::move(server));
    return {};
}

std::vector<std::string> KernelNetwork::takeServed() {
    std::vector<std::string> served;
    for (auto& s : m_servers)
        for (const auto& line : s->drainLines()) {
            std::istringstream in(line);
            std::string word, who;
            if (in >> word >> who && word == "served") served.push_back(who);
        }
    return served;
}

} // namespace kns::kerneltest
