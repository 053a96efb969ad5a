// kubectl label and kubectl run.
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>
#include <kubenetsim/kubectl/commands/selector_parser.hpp>

namespace kns::kubectl {

std::string serverError(const Context& ctx, const ApiError& e) {
    std::string message = e.message;
    if (ctx.era() == Era::Legacy) {
        // kubectl 1.5 served Deployments and ReplicaSets from the extensions group.
        for (const char* kind : {"deployments", "replicasets"}) {
            const std::string from = std::string(kind) + ".apps", to = std::string(kind) + ".extensions";
            if (auto at = message.find(from); at != std::string::npos) message.replace(at, from.size(), to);
        }
    }
    if (e.reason == "Invalid") return "The " + message;
    return "Error from server (" + e.reason + "): " + message;
}

CommandResult runLabel(Context& ctx) {
    // Words with '=' or a trailing '-' are label changes; the others name the resources.
    std::vector<std::string> resourceWords;
    std::vector<std::pair<std::string, std::string>> sets;
    std::vector<std::string> removals;
    for (const auto& w : ctx.args.positional) {
        if (auto eq = w.find('='); eq != std::string::npos) {
            sets.push_back({w.substr(0, eq), w.substr(eq + 1)});
        } else if (w.size() > 1 && w.back() == '-') {
            removals.push_back(w.substr(0, w.size() - 1));
        } else {
            resourceWords.push_back(w);
        }
    }
    auto sel = selectorOf(ctx);
    if (!sel) return fail(sel.error());
    if (resourceWords.empty())
        return fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n"
                    "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    if (sets.empty() && removals.empty()) return usageError(ctx, "at least one label update is required");
    for (const auto& [k, v] : sets) {
        if (std::string why = labelKeyError(k); !why.empty()) return fail("error: invalid label spec: " + k + "=" + v);
        if (std::string why = labelValueError(v); !why.empty()) return fail("error: invalid label spec: " + k + "=" + v);
        for (const auto& r : removals)
            if (r == k) return fail("error: can not both modify and remove a label in the same command");
    }
    auto refs = resolveResourceArgs(ctx, resourceWords, sel->has_value() || ctx.args.flag("all"));
    if (!refs) return fail(refs.error());
    std::vector<ResourceRef> targets;
    for (const auto& ref : *refs) {
        if (!ref.name.empty()) {
            targets.push_back(ref);
            continue;
        }
        const LabelSelector* s = sel->has_value() ? &**sel : nullptr;
        for (const auto& key : listKeys(ctx, ref.kind, s)) targets.push_back({ref.kind, key.substr(key.find('/') + 1)});
    }
    // Every check before any write: a missing object or a refused overwrite changes nothing.
    Api api = ctx.api();
    for (const auto& t : targets) {
        const std::string ns = isNamespaced(t.kind) ? ctx.ns : std::string{};
        if (!objectExists(ctx, t.kind, ns, t.name)) return fail(notFoundError(t.kind, t.name, ctx.era()));
        if (ctx.args.flag("overwrite")) continue;
        std::string refusal = visitKind(t.kind, [&](auto tag) -> std::string {
            using Obj = typename decltype(tag)::type;
            const Labels& labels = api.get<Obj>(ns, t.name)->meta.labels;
            for (const auto& [k, v] : sets)
                if (auto it = labels.find(k); it != labels.end() && it->second != v)
                    return "error: '" + k + "' already has a value (" + it->second + "), and --overwrite is false";
            return {};
        });
        if (!refusal.empty()) return fail(refusal);
    }
    CommandResult result;
    for (const auto& t : targets) {
        const std::string ns = isNamespaced(t.kind) ? ctx.ns : std::string{};
        bool changed = false;
        visitKind(t.kind, [&](auto tag) {
            using Obj = typename decltype(tag)::type;
            Obj next = *api.get<Obj>(ns, t.name);
            for (const auto& [k, v] : sets) {
                changed = changed || next.meta.labels[k] != v || !api.get<Obj>(ns, t.name)->meta.labels.count(k);
                next.meta.labels[k] = v;
            }
            for (const auto& r : removals) changed = next.meta.labels.erase(r) > 0 || changed;
            if (changed) api.update(next, "kubectl");
        });
        std::string verb = "labeled";
        if (ctx.era() == Era::Modern) verb = !changed ? "not labeled" : sets.empty() ? "unlabeled" : "labeled";
        result.out += actionMessage(ctx.era(), t.kind, t.name, verb) + "\n";
    }
    return result;
}

namespace {

Expected<Labels, std::string> parseLabelList(const std::string& text) {
    Labels out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto eq = item.find('=');
        if (eq == std::string::npos || !labelKeyError(item.substr(0, eq)).empty() || !labelValueError(item.substr(eq + 1)).empty())
            return "error: invalid label spec: " + item;
        out[item.substr(0, eq)] = item.substr(eq + 1);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

} // namespace

CommandResult runRun(Context& ctx) {
    const bool legacy = ctx.era() == Era::Legacy;
    if (ctx.args.positional.empty()) return usageError(ctx, "NAME is required for run");
    const std::string name = ctx.args.positional[0];
    auto image = ctx.args.get("image");
    if (!image || image->empty()) {
        if (legacy) return usageError(ctx, "--image is required");
        return fail("error: required flag(s) \"image\" not set");
    }
    if (!legacy && ctx.args.has("replicas")) return fail("error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.");
    Labels labels{{"run", name}};
    if (auto l = ctx.args.get("labels")) {
        auto parsed = parseLabelList(*l);
        if (!parsed) return fail(parsed.error());
        labels = *parsed;
    }
    Container c;
    c.name = name;
    c.image = *image;
    if (auto port = ctx.args.get("port")) {
        int p = 0;
        try { p = std::stoi(*port); } catch (...) { return fail("error: invalid argument \"" + *port + "\" for \"--port\""); }
        c.ports.push_back(ContainerPort{"", p, 0, "TCP"});
    }
    for (const auto& e : ctx.args.all("env")) {
        auto eq = e.find('=');
        if (eq == std::string::npos) return fail("error: invalid env: " + e);
        c.env.push_back(EnvVar{e.substr(0, eq), e.substr(eq + 1)});
    }
    // Command words after `--` become the container's args (kubectl run NAME --image=I -- ARGS).
    c.args = ctx.args.afterDashDash;
    if (ctx.args.positional.size() > 1) c.args.insert(c.args.begin(), ctx.args.positional.begin() + 1, ctx.args.positional.end());

    const std::string restart = ctx.args.getOr("restart", "Always");
    const bool makePod = !legacy || restart == "Never";
    Api api = ctx.api();
    CommandResult result;
    if (makePod) {
        Pod pod;
        pod.meta.name = name;
        pod.meta.ns = ctx.ns;
        pod.meta.labels = labels;
        pod.spec.containers.push_back(c);
        pod.spec.restartPolicy = restart;
        auto r = api.create(pod, "kubectl");
        if (!r) return fail(serverError(ctx, r.error()));
        result.out = actionMessage(ctx.era(), Kind::Pod, name, "created") + "\n";
    } else {
        Deployment d;
        d.meta.name = name;
        d.meta.ns = ctx.ns;
        d.meta.labels = labels;
        d.replicas = ctx.args.has("replicas") ? std::stoi(*ctx.args.get("replicas")) : 1;
        d.selector.matchLabels = labels;
        d.tmpl.meta.labels = labels;
        d.tmpl.spec.containers.push_back(c);
        // extensions/v1beta1 defaults, as kubectl 1.5's deployment/v1beta1 generator got them.
        d.strategy.maxSurge = IntOrString::ofInt(1);
        d.strategy.maxUnavailable = IntOrString::ofInt(1);
        auto r = api.create(d, "kubectl");
        if (!r) return fail(serverError(ctx, r.error()));
        result.out = actionMessage(ctx.era(), Kind::Deployment, name, "created") + "\n";
    }
    if (ctx.args.flag("expose") && !c.ports.empty()) {
        Service s;
        s.meta.name = name;
        s.meta.ns = ctx.ns;
        s.meta.labels = labels;
        s.selector = labels;
        s.ports.push_back(ServicePort{"", "TCP", c.ports[0].containerPort, IntOrString::ofInt(c.ports[0].containerPort), 0});
        auto r = api.create(s, "kubectl");
        if (!r) return fail(serverError(ctx, r.error()));
        result.out = actionMessage(ctx.era(), Kind::Service, name, "created") + "\n" + result.out;
    }
    return result;
}

} // namespace kns::kubectl
