// kubectl get: TYPE [NAME...], TYPE/NAME..., TYPE1,TYPE2, all; -l, -o, --show-labels, -n, -A.
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>

namespace kns::kubectl {

namespace {

CommandResult missingType(const Context& ctx) {
    if (ctx.era() == Era::Legacy)
        return fail("You must specify the type of resource to get. Valid resource types include: \n\n"
                    "    * deployments (aka 'deploy')\n    * endpoints (aka 'ep')\n    * namespaces (aka 'ns')\n    * nodes (aka 'no')\n"
                    "    * pods (aka 'po')\n    * replicasets (aka 'rs')\n    * replicationcontrollers (aka 'rc')\n    * services (aka 'svc')\n"
                    "error: Required resource not specified.\nSee 'kubectl get -h' for help and examples.");
    return fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n"
                "error: Required resource not specified.\n"
                "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n"
                "See 'kubectl get -h' for help and examples");
}

} // namespace

CommandResult runGet(Context& ctx) {
    if (ctx.args.flag("watch"))
        return fail("error: watching (-w) is not available in kubenetsim; run the command again after `sleep N` to see the changes");
    const std::string format = ctx.args.getOr("output", "");
    if (!format.empty() && format != "wide" && format != "yaml" && format != "json" && format != "name") {
        if (ctx.era() == Era::Legacy) return fail("error: output format \"" + format + "\" not recognized");
        return fail("error: unable to match a printer suitable for the output format \"" + format +
                    "\", allowed formats are: json,name,wide,yaml");
    }
    auto sel = selectorOf(ctx);
    if (!sel) return fail(sel.error());
    const std::vector<std::string>& words = ctx.args.positional;
    if (words.empty()) return missingType(ctx);

    // `all` expands to the workload kinds; otherwise TYPE[,TYPE] [NAME...] or TYPE/NAME....
    std::vector<ResourceRef> refs;
    bool groupedByKind = false;
    if (words[0] == "all") {
        if (words.size() > 1) return fail("error: a resource cannot be retrieved by name across all types");
        for (Kind k : getAllKinds(ctx.era())) refs.push_back({k, ""});
        groupedByKind = true;
    } else {
        auto r = resolveResourceArgs(ctx, words, true);
        if (!r) return fail(r.error());
        refs = *r;
    }
    if (sel->has_value()) {
        for (const auto& ref : refs)
            if (!ref.name.empty()) return fail("error: name cannot be provided when a selector is specified");
    }
    const LabelSelector* selector = sel->has_value() ? &**sel : nullptr;

    // Gather keys per kind, in the order the kinds first appear; names not found become errors.
    std::vector<std::pair<Kind, std::vector<std::string>>> groups;
    std::string errors;
    auto groupOf = [&](Kind k) -> std::vector<std::string>& {
        for (auto& g : groups)
            if (g.first == k) return g.second;
        groups.push_back({k, {}});
        return groups.back().second;
    };
    for (const auto& ref : refs) {
        auto& keys = groupOf(ref.kind);
        if (ref.name.empty()) {
            for (auto& k : listKeys(ctx, ref.kind, selector)) keys.push_back(k);
            continue;
        }
        const std::string ns = isNamespaced(ref.kind) ? ctx.ns : std::string{};
        if (!objectExists(ctx, ref.kind, ns, ref.name)) {
            errors += notFoundError(ref.kind, ref.name, ctx.era()) + "\n";
            continue;
        }
        keys.push_back(objectKey(ref.kind, ns, ref.name));
    }
    groupedByKind = groupedByKind || groups.size() > 1;

    CommandResult result;
    if (format == "yaml" || format == "json") {
        std::vector<std::pair<Kind, std::string>> objects;
        for (const auto& g : groups)
            for (const auto& key : g.second) objects.push_back({g.first, key});
        const bool oneNamed = refs.size() == 1 && !refs.front().name.empty();
        if (!objects.empty() || !oneNamed) result.out = renderEncoded(ctx, objects, format, !oneNamed);
    } else if (format == "name") {
        for (const auto& g : groups) result.out += renderNames(ctx, g.first, g.second);
    } else {
        TableOptions opt;
        opt.wide = format == "wide";
        opt.showLabels = ctx.args.flag("show-labels");
        opt.withNamespace = ctx.allNamespaces;
        opt.withKindPrefix = groupedByKind;
        opt.noHeaders = ctx.args.flag("no-headers");
        opt.showAll = ctx.args.flag("show-all");
        if (groupedByKind) result.out = renderGetAll(ctx, groups, opt);
        else if (!groups.empty()) result.out = renderTable(ctx, groups.front().first, groups.front().second, opt);
    }
    if (result.out.empty() && errors.empty() && format != "yaml" && format != "json")
        result.err = noResourcesMessage(ctx, groups.empty() || isNamespaced(groups.front().first));
    if (!errors.empty()) {
        result.err += errors;
        result.status = 1;
    }
    return result;
}

} // namespace kns::kubectl
