#include <kubenetsim/kubectl/commands/output.hpp>

#include <algorithm>

namespace kns::kubectl {

// Fallback renderings: kept deliberately plain (the columns kubectl shows first) until the
// printers and manifest encoders are wired in here.

namespace {

std::string joinLabels(const Labels& labels) {
    if (labels.empty()) return "<none>";
    std::string out;
    for (const auto& [k, v] : labels) out += (out.empty() ? "" : ",") + k + "=" + v;
    return out;
}

std::string age(Context& ctx, const ObjectMeta& m) { return formatAge(ctx.sim.now() - m.creationTimestamp, ctx.era()); }

std::string podStatus(const Pod& p) {
    if (p.meta.deletionTimestamp) return "Terminating";
    for (const auto& c : p.status.containerStatuses)
        if (!c.reason.empty() && c.state != "running") return c.reason;
    return p.status.phase;
}

std::vector<std::string> header(Kind kind, Era era, bool wide) {
    const bool legacy = era == Era::Legacy;
    switch (kind) {
    case Kind::Pod:
        if (wide) return {"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"};
        return {"NAME", "READY", "STATUS", "RESTARTS", "AGE"};
    case Kind::ReplicationController:
    case Kind::ReplicaSet: return {"NAME", "DESIRED", "CURRENT", "READY", "AGE"};
    case Kind::Deployment:
        if (legacy) return {"NAME", "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "AGE"};
        return {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"};
    case Kind::Service:
        if (legacy) return {"NAME", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
        return {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
    case Kind::Endpoints: return {"NAME", "ENDPOINTS", "AGE"};
    case Kind::Node:
        if (legacy) return {"NAME", "STATUS", "AGE"};
        return {"NAME", "STATUS", "ROLES", "AGE", "VERSION"};
    case Kind::Namespace: return {"NAME", "STATUS", "AGE"};
    case Kind::EndpointSlice: return {"NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"};
    }
    return {"NAME"};
}

std::string servicePorts(const Service& s) {
    std::string out;
    for (const auto& p : s.ports) {
        out += (out.empty() ? "" : ",") + std::to_string(p.port);
        if (p.nodePort) out += ":" + std::to_string(p.nodePort);
        out += "/" + p.protocol;
    }
    return out.empty() ? "<none>" : out;
}

std::string endpointList(const Endpoints& e) {
    std::string out;
    for (const auto& s : e.subsets)
        for (const auto& a : s.addresses)
            for (const auto& p : s.ports) out += (out.empty() ? "" : ",") + a.ip + ":" + std::to_string(p.port);
    return out.empty() ? "<none>" : out;
}

std::vector<std::string> rowOf(Context& ctx, Kind kind, const std::string& key, bool wide) {
    Api api = ctx.api();
    const bool legacy = ctx.era() == Era::Legacy;
    switch (kind) {
    case Kind::Pod: {
        const Pod& p = *api.getByKey<Pod>(key);
        int ready = 0, restarts = 0;
        for (const auto& c : p.status.containerStatuses) ready += c.ready ? 1 : 0, restarts += c.restartCount;
        std::vector<std::string> r{p.meta.name, std::to_string(ready) + "/" + std::to_string(p.spec.containers.size()), podStatus(p),
                                   std::to_string(restarts), age(ctx, p.meta)};
        if (wide) r.insert(r.end(), {p.status.podIP.empty() ? "<none>" : p.status.podIP, p.spec.nodeName.empty() ? "<none>" : p.spec.nodeName});
        return r;
    }
    case Kind::ReplicationController: {
        const auto& o = *api.getByKey<ReplicationController>(key);
        return {o.meta.name, std::to_string(o.replicas), std::to_string(o.status.replicas), std::to_string(o.status.readyReplicas), age(ctx, o.meta)};
    }
    case Kind::ReplicaSet: {
        const auto& o = *api.getByKey<ReplicaSet>(key);
        return {o.meta.name, std::to_string(o.replicas), std::to_string(o.status.replicas), std::to_string(o.status.readyReplicas), age(ctx, o.meta)};
    }
    case Kind::Deployment: {
        const auto& o = *api.getByKey<Deployment>(key);
        if (legacy)
            return {o.meta.name, std::to_string(o.replicas), std::to_string(o.status.replicas), std::to_string(o.status.updatedReplicas),
                    std::to_string(o.status.availableReplicas), age(ctx, o.meta)};
        return {o.meta.name, std::to_string(o.status.readyReplicas) + "/" + std::to_string(o.replicas), std::to_string(o.status.updatedReplicas),
                std::to_string(o.status.availableReplicas), age(ctx, o.meta)};
    }
    case Kind::Service: {
        const auto& o = *api.getByKey<Service>(key);
        std::string ext = o.status.loadBalancerIngress.empty() ? (o.externalIPs.empty() ? "<none>" : o.externalIPs.front())
                                                               : o.status.loadBalancerIngress.front();
        if (legacy) return {o.meta.name, o.clusterIP, ext, servicePorts(o), age(ctx, o.meta)};
        return {o.meta.name, o.type, o.clusterIP, ext, servicePorts(o), age(ctx, o.meta)};
    }
    case Kind::Endpoints: {
        const auto& o = *api.getByKey<Endpoints>(key);
        return {o.meta.name, endpointList(o), age(ctx, o.meta)};
    }
    case Kind::Node: {
        const auto& o = *api.getByKey<Node>(key);
        std::string status = o.isReady() ? "Ready" : "NotReady";
        if (o.unschedulable) status += ",SchedulingDisabled";
        if (legacy) return {o.meta.name, status, age(ctx, o.meta)};
        return {o.meta.name, status, "<none>", age(ctx, o.meta), o.status.nodeInfo.kubeletVersion};
    }
    case Kind::Namespace: {
        const auto& o = *api.getByKey<Namespace>(key);
        return {o.meta.name, o.phase, age(ctx, o.meta)};
    }
    case Kind::EndpointSlice: {
        const auto& o = *api.getByKey<EndpointSlice>(key);
        return {o.meta.name, o.addressType, "", "", age(ctx, o.meta)};
    }
    }
    return {key};
}

const ObjectMeta& metaOf(Context& ctx, Kind kind, const std::string& key) {
    Api api = ctx.api();
    return visitKind(kind, [&](auto tag) -> const ObjectMeta& {
        using Obj = typename decltype(tag)::type;
        return api.getByKey<Obj>(key)->meta;
    });
}

std::string shortKindPrefix(Kind kind, Era era) {
    if (era == Era::Modern) return messageTypeName(kind, era) + "/";
    switch (kind) {
    case Kind::Pod: return "po/";
    case Kind::ReplicationController: return "rc/";
    case Kind::ReplicaSet: return "rs/";
    case Kind::Deployment: return "deploy/";
    case Kind::Service: return "svc/";
    case Kind::Endpoints: return "ep/";
    case Kind::Node: return "no/";
    case Kind::Namespace: return "ns/";
    case Kind::EndpointSlice: return "endpointslice/";
    }
    return "";
}

} // namespace

std::string layoutColumns(const std::vector<std::vector<std::string>>& rows, Era era) {
    const std::size_t minWidth = era == Era::Legacy ? 10 : 6;
    std::vector<std::size_t> width;
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (width.size() <= i) width.push_back(0);
            width[i] = std::max(width[i], r[i].size());
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size()) line.append(std::max(width[i] + 3, minWidth) - r[i].size(), ' ');
        }
        out += line + "\n";
    }
    return out;
}

std::string renderTable(Context& ctx, Kind kind, const std::vector<std::string>& keys, const TableOptions& opt) {
    std::vector<std::vector<std::string>> rows;
    auto head = header(kind, ctx.era(), opt.wide);
    if (opt.withNamespace && isNamespaced(kind)) head.insert(head.begin(), "NAMESPACE");
    if (opt.showLabels) head.push_back("LABELS");
    if (!opt.noHeaders) rows.push_back(head);
    for (const auto& key : keys) {
        auto r = rowOf(ctx, kind, key, opt.wide);
        const ObjectMeta& m = metaOf(ctx, kind, key);
        if (opt.withKindPrefix) r[0] = shortKindPrefix(kind, ctx.era()) + r[0];
        if (opt.withNamespace && isNamespaced(kind)) r.insert(r.begin(), m.ns);
        if (opt.showLabels) r.push_back(joinLabels(m.labels));
        rows.push_back(std::move(r));
    }
    return layoutColumns(rows, ctx.era());
}

std::string renderNames(Context& ctx, Kind kind, const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& key : keys) {
        const ObjectMeta& m = metaOf(ctx, kind, key);
        out += (ctx.era() == Era::Legacy ? Api::resourceName(kind).substr(0, Api::resourceName(kind).find('.')) + "/"
                                         : messageTypeName(kind, ctx.era()) + "/") + m.name + "\n";
    }
    return out;
}

std::string renderEncoded(Context& ctx, Kind kind, const std::vector<std::string>& keys, const std::string& format) {
    // Fallback until the manifest encoders are wired in: identity fields only.
    std::string out;
    for (const auto& key : keys) {
        const ObjectMeta& m = metaOf(ctx, kind, key);
        if (format == "json") out += "{\n    \"kind\": \"" + std::string(kindName(kind)) + "\",\n    \"metadata\": {\n        \"name\": \"" + m.name + "\"\n    }\n}\n";
        else out += "kind: " + std::string(kindName(kind)) + "\nmetadata:\n  name: " + m.name + "\n";
    }
    return out;
}

std::string renderDescribe(Context& ctx, Kind kind, const std::string& key) {
    const ObjectMeta& m = metaOf(ctx, kind, key);
    std::vector<std::vector<std::string>> rows{{"Name:", m.name}};
    if (isNamespaced(kind)) rows.push_back({"Namespace:", m.ns});
    rows.push_back({"Labels:", joinLabels(m.labels)});
    return layoutColumns(rows, Era::Legacy);
}

std::string actionMessage(Era era, Kind kind, const std::string& name, const std::string& verb) {
    if (era == Era::Legacy) return messageTypeName(kind, era) + " \"" + name + "\" " + verb;
    return messageTypeName(kind, era) + "/" + name + " " + verb;
}

std::string formatAge(SimTime age, Era era) {
    const std::int64_t s = std::max<std::int64_t>(0, age.wholeSeconds());
    if (era == Era::Legacy) {
        if (s < 60) return std::to_string(s) + "s";
        if (s < 3600) return std::to_string(s / 60) + "m";
        if (s < 86400) return std::to_string(s / 3600) + "h";
        if (s < 86400 * 364) return std::to_string(s / 86400) + "d";
        return std::to_string(s / (86400 * 365)) + "y";
    }
    if (s < 120) return std::to_string(s) + "s";
    if (s < 600) return std::to_string(s / 60) + "m" + (s % 60 ? std::to_string(s % 60) + "s" : "");
    if (s < 3 * 3600) return std::to_string(s / 60) + "m";
    if (s < 8 * 3600) return std::to_string(s / 3600) + "h" + ((s % 3600) / 60 ? std::to_string((s % 3600) / 60) + "m" : "");
    if (s < 48 * 3600) return std::to_string(s / 3600) + "h";
    if (s < 8 * 86400) return std::to_string(s / 86400) + "d" + ((s % 86400) / 3600 ? std::to_string((s % 86400) / 3600) + "h" : "");
    return std::to_string(s / 86400) + "d";
}

} // namespace kns::kubectl
