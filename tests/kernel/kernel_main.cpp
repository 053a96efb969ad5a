// The kernel suite's entry point. Before any test runs it checks what the suite needs (root,
// `ip netns`, bridge netfilter, iptables, curl, python3); when something is missing it prints
// why and exits with 77, which CTest reports as "Skipped" (SKIP_RETURN_CODE). Listing the tests
// (what CTest's discovery does at build time) works anywhere.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

#include "host_process.hpp"
#include "kernel_network.hpp"

namespace {

constexpr int kSkipped = 77;

bool onPath(const std::string& program) {
    return kns::kerneltest::runHost({"sh", "-c", "command -v " + program}).status == 0;
}

// Why the suite cannot run here, or "" when it can.
std::string missingPrerequisite() {
    using kns::kerneltest::runHost;
    if (geteuid() != 0) return "it needs root (network namespaces, iptables-restore)";
    for (const char* p : {"ip", "sysctl", "iptables-restore", "iptables-save", "curl", "python3"})
        if (!onPath(p)) return std::string("`") + p + "` is not installed (scripts/test installs it)";
    if (access("/proc/sys/net/bridge", F_OK) != 0) {
        if (onPath("modprobe")) runHost({"modprobe", "br_netfilter"});
        if (access("/proc/sys/net/bridge", F_OK) != 0) return "bridge netfilter (br_netfilter) is not available in this kernel";
    }
    const std::string probe = std::string(kns::kerneltest::kNamespacePrefix) + std::to_string(getpid()) + "-probe";
    const auto added = runHost({"ip", "netns", "add", probe});
    if (added.status != 0) return "`ip netns add` fails here: " + added.err;
    const auto restored = runHost({"ip", "netns", "exec", probe, "iptables-restore"}, "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
    runHost({"ip", "netns", "del", probe});
    if (restored.status != 0) return "iptables-restore fails in a new network namespace: " + restored.err;
    return {};
}

bool onlyListing(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.find("list") != std::string::npos || a.rfind("-l", 0) == 0 || a == "-h" || a == "--help" || a == "-?" ||
            a == "-v" || a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a program that quits early must not kill the suite
    if (!onlyListing(argc, argv)) {
        const std::string why = missingPrerequisite();
        if (!why.empty()) {
            std::printf("kernel suite skipped: %s\n", why.c_str());
            return kSkipped;
        }
        for (const auto& stale : kns::kerneltest::removeStaleNamespaces())
            std::printf("removed namespace %s left by an earlier run\n", stale.c_str());
    }
    doctest::Context context(argc, argv);
    return context.run();
}
