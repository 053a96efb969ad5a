#include <ui/model/inspector.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>
#include <kubenetsim/dataplane/ip_command.hpp>
#include <kubenetsim/kubectl/printers/describe.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::ui {

namespace {

// "default/rcsise-6nq3k" -> "rcsise-6nq3k"; another namespace adds " -n NS" as kubectl needs it.
std::string nameAndNamespace(const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return key;
    const std::string ns = key.substr(0, slash);
    return key.substr(slash + 1) + (ns == "default" ? "" : " -n " + ns);
}

void addDescribe(const Simulation& sim, Kind kind, const char* resource, const std::string& key, std::vector<InspectorSection>& out) {
    auto text = printers::describe(sim, kind, key);
    if (!text) return;
    // As the console shows it: the shell ends every output with a newline (legacy describe may not).
    out.push_back({std::string("kubectl describe ") + resource + " " + nameAndNamespace(key), shell::withFinalNewline(std::move(*text))});
}

void addIp(const Simulation& sim, const std::string& nsKey, const std::string& prefix, const char* what,
           std::vector<InspectorSection>& out) {
    const auto result = dataplane::ipCommand(sim, nsKey, {"ip", what});
    if (result.status != 0) return;
    out.push_back({prefix + "ip " + what, result.out});
}

} // namespace

std::vector<InspectorSection> inspect(const Simulation& sim, const std::string& kind, const std::string& key) {
    std::vector<InspectorSection> out;
    if (kind == "pod") {
        addDescribe(sim, Kind::Pod, "pod", key, out);
        if (!out.empty()) addIp(sim, podNamespaceKey(key), "kubectl exec " + nameAndNamespace(key) + " -- ", "addr", out);
    } else if (kind == "service") {
        addDescribe(sim, Kind::Service, "svc", key, out);
    } else if (kind == "node") {
        addDescribe(sim, Kind::Node, "node", key, out);
        if (!out.empty()) {
            addIp(sim, nodeNamespaceKey(key), "", "addr", out);
            addIp(sim, nodeNamespaceKey(key), "", "route", out);
        }
    }
    return out;
}

} // namespace kns::ui
