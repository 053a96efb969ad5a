// kubectl rollout status|history|undo deployment/NAME, and kubectl version / cluster-info.
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>
#include <kubenetsim/controllers/rollout.hpp>

#include <algorithm>

namespace kns::kubectl {

namespace {

// kubectl's deployment status viewer: the message and whether the rollout is complete.
std::pair<std::string, bool> statusLine(const Deployment& d, Era era) {
    const std::string waiting = era == Era::Legacy ? "Waiting for rollout to finish: " : "Waiting for deployment \"" + d.meta.name + "\" rollout to finish: ";
    if (d.meta.generation > d.status.observedGeneration) return {"Waiting for deployment spec update to be observed...", false};
    if (d.status.updatedReplicas < d.replicas)
        return {waiting + std::to_string(d.status.updatedReplicas) + " out of " + std::to_string(d.replicas) + " new replicas have been updated...", false};
    if (d.status.replicas > d.status.updatedReplicas)
        return {waiting + std::to_string(d.status.replicas - d.status.updatedReplicas) + " old replicas are pending termination...", false};
    if (d.status.availableReplicas < d.status.updatedReplicas)
        return {waiting + std::to_string(d.status.availableReplicas) + " of " + std::to_string(d.status.updatedReplicas) +
                    " updated replicas are available...", false};
    return {"deployment \"" + d.meta.name + "\" successfully rolled out", true};
}

} // namespace

CommandResult runRollout(Context& ctx) {
    const auto& words = ctx.args.positional;
    if (words.empty()) return usageError(ctx, "Required subcommand not specified (status, history or undo)");
    const std::string sub = words[0];
    if (sub != "status" && sub != "history" && sub != "undo") {
        if (ctx.era() == Era::Legacy) return fail("Error: unknown command \"" + sub + "\" for \"kubectl rollout\"\nRun 'kubectl rollout --help' for usage.");
        return fail("error: unknown command \"" + sub + "\" for \"kubectl rollout\"\nSee 'kubectl rollout -h' for help and examples");
    }
    std::vector<std::string> rest(words.begin() + 1, words.end());
    if (rest.empty())
        return fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n"
                    "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    auto refs = resolveResourceArgs(ctx, rest, false);
    if (!refs) return fail(refs.error());
    const ResourceRef ref = refs->front();
    if (ref.kind != Kind::Deployment) {
        const std::string what = sub == "status" ? "status viewer" : sub == "history" ? "history viewer" : "rollbacker";
        return fail(std::string("error: no ") + what + " has been implemented for {\"\" \"" + kindName(ref.kind) + "\"}");
    }
    Api api = ctx.api();
    const Deployment* d = api.get<Deployment>(ctx.ns, ref.name);
    if (!d) return fail(notFoundError(Kind::Deployment, ref.name, ctx.era()));

    if (sub == "status") {
        // Blocks like kubectl does, here by running the simulation until the rollout completes
        // (or 10 simulated minutes pass), printing each new state once.
        CommandResult result;
        std::string last;
        const SimTime deadline = ctx.sim.now() + SimTime::minutes(10);
        while (true) {
            const Deployment* cur = api.get<Deployment>(ctx.ns, ref.name);
            if (!cur) return fail(notFoundError(Kind::Deployment, ref.name, ctx.era()));
            auto [line, done] = statusLine(*cur, ctx.era());
            if (line != last) result.out += line + "\n";
            last = line;
            if (done) return result;
            if (ctx.sim.now() >= deadline) {
                result.err = "error: timed out waiting for the condition\n";
                result.status = 1;
                return result;
            }
            ctx.sim.runFor(SimTime::ms(100));
        }
    }

    const std::string key = objectKey(Kind::Deployment, ctx.ns, ref.name);
    if (sub == "history") {
        auto history = rolloutHistory(ctx.sim, key);
        if (!history) return fail(serverError(ctx, history.error()));
        std::string out = ctx.era() == Era::Legacy ? "deployments \"" + d->meta.name + "\"\n" : "deployment.apps/" + d->meta.name + " \n";
        if (history->empty()) return ok(out + "No rollout history found.\n");
        if (ctx.era() == Era::Legacy) {
            // kubectl 1.5 wrote this table with literal tabs.
            out += "REVISION\tCHANGE-CAUSE\n";
            for (const auto& r : *history) out += std::to_string(r.revision) + "\t\t" + (r.changeCause.empty() ? "<none>" : r.changeCause) + "\n";
        } else {
            out += "REVISION  CHANGE-CAUSE\n";
            for (const auto& r : *history) {
                std::string first = std::to_string(r.revision);
                first.resize(std::max<std::size_t>(first.size() + 2, 10), ' ');
                out += first + (r.changeCause.empty() ? "<none>" : r.changeCause) + "\n";
            }
        }
        return ok(out + "\n");
    }

    // undo: the deployment controller's rollback (controllers/rollout.hpp) points the Deployment
    // back at the chosen revision's template.
    int target = 0;
    if (auto to = ctx.args.get("to-revision")) target = std::stoi(*to);
    auto rolled = rollbackDeployment(ctx.sim, key, target);
    if (!rolled) {
        if (rolled.error().reason == "NotFound") return fail(notFoundError(Kind::Deployment, ref.name, ctx.era()));
        return fail("error: " + rolled.error().message);
    }
    if (rolled->skipped && ctx.era() == Era::Modern)
        return ok(actionMessage(ctx.era(), Kind::Deployment, d->meta.name, "skipped rollback (current template already matches revision " +
                                                                                std::to_string(rolled->revision) + ")") + "\n");
    return ok(actionMessage(ctx.era(), Kind::Deployment, d->meta.name, "rolled back") + "\n");
}

CommandResult runVersion(Context& ctx) {
    const std::string v = ctx.sim.config().kubernetesVersion.empty() ? "v1.30.0" : ctx.sim.config().kubernetesVersion;
    if (ctx.era() == Era::Legacy) {
        // "v1.5.2+43a9be4" -> Major "1", Minor "5".
        const auto dot1 = v.find('.'), dot2 = v.find('.', dot1 + 1);
        const std::string major = v.substr(1, dot1 - 1), minor = v.substr(dot1 + 1, dot2 - dot1 - 1);
        const std::string info = "version.Info{Major:\"" + major + "\", Minor:\"" + minor + "\", GitVersion:\"" + v +
                                 "\", GitTreeState:\"clean\", GoVersion:\"go1.7.4\", Compiler:\"gc\", Platform:\"linux/amd64\"}";
        if (ctx.args.flag("short")) return ok("Client Version: " + v + "\nServer Version: " + v + "\n");
        return ok("Client Version: " + info + "\nServer Version: " + info + "\n");
    }
    std::string out = "Client Version: " + v + "\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n";
    if (!ctx.args.flag("client")) out += "Server Version: " + v + "\n";
    return ok(out);
}

CommandResult runClusterInfo(Context& ctx) {
    const auto& nodes = ctx.sim.config().nodes;
    std::string address = "127.0.0.1";
    for (const auto& n : nodes)
        if (!n.internalIP.empty()) {
            address = n.internalIP;
            break;
        }
    const std::string tail = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    if (ctx.era() == Era::Legacy) return ok("Kubernetes master is running at https://" + address + ":8443\n" + tail);
    std::string out = "Kubernetes control plane is running at https://" + address + ":6443\n";
    if (!ctx.sim.config().dnsIP.empty())
        out += "CoreDNS is running at https://" + address + ":6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n";
    return ok(out + tail);
}

} // namespace kns::kubectl
