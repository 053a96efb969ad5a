// kubectl expose (rc|rs|deploy|pod|svc) NAME [--port] [--target-port] [--name] [--type] ...
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>

#include <algorithm>
#include <kubenetsim/kubectl/commands/selector_parser.hpp>

namespace kns::kubectl {

namespace {

// What kubectl's expose introspects from the exposed object: its selector, its labels, and the
// ports of its pod template (or the service's own ports).
struct Exposable {
    Labels selector;
    bool selectorUsable = true;
    Labels labels;
    std::vector<ServicePort> ports;
};

std::vector<ServicePort> portsOf(const PodSpec& spec) {
    std::vector<ServicePort> out;
    for (const auto& c : spec.containers)
        for (const auto& p : c.ports) out.push_back(ServicePort{p.name, p.protocol, p.containerPort, IntOrString::ofInt(p.containerPort), 0});
    return out;
}

std::optional<Exposable> introspect(Context& ctx, Kind kind, const std::string& name) {
    Api api = ctx.api();
    Exposable e;
    switch (kind) {
    case Kind::ReplicationController: {
        const auto* o = api.get<ReplicationController>(ctx.ns, name);
        if (!o) return std::nullopt;
        e = {o->selector, true, o->meta.labels, portsOf(o->tmpl.spec)};
        break;
    }
    case Kind::ReplicaSet: {
        const auto* o = api.get<ReplicaSet>(ctx.ns, name);
        if (!o) return std::nullopt;
        e = {o->selector.matchLabels, o->selector.matchExpressions.empty(), o->meta.labels, portsOf(o->tmpl.spec)};
        break;
    }
    case Kind::Deployment: {
        const auto* o = api.get<Deployment>(ctx.ns, name);
        if (!o) return std::nullopt;
        e = {o->selector.matchLabels, o->selector.matchExpressions.empty(), o->meta.labels, portsOf(o->tmpl.spec)};
        break;
    }
    case Kind::Pod: {
        const auto* o = api.get<Pod>(ctx.ns, name);
        if (!o) return std::nullopt;
        e = {o->meta.labels, true, o->meta.labels, portsOf(o->spec)};
        break;
    }
    case Kind::Service: {
        const auto* o = api.get<Service>(ctx.ns, name);
        if (!o) return std::nullopt;
        e = {o->selector, true, o->meta.labels, o->ports};
        for (auto& p : e.ports) p.nodePort = 0;
        break;
    }
    default: return std::nullopt;
    }
    return e;
}

IntOrString parsePortValue(const std::string& text) {
    if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return IntOrString::ofInt(std::stoi(text));
    return IntOrString::ofString(text);
}

} // namespace

CommandResult runExpose(Context& ctx) {
    const auto& words = ctx.args.positional;
    if (words.empty())
        return fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n"
                    "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    auto refs = resolveResourceArgs(ctx, words, false);
    if (!refs) return fail(refs.error());
    if (refs->size() != 1) return usageError(ctx, "only one resource may be exposed at a time");
    const ResourceRef ref = refs->front();
    const Kind k = ref.kind;
    if (k != Kind::ReplicationController && k != Kind::ReplicaSet && k != Kind::Deployment && k != Kind::Pod && k != Kind::Service)
        return fail(std::string("error: cannot expose a ") + kindName(k));
    auto source = introspect(ctx, k, ref.name);
    if (!source) return fail(notFoundError(k, ref.name, ctx.era()));

    Service svc;
    svc.meta.name = ctx.args.getOr("name", ref.name);
    svc.meta.ns = ctx.ns;
    svc.meta.labels = source->labels;
    if (auto l = ctx.args.get("labels")) {
        auto parsed = parseLabelSelector(*l, ctx.era());
        if (!parsed) return fail("error: " + parsed.error());
        svc.meta.labels.clear();
        for (const auto& r : parsed->matchExpressions)
            if (!r.values.empty()) svc.meta.labels[r.key] = r.values.front();
    }
    if (auto s = ctx.args.get("selector")) {
        svc.selector.clear();
        auto parsed = parseLabelSelector(*s, ctx.era());
        if (!parsed) return fail("error: " + parsed.error());
        for (const auto& r : parsed->matchExpressions)
            if (r.op == SelectorRequirement::Op::Equals && !r.values.empty()) svc.selector[r.key] = r.values.front();
    } else {
        if (!source->selectorUsable)
            return fail(std::string("error: couldn't retrieve selectors via --selector flag or introspection: the ") +
                        (k == Kind::Deployment ? "deployment" : "replica set") + " has match expressions");
        svc.selector = source->selector;
    }
    const std::string protocol = ctx.args.getOr("protocol", "TCP");
    if (auto port = ctx.args.get("port")) {
        int p = 0;
        try { p = std::stoi(*port); } catch (...) { return fail("error: invalid port: " + *port); }
        svc.ports.push_back(ServicePort{"", protocol, p, IntOrString::ofInt(p), 0});
    } else {
        svc.ports = source->ports;
        if (svc.ports.empty()) return usageError(ctx, "couldn't find port via --port flag or introspection");
        if (svc.ports.size() > 1)
            for (std::size_t i = 0; i < svc.ports.size(); ++i)
                if (svc.ports[i].name.empty()) svc.ports[i].name = "port-" + std::to_string(i + 1);
    }
    if (auto tp = ctx.args.get("target-port")) {
        for (auto& p : svc.ports) p.targetPort = parsePortValue(*tp);
    }
    if (auto t = ctx.args.get("type")) svc.type = *t;
    if (auto ip = ctx.args.get("external-ip")) svc.externalIPs.push_back(*ip);
    if (auto ip = ctx.args.get("cluster-ip")) svc.clusterIP = *ip;
    if (auto a = ctx.args.get("session-affinity")) svc.sessionAffinity = *a;

    auto r = ctx.api().create(svc, "kubectl");
    if (!r) return fail(serverError(ctx, r.error()));
    return ok(actionMessage(ctx.era(), Kind::Service, svc.meta.name, "exposed") + "\n");
}

} // namespace kns::kubectl
