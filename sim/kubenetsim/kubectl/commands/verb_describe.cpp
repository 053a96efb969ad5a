// kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME | TYPE -l SELECTOR.
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>

#include <algorithm>

namespace kns::kubectl {

CommandResult runDescribe(Context& ctx) {
    const auto& words = ctx.args.positional;
    if (words.empty()) {
        if (ctx.era() == Era::Legacy)
            return fail("You must specify the type of resource to describe. Valid resource types include: \n\n"
                        "    * deployments (aka 'deploy')\n    * endpoints (aka 'ep')\n    * namespaces (aka 'ns')\n    * nodes (aka 'no')\n"
                        "    * pods (aka 'po')\n    * replicasets (aka 'rs')\n    * replicationcontrollers (aka 'rc')\n    * services (aka 'svc')\n"
                        "error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples.");
        return fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n"
                    "error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
    }
    auto sel = selectorOf(ctx);
    if (!sel) return fail(sel.error());
    auto refs = resolveResourceArgs(ctx, words, true);
    if (!refs) return fail(refs.error());
    const LabelSelector* selector = sel->has_value() ? &**sel : nullptr;

    // An exact name wins; otherwise every object whose name starts with the word (kubectl's
    // describe matches name prefixes, so `describe pod rcsise` shows all of the RC's pods).
    std::vector<std::pair<Kind, std::string>> found;
    std::string errors;
    for (const auto& ref : *refs) {
        const std::vector<std::string> keys = listKeys(ctx, ref.kind, selector);
        if (ref.name.empty()) {
            for (const auto& k : keys) found.push_back({ref.kind, k});
            continue;
        }
        const std::string ns = scopeNamespace(ctx, ref.kind);
        const std::string exact = objectKey(ref.kind, ctx.ns, ref.name);
        if (std::find(keys.begin(), keys.end(), exact) != keys.end()) {
            found.push_back({ref.kind, exact});
            continue;
        }
        bool any = false;
        for (const auto& k : keys) {
            const std::string name = k.substr(k.find('/') == std::string::npos ? 0 : k.find('/') + 1);
            if (name.rfind(ref.name, 0) == 0) {
                found.push_back({ref.kind, k});
                any = true;
            }
        }
        if (!any) errors += notFoundError(ref.kind, ref.name, ctx.era()) + "\n";
        (void)ns;
    }
    CommandResult result;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (i > 0) result.out += "\n\n";  // as printers::describeAll separates descriptions
        result.out += renderDescribe(ctx, found[i].first, found[i].second);
    }
    if (found.empty() && errors.empty()) result.err = "No resources found.\n";
    if (!errors.empty()) {
        result.err += errors;
        result.status = 1;
    }
    return result;
}

} // namespace kns::kubectl
