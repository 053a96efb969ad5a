// Services, Endpoints, EndpointSlices, Nodes and Namespaces, as core/v1 and discovery.k8s.io/v1
// define them, with the API server's validation messages for the values users get wrong most.
#include <kubenetsim/manifest/decoders.hpp>

#include <regex>
#include <set>

namespace kns::manifest_detail {

namespace {

std::string quote(const std::string& s) { return "\"" + s + "\""; }

bool isIPv4(const std::string& s) {
    static const std::regex kIPv4(R"((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})");
    return std::regex_match(s, kIPv4);
}

void checkIP(MapReader& r, const std::string& key, const std::string& ip) {
    if (!isIPv4(ip)) r.fail(key, "Invalid value: " + quote(ip) + ": must be a valid IP address");
}

// A named port must be an IANA service name: at most 15 lower-case letters, digits and
// hyphens, with at least one letter.
void checkTargetPort(MapReader& p, const IntOrString& target) {
    if (!target.isString) {
        checkPortNumber(p, "targetPort", target.intValue);
        return;
    }
    static const std::regex kName("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    static const std::regex kLetter(".*[a-z].*");
    const std::string& s = target.strValue;
    if (s.size() > 15) p.fail("targetPort", "Invalid value: " + quote(s) + ": must be no more than 15 characters");
    if (!std::regex_match(s, kName))
        p.fail("targetPort", "Invalid value: " + quote(s) + ": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    if (!std::regex_match(s, kLetter))
        p.fail("targetPort", "Invalid value: " + quote(s) + ": must contain at least one letter (a-z)");
}

void decodeServicePorts(MapReader& spec, Service& svc) {
    std::set<std::string> names;
    spec.objectList("ports", [&](MapReader& p, std::size_t i) {
        ServicePort port;
        p.string("name", port.name);
        if (p.string("protocol", port.protocol)) checkProtocol(p, "protocol", port.protocol);
        p.require("port");
        p.integer("port", port.port);
        checkPortNumber(p, "port", port.port);
        port.targetPort = IntOrString::ofInt(port.port);
        if (p.intOrString("targetPort", port.targetPort)) checkTargetPort(p, port.targetPort);
        if (p.integer("nodePort", port.nodePort) && port.nodePort != 0) {
            checkPortNumber(p, "nodePort", port.nodePort);
            if (svc.type != "NodePort" && svc.type != "LoadBalancer")
                p.fail("nodePort", "Forbidden: may not be used when `type` is '" + svc.type + "'");
        }
        p.ignore({"appProtocol"});
        if (i > 0 && port.name.empty()) p.fail("name", "Required value");
        if (!port.name.empty() && !names.insert(port.name).second) p.fail("name", "Duplicate value: " + quote(port.name));
        svc.ports.push_back(port);
    });
    // The first port must be named too once there are several (validation sees the whole list).
    if (svc.ports.size() > 1 && svc.ports[0].name.empty())
        spec.context().fail(spec.node()["ports"][0], spec.fieldPath("ports[0].name"), "Required value");
}

void checkPolicy(MapReader& spec, const std::string& key, const std::string& value) {
    if (value != "Cluster" && value != "Local")
        spec.fail(key, "Unsupported value: " + quote(value) + ": supported values: \"Cluster\", \"Local\"");
}

EndpointPort decodeEndpointPort(MapReader& p) {
    EndpointPort port;
    p.string("name", port.name);
    p.integer("port", port.port);
    checkPortNumber(p, "port", port.port);
    if (p.string("protocol", port.protocol)) checkProtocol(p, "protocol", port.protocol);
    p.ignore({"appProtocol"});
    return port;
}

void decodeTargetRef(MapReader& owner, std::optional<ObjectReference>& out) {
    owner.object("targetRef", [&](MapReader& t) {
        ObjectReference ref;
        t.string("kind", ref.kind);
        t.string("namespace", ref.ns);
        t.string("name", ref.name);
        t.string("uid", ref.uid);
        t.accept({"apiVersion", "resourceVersion", "fieldPath"});
        out = ref;
    });
}

void decodeEndpointAddresses(MapReader& subset, const char* key, std::vector<EndpointAddress>& out) {
    subset.objectList(key, [&](MapReader& a, std::size_t) {
        EndpointAddress addr;
        a.require("ip");
        a.string("ip", addr.ip);
        checkIP(a, "ip", addr.ip);
        a.string("nodeName", addr.nodeName);
        decodeTargetRef(a, addr.targetRef);
        a.ignore({"hostname"});
        out.push_back(addr);
    });
}

} // namespace

Service decodeService(MapReader& root) {
    Service svc;
    decodeObjectMeta(root, svc.meta, NameRule::ServiceLabel);
    root.require("spec");
    root.object("spec", [&](MapReader& spec) {
        if (spec.string("type", svc.type) && svc.type != "ClusterIP" && svc.type != "NodePort" &&
            svc.type != "LoadBalancer" && svc.type != "ExternalName")
            spec.fail("type", "Unsupported value: " + quote(svc.type) +
                                  ": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        if (spec.string("clusterIP", svc.clusterIP) && svc.clusterIP != "None" && !svc.clusterIP.empty() && !isIPv4(svc.clusterIP))
            spec.fail("clusterIP", "Invalid value: " + quote(svc.clusterIP) + ": must be empty, 'None', or a valid IP address");
        decodeServicePorts(spec, svc);
        if (svc.ports.empty() && svc.type != "ExternalName" && svc.clusterIP != "None") spec.fail("ports", "Required value");
        spec.stringMap("selector", svc.selector);
        if (spec.stringList("externalIPs", svc.externalIPs))
            for (std::size_t i = 0; i < svc.externalIPs.size(); ++i)
                if (!isIPv4(svc.externalIPs[i]))
                    spec.context().fail(spec.node()["externalIPs"][i], spec.fieldPath(indexPath("externalIPs", i)),
                                        "Invalid value: " + quote(svc.externalIPs[i]) + ": must be a valid IP address");
        if (spec.string("sessionAffinity", svc.sessionAffinity) && svc.sessionAffinity != "None" && svc.sessionAffinity != "ClientIP")
            spec.fail("sessionAffinity", "Unsupported value: " + quote(svc.sessionAffinity) + ": supported values: \"ClientIP\", \"None\"");
        spec.object("sessionAffinityConfig", [&](MapReader& c) {
            c.object("clientIP", [&](MapReader& ip) {
                if (ip.integer("timeoutSeconds", svc.sessionAffinityTimeoutSeconds) &&
                    (svc.sessionAffinityTimeoutSeconds < 1 || svc.sessionAffinityTimeoutSeconds > 86400))
                    ip.fail("timeoutSeconds", "Invalid value: " + std::to_string(svc.sessionAffinityTimeoutSeconds) +
                                                  ": must be greater than 0 and less than 86400");
            });
        });
        if (spec.string("externalTrafficPolicy", svc.externalTrafficPolicy)) {
            checkPolicy(spec, "externalTrafficPolicy", svc.externalTrafficPolicy);
            if (svc.type != "NodePort" && svc.type != "LoadBalancer")
                spec.fail("externalTrafficPolicy", "Invalid value: " + quote(svc.externalTrafficPolicy) +
                                                       ": may only be set when `type` is 'NodePort' or 'LoadBalancer'");
        }
        if (spec.string("internalTrafficPolicy", svc.internalTrafficPolicy)) checkPolicy(spec, "internalTrafficPolicy", svc.internalTrafficPolicy);
        if (spec.string("loadBalancerIP", svc.loadBalancerIP)) checkIP(spec, "loadBalancerIP", svc.loadBalancerIP);
        spec.stringList("loadBalancerSourceRanges", svc.loadBalancerSourceRanges);
        spec.string("externalName", svc.externalName);
        if (svc.type == "ExternalName" && svc.externalName.empty()) spec.fail("externalName", "Required value");
        spec.integer("healthCheckNodePort", svc.healthCheckNodePort);
        spec.ignore({"clusterIPs", "ipFamilies", "ipFamilyPolicy", "publishNotReadyAddresses",
                     "allocateLoadBalancerNodePorts", "loadBalancerClass", "trafficDistribution"});
    });
    root.accept({"status"});
    return svc;
}

Endpoints decodeEndpoints(MapReader& root) {
    Endpoints ep;
    decodeObjectMeta(root, ep.meta, NameRule::Subdomain);
    root.objectList("subsets", [&](MapReader& s, std::size_t) {
        EndpointSubset subset;
        decodeEndpointAddresses(s, "addresses", subset.addresses);
        decodeEndpointAddresses(s, "notReadyAddresses", subset.notReadyAddresses);
        s.objectList("ports", [&](MapReader& p, std::size_t) { subset.ports.push_back(decodeEndpointPort(p)); });
        ep.subsets.push_back(subset);
    });
    return ep;
}

EndpointSlice decodeEndpointSlice(MapReader& root) {
    EndpointSlice slice;
    decodeObjectMeta(root, slice.meta, NameRule::Subdomain);
    root.require("addressType");
    if (root.string("addressType", slice.addressType) && slice.addressType != "IPv4" && slice.addressType != "IPv6" &&
        slice.addressType != "FQDN")
        root.fail("addressType", "Unsupported value: " + quote(slice.addressType) + ": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
    root.objectList("endpoints", [&](MapReader& e, std::size_t) {
        EndpointSliceEndpoint ep;
        // Kubernetes reads an absent ready or serving condition as true.
        ep.ready = true;
        ep.serving = true;
        e.require("addresses");
        e.stringList("addresses", ep.addresses);
        e.object("conditions", [&](MapReader& c) {
            c.boolean("ready", ep.ready);
            c.boolean("serving", ep.serving);
            c.boolean("terminating", ep.terminating);
        });
        e.string("nodeName", ep.nodeName);
        decodeTargetRef(e, ep.targetRef);
        e.ignore({"hostname", "zone", "hints", "deprecatedTopology"});
        slice.endpoints.push_back(ep);
    });
    root.objectList("ports", [&](MapReader& p, std::size_t) { slice.ports.push_back(decodeEndpointPort(p)); });
    return slice;
}

Node decodeNode(MapReader& root) {
    Node node;
    decodeObjectMeta(root, node.meta, NameRule::Subdomain);
    node.meta.ns.clear();
    root.object("spec", [&](MapReader& spec) {
        spec.string("podCIDR", node.podCIDR);
        spec.boolean("unschedulable", node.unschedulable);
        spec.ignore({"podCIDRs", "providerID", "taints", "configSource", "externalID"});
    });
    root.accept({"status"});
    return node;
}

Namespace decodeNamespace(MapReader& root) {
    Namespace ns;
    decodeObjectMeta(root, ns.meta, NameRule::Label);
    ns.meta.ns.clear();
    root.object("spec", [&](MapReader& spec) { spec.accept({"finalizers"}); });
    root.accept({"status"});
    return ns;
}

} // namespace kns::manifest_detail
