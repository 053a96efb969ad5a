// kubectl port-forward: local ports on the shell's node that lead into a pod. The real command
// stays in the foreground; here it returns at once and the forward stays on (as if started with
// `&`) until the pod is gone. A connection to 127.0.0.1:LOCAL on the node is made inside the pod
// to 127.0.0.1:REMOTE, as the kubelet's port forwarding does, so the pod sees it from 127.0.0.1.
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/resource_types.hpp>

namespace kns::kubectl {

CommandResult runPortForward(Context& ctx) {
    const auto& words = ctx.args.positional;
    if (words.size() < 2) return usageError(ctx, "TYPE/NAME and list of ports are required for port-forward");
    std::string podName = words[0];
    if (auto slash = podName.find('/'); slash != std::string::npos) {
        auto kind = resolveResourceType(podName.substr(0, slash), ctx.era());
        if (!kind) return fail(unknownTypeError(podName.substr(0, slash)));
        if (*kind != Kind::Pod) return fail("error: port-forward here supports pods only, not " + podName.substr(0, slash));
        podName = podName.substr(slash + 1);
    }
    const Pod* pod = ctx.api().get<Pod>(ctx.ns, podName);
    if (!pod) return fail(notFoundError(Kind::Pod, podName, ctx.era()));
    if (pod->status.phase != "Running") return fail("error: unable to forward port because pod is not running. Current status=" + pod->status.phase);
    std::vector<std::pair<int, int>> ports;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& spec = words[i];
        const auto colon = spec.find(':');
        try {
            const int remote = std::stoi(colon == std::string::npos ? spec : spec.substr(colon + 1));
            const int local = colon == std::string::npos ? remote : std::stoi(spec.substr(0, colon));
            if (remote <= 0 || remote > 65535 || local <= 0 || local > 65535) throw std::out_of_range(spec);
            ports.emplace_back(local, remote);
        } catch (...) {
            return fail("error: Error parsing local port '" + spec + "': should be between 0 and 65535");
        }
    }
    CommandResult r;
    auto& forwards = ctx.sim.state().dataPlane.transport.portForwards;
    const std::string node = nodeNamespaceKey(ctx.sim.config().shellNode);
    for (const auto& [local, remote] : ports) {
        forwards[{node, static_cast<std::uint16_t>(local)}] = {pod->meta.ns + "/" + pod->meta.name, static_cast<std::uint16_t>(remote)};
        r.out += "Forwarding from 127.0.0.1:" + std::to_string(local) + " -> " + std::to_string(remote) + "\n";
        r.out += "Forwarding from [::1]:" + std::to_string(local) + " -> " + std::to_string(remote) + "\n";
    }
    return r;
}

} // namespace kns::kubectl
