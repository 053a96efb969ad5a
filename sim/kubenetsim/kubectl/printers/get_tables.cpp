// Columns and rows of `kubectl get` per kind and era (kubectl 1.5 resource_printer.go and the
// 1.30 table printers), assembled through the era's tabwriter.
#include <kubenetsim/kubectl/printers/get_tables.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>
#include <kubenetsim/kubectl/printers/tab_writer.hpp>

namespace kns::printers {

namespace {

using Row = std::vector<std::string>;

std::vector<std::string> columns(Era era, Kind kind, bool wide) {
    const bool legacy = era == Era::Legacy;
    std::vector<std::string> cols;
    switch (kind) {
    case Kind::Pod:
        cols = {"NAME", "READY", "STATUS", "RESTARTS", "AGE"};
        if (wide) {
            cols.insert(cols.end(), {"IP", "NODE"});
            if (!legacy) cols.insert(cols.end(), {"NOMINATED NODE", "READINESS GATES"});
        }
        break;
    case Kind::ReplicationController:
    case Kind::ReplicaSet:
        cols = {"NAME", "DESIRED", "CURRENT", "READY", "AGE"};
        if (wide) {
            if (legacy) cols.insert(cols.end(), {"CONTAINER(S)", "IMAGE(S)", "SELECTOR"});
            else cols.insert(cols.end(), {"CONTAINERS", "IMAGES", "SELECTOR"});
        }
        break;
    case Kind::Deployment:
        // kubectl 1.5 has no wide columns for deployments.
        if (legacy) cols = {"NAME", "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "AGE"};
        else {
            cols = {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"};
            if (wide) cols.insert(cols.end(), {"CONTAINERS", "IMAGES", "SELECTOR"});
        }
        break;
    case Kind::Service:
        if (legacy) cols = {"NAME", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
        else cols = {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
        if (wide) cols.push_back("SELECTOR");
        break;
    case Kind::Endpoints: cols = {"NAME", "ENDPOINTS", "AGE"}; break;
    case Kind::Node:
        if (legacy) cols = {"NAME", "STATUS", "AGE"};
        else {
            cols = {"NAME", "STATUS", "ROLES", "AGE", "VERSION"};
            if (wide) cols.insert(cols.end(), {"INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"});
        }
        break;
    case Kind::Namespace: cols = {"NAME", "STATUS", "AGE"}; break;
    case Kind::EndpointSlice: cols = {"NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"}; break;
    }
    return cols;
}

template <class T> const T* find(const Simulation& sim, const std::string& key) {
    const auto& m = sim.objects().of<T>();
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
}

std::string orNone(const std::string& s) { return s.empty() ? "<none>" : s; }

std::string serviceExternalIP(Era era, const Service& svc) {
    const std::string external = join(svc.externalIPs, ",");
    if (svc.type == "ClusterIP") return orNone(external);
    if (svc.type == "NodePort") return external.empty() ? (era == Era::Legacy ? "<nodes>" : "<none>") : external;
    if (svc.type == "LoadBalancer") {
        std::vector<std::string> all = svc.status.loadBalancerIngress;
        all.insert(all.end(), svc.externalIPs.begin(), svc.externalIPs.end());
        return all.empty() ? "<pending>" : join(all, ",");
    }
    if (svc.type == "ExternalName") return svc.externalName;
    return "<unknown>";
}

// The cells after NAME for one object, or false when the object is missing or hidden.
bool objectRow(const Simulation& sim, Kind kind, const std::string& key, const TableOptions& o, const ObjectMeta*& meta, Row& row) {
    const Era era = sim.era();
    const bool legacy = era == Era::Legacy;
    switch (kind) {
    case Kind::Pod: {
        const Pod* p = find<Pod>(sim, key);
        if (!p) return false;
        if (legacy && !o.showAll && (p->status.phase == "Succeeded" || p->status.phase == "Failed")) return false;
        meta = &p->meta;
        const PodSummary s = summarizePod(sim, *p);
        row = {std::to_string(s.ready) + "/" + std::to_string(s.total), s.status, s.restartsText, ageSince(sim, p->meta.creationTimestamp)};
        if (o.wide) {
            row.push_back(orNone(p->status.podIP));
            if (legacy) row.push_back(p->spec.nodeName);
            else row.insert(row.end(), {orNone(p->spec.nodeName), "<none>", "<none>"});
        }
        return true;
    }
    case Kind::ReplicationController: {
        const ReplicationController* rc = find<ReplicationController>(sim, key);
        if (!rc) return false;
        meta = &rc->meta;
        row = {std::to_string(rc->replicas), std::to_string(rc->status.replicas), std::to_string(rc->status.readyReplicas),
               ageSince(sim, rc->meta.creationTimestamp)};
        if (o.wide) row.insert(row.end(), {containerNames(rc->tmpl.spec), containerImages(rc->tmpl.spec), formatLabels(rc->selector)});
        return true;
    }
    case Kind::ReplicaSet: {
        const ReplicaSet* rs = find<ReplicaSet>(sim, key);
        if (!rs) return false;
        meta = &rs->meta;
        row = {std::to_string(rs->replicas), std::to_string(rs->status.replicas), std::to_string(rs->status.readyReplicas),
               ageSince(sim, rs->meta.creationTimestamp)};
        if (o.wide) row.insert(row.end(), {containerNames(rs->tmpl.spec), containerImages(rs->tmpl.spec), formatSelector(rs->selector)});
        return true;
    }
    case Kind::Deployment: {
        const Deployment* d = find<Deployment>(sim, key);
        if (!d) return false;
        meta = &d->meta;
        const std::string age = ageSince(sim, d->meta.creationTimestamp);
        if (legacy) {
            row = {std::to_string(d->replicas), std::to_string(d->status.replicas), std::to_string(d->status.updatedReplicas),
                   std::to_string(d->status.availableReplicas), age};
        } else {
            row = {std::to_string(d->status.readyReplicas) + "/" + std::to_string(d->replicas), std::to_string(d->status.updatedReplicas),
                   std::to_string(d->status.availableReplicas), age};
            if (o.wide) row.insert(row.end(), {containerNames(d->tmpl.spec), containerImages(d->tmpl.spec), formatSelector(d->selector)});
        }
        return true;
    }
    case Kind::Service: {
        const Service* svc = find<Service>(sim, key);
        if (!svc) return false;
        meta = &svc->meta;
        std::string ports = servicePorts(*svc);
        if (!legacy) {
            if (ports.empty()) ports = "<none>";
            row = {svc->type, orNone(svc->clusterIP)};
        } else {
            row = {svc->clusterIP};
        }
        row.insert(row.end(), {serviceExternalIP(era, *svc), ports, ageSince(sim, svc->meta.creationTimestamp)});
        if (o.wide) row.push_back(formatLabels(svc->selector));
        return true;
    }
    case Kind::Endpoints: {
        const Endpoints* ep = find<Endpoints>(sim, key);
        if (!ep) return false;
        meta = &ep->meta;
        row = {formatEndpoints(ep), ageSince(sim, ep->meta.creationTimestamp)};
        return true;
    }
    case Kind::Node: {
        const Node* n = find<Node>(sim, key);
        if (!n) return false;
        meta = &n->meta;
        const std::string age = ageSince(sim, n->meta.creationTimestamp);
        if (legacy) {
            row = {nodeStatus(*n), age};
        } else {
            row = {nodeStatus(*n), nodeRoles(*n), age, n->status.nodeInfo.kubeletVersion};
            if (o.wide) {
                std::string external;
                for (const auto& a : n->status.addresses)
                    if (a.type == "ExternalIP") external = a.address;
                const NodeInfo& info = n->status.nodeInfo;
                row.insert(row.end(), {orNone(n->internalIP()), orNone(external), orNone(info.osImage), orNone(info.kernelVersion),
                                       orNone(info.containerRuntimeVersion)});
            }
        }
        return true;
    }
    case Kind::Namespace: {
        const Namespace* ns = find<Namespace>(sim, key);
        if (!ns) return false;
        meta = &ns->meta;
        row = {ns->phase, ageSince(sim, ns->meta.creationTimestamp)};
        return true;
    }
    case Kind::EndpointSlice: {
        const EndpointSlice* es = find<EndpointSlice>(sim, key);
        if (!es) return false;
        meta = &es->meta;
        std::vector<std::string> ports, addrs;
        for (const auto& p : es->ports) ports.push_back(std::to_string(p.port));
        for (const auto& e : es->endpoints)
            if (e.ready) addrs.insert(addrs.end(), e.addresses.begin(), e.addresses.end());
        std::string shown = join(std::vector<std::string>(addrs.begin(), addrs.begin() + std::min<std::size_t>(addrs.size(), 3)), ",");
        if (addrs.size() > 3) shown += " + " + std::to_string(addrs.size() - 3) + " more...";
        row = {es->addressType, ports.empty() ? "<unset>" : join(ports, ","), addrs.empty() ? "<unset>" : shown,
               ageSince(sim, es->meta.creationTimestamp)};
        return true;
    }
    }
    return false;
}

void writeRow(TabWriter& w, const Row& cells) {
    std::string line = join(cells, "\t");
    line += '\n';
    w.write(line);
}

} // namespace

std::string printTable(const Simulation& sim, Kind kind, const std::vector<std::string>& keys, const TableOptions& options) {
    const Era era = sim.era();
    const bool withNamespace = options.allNamespaces && isNamespaced(kind);
    std::vector<Row> rows;
    for (const auto& key : keys) {
        const ObjectMeta* meta = nullptr;
        Row rest;
        if (!objectRow(sim, kind, key, options, meta, rest)) continue;
        Row row;
        if (withNamespace) row.push_back(meta->ns);
        row.push_back(options.withKind ? kindPrefix(era, kind) + "/" + meta->name : meta->name);
        row.insert(row.end(), rest.begin(), rest.end());
        if (options.showLabels) row.push_back(formatLabels(meta->labels));
        rows.push_back(std::move(row));
    }
    if (rows.empty()) return {};
    TabWriter w = era == Era::Legacy ? TabWriter::legacyTable() : TabWriter::modernTable();
    if (!options.noHeaders) {
        Row header;
        if (withNamespace) header.push_back("NAMESPACE");
        for (auto& c : columns(era, kind, options.wide)) header.push_back(c);
        if (options.showLabels) header.push_back("LABELS");
        writeRow(w, header);
    }
    for (const auto& r : rows) writeRow(w, r);
    return w.flush();
}

std::vector<Kind> getAllKinds(Era era) {
    // kubectl 1.5 "all": pods, replicationcontrollers, services, (statefulsets, hpa, jobs),
    // deployments, replicasets. kubectl 1.30 lists the core group first, then apps, in the
    // same relative order for the kinds kubenetsim has.
    (void)era;
    return {Kind::Pod, Kind::ReplicationController, Kind::Service, Kind::Deployment, Kind::ReplicaSet};
}

std::string printGetAll(const Simulation& sim, const std::vector<KindKeys>& groups, TableOptions options) {
    options.withKind = true;
    std::string out;
    for (const auto& g : groups) {
        std::string table = printTable(sim, g.kind, g.keys, options);
        if (table.empty()) continue;
        if (!out.empty() && !options.noHeaders) out += '\n';
        out += table;
    }
    return out;
}

std::string printNames(const Simulation& sim, Kind kind, const std::vector<std::string>& keys) {
    std::string out;
    const std::string resource = resourceName(sim.era(), kind);
    for (const auto& key : keys) {
        const ObjectMeta* meta = nullptr;
        Row ignored;
        TableOptions all;
        all.showAll = true;
        if (!objectRow(sim, kind, key, all, meta, ignored)) continue;
        out += resource + "/" + meta->name + "\n";
    }
    return out;
}

std::string noResourcesMessage(Era era, const std::string& ns, bool allNamespaces, bool namespacedKind) {
    if (era == Era::Legacy) return "No resources found.\n";
    if (allNamespaces || !namespacedKind) return "No resources found\n";
    return "No resources found in " + ns + " namespace.\n";
}

std::string kindPrefix(Era era, Kind kind) {
    if (era == Era::Modern) return resourceName(era, kind);
    switch (kind) {
    case Kind::Pod: return "po";
    case Kind::ReplicationController: return "rc";
    case Kind::ReplicaSet: return "rs";
    case Kind::Deployment: return "deploy";
    case Kind::Service: return "svc";
    case Kind::Endpoints: return "ep";
    case Kind::Node: return "no";
    case Kind::Namespace: return "ns";
    case Kind::EndpointSlice: return "endpointslice";
    }
    return "?";
}

std::string resourceName(Era era, Kind kind) {
    const bool modern = era == Era::Modern;
    switch (kind) {
    case Kind::Pod: return "pod";
    case Kind::ReplicationController: return "replicationcontroller";
    case Kind::ReplicaSet: return modern ? "replicaset.apps" : "replicaset";
    case Kind::Deployment: return modern ? "deployment.apps" : "deployment";
    case Kind::Service: return "service";
    case Kind::Endpoints: return "endpoints";
    case Kind::Node: return "node";
    case Kind::Namespace: return "namespace";
    case Kind::EndpointSlice: return "endpointslice.discovery.k8s.io";
    }
    return "?";
}

} // namespace kns::printers
