// The endpoints controller (and, in the modern era, the EndpointSlice controller): for every
// Service with a selector, the addresses of the pods it selects, split by readiness.
//
// Mirrors Kubernetes: pods without an IP are skipped; terminating pods leave Endpoints at once
// (EndpointSlices keep them with terminating=true); each service port resolves its targetPort
// per pod (a number, or a container port name that pod must declare); subsets are repacked so
// pods with the same resolved ports share one subset, addresses sorted by IP text then pod uid
// (Kubernetes' LessEndpointAddress compares the IP strings bytewise). Simplifications: ports in
// a subset and the subsets themselves are sorted by (name, port, protocol) where Kubernetes
// orders them by a hash; one EndpointSlice per Service whatever its size.
// Selector-less Services are left alone: their Endpoints are the user's.
#include <algorithm>
#include <map>

#include <kubenetsim/cluster/api.hpp>
#include <kubenetsim/controllers/process.hpp>
#include <kubenetsim/core/simulation.hpp>

namespace kns {

namespace {

constexpr const char* kSource = "endpoints-controller";
constexpr const char* kSliceSource = "endpointslice-controller";
constexpr const char* kServiceNameLabel = "kubernetes.io/service-name";
constexpr const char* kManagedByLabel = "endpointslice.kubernetes.io/managed-by";

struct Candidate {
    const Pod* pod;
    std::vector<EndpointPort> ports;  // resolved, in service port order
    bool ready;
    bool terminating;
};

bool lessAddress(const EndpointAddress& a, const EndpointAddress& b) {
    if (a.ip != b.ip) return a.ip < b.ip;
    if (!b.targetRef) return false;
    if (!a.targetRef) return true;
    return a.targetRef->uid < b.targetRef->uid;
}

bool lessPort(const EndpointPort& a, const EndpointPort& b) {
    return std::tie(a.name, a.port, a.protocol) < std::tie(b.name, b.port, b.protocol);
}

std::string portsText(const std::vector<EndpointPort>& ports) {
    std::string s;
    for (const auto& p : ports) s += p.name + ":" + std::to_string(p.port) + "/" + p.protocol + ";";
    return s;
}

std::string addressText(const EndpointAddress& a) {
    return a.ip + "@" + a.nodeName + "@" + (a.targetRef ? a.targetRef->name + "/" + a.targetRef->uid : "") + ";";
}

std::string subsetsText(const std::vector<EndpointSubset>& subsets) {
    std::string s;
    for (const auto& sub : subsets) {
        s += "[";
        for (const auto& a : sub.addresses) s += addressText(a);
        s += "|";
        for (const auto& a : sub.notReadyAddresses) s += addressText(a);
        s += "|" + portsText(sub.ports) + "]";
    }
    return s;
}

std::string sliceText(const EndpointSlice& s) {
    std::string t = portsText(s.ports) + "|";
    for (const auto& e : s.endpoints)
        t += e.addresses.front() + (e.ready ? "R" : "") + (e.serving ? "S" : "") + (e.terminating ? "T" : "") + e.nodeName +
             (e.targetRef ? e.targetRef->uid : "") + ";";
    for (const auto& [k, v] : s.meta.labels) t += k + "=" + v + ",";
    return t;
}

// The port a service port reaches on this pod; nullopt when a named port is not declared.
std::optional<int> resolveTargetPort(const ServicePort& sp, const Pod& pod) {
    if (!sp.targetPort.isString) return sp.targetPort.intValue ? sp.targetPort.intValue : sp.port;
    for (const auto& c : pod.spec.containers)
        for (const auto& cp : c.ports)
            if (cp.name == sp.targetPort.strValue && cp.protocol == sp.protocol) return cp.containerPort;
    return std::nullopt;
}

std::vector<Candidate> candidates(Simulation& sim, const Service& svc) {
    std::vector<Candidate> out;
    const LabelSelector sel{svc.selector, {}};
    for (const Pod* p : sim.api().list<Pod>(svc.meta.ns, &sel)) {
        if (p->status.podIP.empty() || p->status.phase == "Succeeded" || p->status.phase == "Failed") continue;
        Candidate c{p, {}, p->status.isReady(), p->meta.deletionTimestamp.has_value()};
        for (const auto& sp : svc.ports)
            if (auto port = resolveTargetPort(sp, *p)) c.ports.push_back(EndpointPort{sp.name, *port, sp.protocol});
        if (!c.ports.empty()) out.push_back(std::move(c));
    }
    return out;
}

std::vector<EndpointSubset> buildSubsets(const std::vector<Candidate>& cands) {
    std::map<std::string, EndpointSubset> byPorts;
    for (const auto& c : cands) {
        if (c.terminating) continue;
        std::vector<EndpointPort> ports = c.ports;
        std::sort(ports.begin(), ports.end(), lessPort);
        EndpointSubset& sub = byPorts[portsText(ports)];
        sub.ports = ports;
        EndpointAddress addr{c.pod->status.podIP, c.pod->spec.nodeName, ObjectReference{"Pod", c.pod->meta.ns, c.pod->meta.name, c.pod->meta.uid}};
        (c.ready ? sub.addresses : sub.notReadyAddresses).push_back(addr);
    }
    std::vector<EndpointSubset> out;
    for (auto& [k, sub] : byPorts) {
        std::sort(sub.addresses.begin(), sub.addresses.end(), lessAddress);
        std::sort(sub.notReadyAddresses.begin(), sub.notReadyAddresses.end(), lessAddress);
        out.push_back(std::move(sub));
    }
    return out;
}

void syncEndpoints(Simulation& sim, const Service& svc, const std::vector<Candidate>& cands) {
    Api api = sim.api();
    const std::string key = objectKey(svc);
    std::vector<EndpointSubset> subsets = buildSubsets(cands);
    if (const Endpoints* ep = api.getByKey<Endpoints>(key)) {
        if (subsetsText(ep->subsets) == subsetsText(subsets)) return;
        Endpoints next = *ep;
        next.subsets = std::move(subsets);
        api.update(next, kSource);
    } else {
        Endpoints fresh;
        fresh.meta.name = svc.meta.name;
        fresh.meta.ns = svc.meta.ns;
        fresh.meta.labels = svc.meta.labels;
        if (sim.era() == Era::Modern) fresh.meta.labels["endpointslice.kubernetes.io/skip-mirror"] = "true";
        fresh.subsets = std::move(subsets);
        api.create(fresh, kSource);
    }
    traceAction(sim, kSource, "endpoints/" + key, "endpoints updated");
}

const EndpointSlice* sliceOf(Simulation& sim, const std::string& ns, const std::string& service) {
    for (const EndpointSlice* s : sim.api().list<EndpointSlice>(ns)) {
        auto it = s->meta.labels.find(kServiceNameLabel);
        if (it != s->meta.labels.end() && it->second == service) return s;
    }
    return nullptr;
}

void syncSlice(Simulation& sim, const Service& svc, const std::vector<Candidate>& cands) {
    Api api = sim.api();
    EndpointSlice next;
    if (const EndpointSlice* existing = sliceOf(sim, svc.meta.ns, svc.meta.name)) {
        next = *existing;
    } else {
        static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
        Rng& rng = sim.rng("controllers/endpointslice/names");
        do {
            next.meta.name = svc.meta.name + "-";
            for (int i = 0; i < 5; ++i) next.meta.name += kAlphabet[rng.below(sizeof kAlphabet - 1)];
        } while (api.get<EndpointSlice>(svc.meta.ns, next.meta.name));
        next.meta.ns = svc.meta.ns;
        next.meta.ownerReferences.push_back(controllerReference(svc.meta, "v1", "Service"));
    }
    const EndpointSlice before = next;
    next.meta.labels = svc.meta.labels;
    next.meta.labels[kServiceNameLabel] = svc.meta.name;
    next.meta.labels[kManagedByLabel] = "endpointslice-controller.k8s.io";
    next.endpoints.clear();
    next.ports.clear();
    for (const auto& c : cands) {
        if (next.ports.empty()) next.ports = c.ports;
        EndpointSliceEndpoint e;
        e.addresses = {c.pod->status.podIP};
        e.ready = c.ready && !c.terminating;
        e.serving = c.ready;
        e.terminating = c.terminating;
        e.nodeName = c.pod->spec.nodeName;
        e.targetRef = ObjectReference{"Pod", c.pod->meta.ns, c.pod->meta.name, c.pod->meta.uid};
        next.endpoints.push_back(e);
    }
    if (next.ports.empty())
        for (const auto& sp : svc.ports) next.ports.push_back(EndpointPort{sp.name, 0, sp.protocol});
    std::sort(next.endpoints.begin(), next.endpoints.end(),
              [](const EndpointSliceEndpoint& a, const EndpointSliceEndpoint& b) { return a.addresses.front() < b.addresses.front(); });
    if (before.meta.uid.empty()) {
        api.create(next, kSliceSource);
    } else if (sliceText(before) != sliceText(next)) {
        api.update(next, kSliceSource);
    } else {
        return;
    }
    traceAction(sim, kSliceSource, "endpointslice/" + svc.meta.ns + "/" + next.meta.name, "endpoint slice updated");
}

void syncService(Simulation& sim, const std::string& key) {
    const Service* found = sim.api().getByKey<Service>(key);
    if (!found) {
        const std::string ns = key.substr(0, key.find('/')), name = key.substr(key.find('/') + 1);
        if (const EndpointSlice* s = sliceOf(sim, ns, name)) sim.api().remove<EndpointSlice>(objectKey(*s), kSliceSource);
        return;
    }
    if (found->selector.empty() || found->type == "ExternalName") return;
    const Service svc = *found;
    const std::vector<Candidate> cands = candidates(sim, svc);
    syncEndpoints(sim, svc, cands);
    if (sim.era() == Era::Modern) syncSlice(sim, svc, candidates(sim, svc));
}

} // namespace

void handleEndpointsController(Simulation& sim, const Event& e) {
    const SimTime delay = sim.config().latency.controllerWork;
    if (e.kind == kWatchEvent) {
        const auto kind = static_cast<Kind>(e.arg);
        if (kind == Kind::Service) {
            requestSync(sim, Component::EndpointsController, e.key, delay);
        } else if (kind == Kind::Pod) {
            // Level-triggered: the pod may have joined or left any service of its namespace.
            const std::string ns = e.key.substr(0, e.key.find('/'));
            for (const Service* s : sim.api().list<Service>(ns))
                if (!s->selector.empty()) requestSync(sim, Component::EndpointsController, objectKey(*s), delay);
        }
        return;
    }
    if (e.kind != timer::kSync) return;
    syncStarted(sim, e);
    syncService(sim, e.key);
}

} // namespace kns
