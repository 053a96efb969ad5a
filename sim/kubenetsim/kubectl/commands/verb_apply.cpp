// kubectl apply -f / create -f: every document of every source, all or nothing.
#include <kubenetsim/kubectl/commands/apply_objects.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>
#include <kubenetsim/manifest/encode.hpp>

namespace kns::kubectl {

namespace {

const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// What kubectl stores in the last-applied annotation: the object as the user wrote it (here: as
// the encoder renders the decoded object, without status and server-owned metadata), compact
// JSON. Applying the same manifest again gives the same text, which is how "unchanged" is told
// from "configured". Deliberate simplification: kubectl computes a three-way patch from this,
// the new manifest and the live object; here a different text replaces the spec wholesale.
std::string lastAppliedConfiguration(const Simulation& sim, const AnyObject& any) {
    nlohmann::ordered_json j = toJson(sim, any);
    j.erase("status");
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const char* field : {"annotations", "labels", "name", "namespace"})
        if (j["metadata"].contains(field)) meta[field] = j["metadata"][field];
    if (meta.contains("annotations")) {
        meta["annotations"].erase(kLastApplied);
        if (meta["annotations"].empty()) meta.erase("annotations");
    }
    j["metadata"] = meta;
    return j.dump() + "\n";
}

// The live object updated from the manifest: spec fields replaced, server-owned fields kept
// (uid, status, the allocated ClusterIP and NodePorts).
template <class Obj> Obj merged(const Obj& live, const Obj& wanted) {
    Obj next = wanted;
    next.meta.uid = live.meta.uid;
    next.meta.creationTimestamp = live.meta.creationTimestamp;
    next.meta.ownerReferences = live.meta.ownerReferences;
    Labels annotations = live.meta.annotations;
    for (const auto& [k, v] : wanted.meta.annotations) annotations[k] = v;
    next.meta.annotations = annotations;
    if constexpr (std::is_same_v<Obj, Pod>) {
        Pod p = live;  // a pod's spec is immutable but for images; labels and annotations may change
        p.meta = next.meta;
        for (std::size_t i = 0; i < p.spec.containers.size() && i < wanted.spec.containers.size(); ++i)
            p.spec.containers[i].image = wanted.spec.containers[i].image;
        return p;
    } else {
        if constexpr (requires { next.status; }) next.status = live.status;
        if constexpr (std::is_same_v<Obj, Service>) {
            if (next.clusterIP.empty()) next.clusterIP = live.clusterIP;
            for (auto& p : next.ports)
                for (const auto& old : live.ports)
                    if (p.nodePort == 0 && old.port == p.port && old.protocol == p.protocol) p.nodePort = old.nodePort;
        }
        return next;
    }
}

std::string failureText(const ApiError& e, const InputObject& obj, bool creating) {
    if (e.reason == "Invalid") return "The " + e.message;
    return "Error from server (" + e.reason + "): error when " + std::string(creating ? "creating" : "applying patch to") + " \"" + obj.source +
           "\": " + e.message;
}

} // namespace

CommandResult applyObjects(Context& ctx, std::vector<InputObject> objects, bool createOnly) {
    const Simulation::Snapshot before = ctx.sim.snapshot();
    Api api = ctx.api();
    CommandResult result;
    for (auto& obj : objects) {
        if (isNamespaced(obj.kind()) && obj.meta().ns.empty()) obj.meta().ns = ctx.ns;
        const std::string canonical = lastAppliedConfiguration(ctx.sim, obj.object);
        std::optional<std::string> error;
        std::string verb;
        std::visit(
            [&](auto& wanted) {
                using Obj = std::decay_t<decltype(wanted)>;
                const Obj* live = api.get<Obj>(wanted.meta.ns, wanted.meta.name);
                if (createOnly || !live) {
                    if (!createOnly) wanted.meta.annotations[kLastApplied] = canonical;
                    auto r = api.create(wanted, "kubectl");
                    if (!r) error = failureText(r.error(), obj, true);
                    verb = "created";
                    return;
                }
                auto it = live->meta.annotations.find(kLastApplied);
                if (it != live->meta.annotations.end() && it->second == canonical) {
                    // kubectl 1.5 printed "configured" even when the patch was empty.
                    verb = ctx.era() == Era::Legacy ? "configured" : "unchanged";
                    return;
                }
                wanted.meta.annotations[kLastApplied] = canonical;
                if (auto e = api.update(merged(*live, wanted), "kubectl", true)) error = failureText(*e, obj, false);
                verb = "configured";
            },
            obj.object);
        if (error) {
            ctx.sim.restore(before);  // all or nothing: undo the documents applied so far
            return fail(*error);
        }
        result.out += actionMessage(ctx.era(), obj.kind(), obj.name(), verb) + "\n";
    }
    return result;
}

CommandResult runApply(Context& ctx) {
    if (!ctx.args.has("filename")) {
        if (ctx.verb == "create" && !ctx.args.positional.empty())
            return fail("error: unknown command \"" + ctx.args.positional[0] + "\" for \"kubectl create\"");
        if (ctx.era() == Era::Legacy) return usageError(ctx, "Must specify --filename to " + ctx.verb);
        return fail("error: must specify one of -f and -k");
    }
    if (!ctx.args.positional.empty()) return usageError(ctx, "Unexpected args: [" + ctx.args.positional[0] + "]");
    std::string warnings;
    auto objects = readManifests(ctx, &warnings);
    if (!objects) return fail(objects.error());
    CommandResult r = applyObjects(ctx, std::move(*objects), ctx.verb == "create");
    r.err = warnings + r.err;
    return r;
}

} // namespace kns::kubectl
