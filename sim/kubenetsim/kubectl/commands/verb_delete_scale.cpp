// kubectl delete and kubectl scale.
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/manifest_input.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>

namespace kns::kubectl {

namespace {

const char* kMissingResources =
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'";

std::string deletedMessage(Era era, Kind kind, const std::string& name) {
    // Even today's kubectl keeps the quoted form for deletions: pod "x" deleted.
    return messageTypeName(kind, era) + " \"" + name + "\" deleted\n";
}

} // namespace

CommandResult runDelete(Context& ctx) {
    const std::vector<std::string>& words = ctx.args.positional;
    auto sel = selectorOf(ctx);
    if (!sel) return fail(sel.error());
    const bool all = ctx.args.flag("all");
    std::vector<ResourceRef> targets;  // (kind, name) pairs to delete, all in ctx.ns

    if (ctx.args.has("filename")) {
        if (!words.empty()) return usageError(ctx, "Unexpected args: " + words[0]);
        auto objs = readManifests(ctx);
        if (!objs) return fail(objs.error());
        for (const auto& o : *objs) {
            ResourceRef ref{o.kind(), o.name()};
            if (!o.ns().empty()) ctx.ns = o.ns();
            targets.push_back(ref);
        }
    } else {
        if (words.empty()) return fail(kMissingResources);
        auto refs = resolveResourceArgs(ctx, words, sel->has_value() || all);
        if (!refs) return fail(refs.error());
        for (const auto& ref : *refs) {
            if (!ref.name.empty()) {
                if (sel->has_value()) return fail("error: name cannot be provided when a selector is specified");
                targets.push_back(ref);
                continue;
            }
            const LabelSelector* s = sel->has_value() ? &**sel : nullptr;
            for (const auto& key : listKeys(ctx, ref.kind, s)) targets.push_back({ref.kind, key.substr(key.find('/') + 1)});
        }
        if (targets.empty()) return CommandResult{{}, "No resources found\n", 0};
    }

    CommandResult result;
    Api api = ctx.api();
    for (const auto& t : targets) {
        const std::string ns = isNamespaced(t.kind) ? ctx.ns : std::string{};
        if (!objectExists(ctx, t.kind, ns, t.name)) {
            result.err += notFoundError(t.kind, t.name, ctx.era()) + "\n";
            result.status = 1;
            continue;
        }
        if (auto e = api.deleteObject(t.kind, ns, t.name, "kubectl")) {
            result.err += "Error from server (" + e->reason + "): " + e->message + "\n";
            result.status = 1;
            continue;
        }
        result.out += deletedMessage(ctx.era(), t.kind, t.name);
    }
    return result;
}

CommandResult runScale(Context& ctx) {
    const bool legacy = ctx.era() == Era::Legacy;
    const std::string countError = legacy ? "--replicas=COUNT is required, and COUNT must be greater than or equal to 0"
                                          : "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0";
    auto replicasText = ctx.args.get("replicas");
    if (!replicasText) {
        if (legacy) return usageError(ctx, countError);
        return fail("error: required flag(s) \"replicas\" not set");
    }
    const int replicas = std::stoi(*replicasText);
    if (replicas < 0) return usageError(ctx, countError);

    std::vector<ResourceRef> refs;
    if (ctx.args.has("filename")) {
        auto objs = readManifests(ctx);
        if (!objs) return fail(objs.error());
        for (const auto& o : *objs) refs.push_back({o.kind(), o.name()});
    } else {
        if (ctx.args.positional.empty()) return fail(kMissingResources);
        auto r = resolveResourceArgs(ctx, ctx.args.positional, false);
        if (!r) return fail(r.error());
        refs = *r;
    }
    // Check everything first, so that a bad target changes nothing.
    for (const auto& ref : refs) {
        if (ref.kind != Kind::ReplicationController && ref.kind != Kind::ReplicaSet && ref.kind != Kind::Deployment)
            return fail(std::string("error: no scaler has been implemented for {\"\" \"") + kindName(ref.kind) + "\"}");
        if (!objectExists(ctx, ref.kind, ctx.ns, ref.name)) return fail(notFoundError(ref.kind, ref.name, ctx.era()));
    }
    const auto current = ctx.args.get("current-replicas");
    Api api = ctx.api();
    auto replicasOf = [&](const ResourceRef& ref) {
        return visitKind(ref.kind, [&](auto tag) -> int {
            using Obj = typename decltype(tag)::type;
            if constexpr (std::is_same_v<Obj, ReplicationController> || std::is_same_v<Obj, ReplicaSet> || std::is_same_v<Obj, Deployment>)
                return api.get<Obj>(ctx.ns, ref.name)->replicas;
            return 0;
        });
    };
    if (current) {
        for (const auto& ref : refs)
            if (replicasOf(ref) != std::stoi(*current))
                return fail("error: Expected replicas to be " + *current + ", was " + std::to_string(replicasOf(ref)));
    }
    CommandResult result;
    for (const auto& ref : refs) {
        visitKind(ref.kind, [&](auto tag) {
            using Obj = typename decltype(tag)::type;
            if constexpr (std::is_same_v<Obj, ReplicationController> || std::is_same_v<Obj, ReplicaSet> || std::is_same_v<Obj, Deployment>) {
                Obj next = *api.get<Obj>(ctx.ns, ref.name);
                next.replicas = replicas;
                api.update(next, "kubectl", true);
            }
        });
        result.out += actionMessage(ctx.era(), ref.kind, ref.name, "scaled") + "\n";
    }
    return result;
}

} // namespace kns::kubectl
