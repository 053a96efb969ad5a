// Metadata, pods and their containers and probes, as the core/v1 API defines them.
#include <kubenetsim/manifest/decoders.hpp>

#include <regex>

namespace kns::manifest_detail {

namespace {

// The API server's own wording for invalid names (k8s.io/apimachinery validation).
const char* kSubdomainHelp =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char* kLabelHelp =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
    "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char* kServiceLabelHelp =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
    "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

std::string quote(const std::string& s) { return "\"" + s + "\""; }

// Kubernetes defaults imagePullPolicy from the image reference: Always for ":latest" or no tag.
std::string defaultPullPolicy(const std::string& image) {
    if (image.find('@') != std::string::npos) return "IfNotPresent";
    const std::size_t slash = image.rfind('/');
    const std::size_t colon = image.rfind(':');
    const bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
    if (!tagged || image.substr(colon + 1) == "latest") return "Always";
    return "IfNotPresent";
}

void checkOneOf(MapReader& r, const std::string& key, const std::string& value,
                std::initializer_list<const char*> supported) {
    std::string list;
    for (const char* s : supported) {
        if (value == s) return;
        list += (list.empty() ? "" : ", ") + quote(s);
    }
    r.fail(key, "Unsupported value: " + quote(value) + ": supported values: " + list);
}

// A resource quantity: YAML numbers and strings both are accepted ("cpu: 1", cpu: "500m").
void decodeResourceList(MapReader& r, ResourceList& out) {
    for (const char* key : {"cpu", "memory"}) {
        const YAML::Node v = r.take(key);
        if (!v.IsDefined() || v.IsNull()) continue;
        if (!v.IsScalar() || resolveScalar(v) == ScalarType::Boolean)
            r.fail(key, "expected quantity, got " + typeName(v));
        (std::string(key) == "cpu" ? out.cpu : out.memory) = v.Scalar();
    }
    r.ignore({"ephemeral-storage", "hugepages-2Mi", "hugepages-1Gi", "nvidia.com/gpu"});
}

void decodeProbe(MapReader& p, Probe& out) {
    int handlers = 0;
    if (p.object("httpGet", [&](MapReader& h) {
            out.handler = "httpGet";
            h.string("path", out.path);
            h.require("port");
            h.intOrString("port", out.port);
            h.string("scheme", out.scheme);
            if (out.scheme != "HTTP" && out.scheme != "HTTPS") checkOneOf(h, "scheme", out.scheme, {"HTTP", "HTTPS"});
            h.ignore({"host", "httpHeaders"});
        }))
        ++handlers;
    if (p.object("tcpSocket", [&](MapReader& t) {
            out.handler = "tcpSocket";
            t.require("port");
            t.intOrString("port", out.port);
            t.ignore({"host"});
        }))
        ++handlers;
    if (p.object("exec", [&](MapReader& e) {
            out.handler = "exec";
            e.stringList("command", out.command);
        }))
        ++handlers;
    p.ignore({"grpc", "terminationGracePeriodSeconds"});
    if (handlers == 0) p.failHere("Required value: must specify a handler type");
    if (handlers > 1) p.failHere("Forbidden: may not specify more than 1 handler type");
    auto nonNegative = [&](const char* key, int& field) {
        if (p.integer(key, field) && field < 0)
            p.fail(key, "Invalid value: " + std::to_string(field) + ": must be greater than or equal to 0");
    };
    nonNegative("initialDelaySeconds", out.initialDelaySeconds);
    nonNegative("timeoutSeconds", out.timeoutSeconds);
    nonNegative("periodSeconds", out.periodSeconds);
    nonNegative("successThreshold", out.successThreshold);
    nonNegative("failureThreshold", out.failureThreshold);
}

void decodeContainer(MapReader& c, Container& out) {
    c.require("name");
    c.string("name", out.name);
    if (auto problem = nameProblem(out.name, NameRule::Label); !problem.empty()) c.fail("name", problem);
    c.require("image");
    c.string("image", out.image);
    out.imagePullPolicy = defaultPullPolicy(out.image);
    if (c.string("imagePullPolicy", out.imagePullPolicy))
        checkOneOf(c, "imagePullPolicy", out.imagePullPolicy, {"Always", "IfNotPresent", "Never"});
    c.stringList("command", out.command);
    c.stringList("args", out.args);
    c.objectList("ports", [&](MapReader& p, std::size_t) {
        ContainerPort port;
        p.string("name", port.name);
        p.require("containerPort");
        p.integer("containerPort", port.containerPort);
        checkPortNumber(p, "containerPort", port.containerPort);
        if (p.integer("hostPort", port.hostPort)) checkPortNumber(p, "hostPort", port.hostPort);
        if (p.string("protocol", port.protocol)) checkProtocol(p, "protocol", port.protocol);
        p.ignore({"hostIP"});
        out.ports.push_back(port);
    });
    c.objectList("env", [&](MapReader& e, std::size_t) {
        EnvVar var;
        e.require("name");
        e.string("name", var.name);
        e.string("value", var.value);
        e.ignore({"valueFrom"});
        out.env.push_back(var);
    });
    c.object("readinessProbe", [&](MapReader& p) { decodeProbe(p, out.readinessProbe.emplace()); });
    c.object("livenessProbe", [&](MapReader& p) { decodeProbe(p, out.livenessProbe.emplace()); });
    c.object("resources", [&](MapReader& r) {
        r.object("requests", [&](MapReader& q) { decodeResourceList(q, out.requests); });
        r.object("limits", [&](MapReader& q) { decodeResourceList(q, out.limits); });
        r.ignore({"claims"});
    });
    c.ignore({"volumeMounts", "volumeDevices", "workingDir", "securityContext", "stdin", "stdinOnce", "tty",
              "terminationMessagePath", "terminationMessagePolicy", "envFrom", "lifecycle", "startupProbe",
              "resizePolicy", "restartPolicy"});
}

} // namespace

std::string nameProblem(const std::string& name, NameRule rule) {
    static const std::regex kSubdomain(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
    static const std::regex kLabel(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
    static const std::regex kServiceLabel(R"([a-z]([-a-z0-9]*[a-z0-9])?)");
    const std::string prefix = "Invalid value: " + quote(name) + ": ";
    switch (rule) {
    case NameRule::Subdomain:
        if (name.size() > 253) return prefix + "must be no more than 253 characters";
        return std::regex_match(name, kSubdomain) ? "" : prefix + kSubdomainHelp;
    case NameRule::Label:
        if (name.size() > 63) return prefix + "must be no more than 63 characters";
        return std::regex_match(name, kLabel) ? "" : prefix + kLabelHelp;
    case NameRule::ServiceLabel:
        if (name.size() > 63) return prefix + "must be no more than 63 characters";
        return std::regex_match(name, kServiceLabel) ? "" : prefix + kServiceLabelHelp;
    }
    return "";
}

void decodeObjectMeta(MapReader& root, ObjectMeta& meta, NameRule rule) {
    if (!root.has("metadata"))
        root.context().fail(root.node(), root.fieldPath("metadata.name"), "Required value: name or generateName is required");
    root.object("metadata", [&](MapReader& m) {
        m.string("name", meta.name);
        m.string("generateName", meta.generateName);
        if (meta.name.empty() && meta.generateName.empty())
            m.fail("name", "Required value: name or generateName is required");
        if (!meta.name.empty())
            if (auto problem = nameProblem(meta.name, rule); !problem.empty()) m.fail("name", problem);
        if (m.string("namespace", meta.ns))
            if (auto problem = nameProblem(meta.ns, NameRule::Label); !problem.empty()) m.fail("namespace", problem);
        m.stringMap("labels", meta.labels);
        m.stringMap("annotations", meta.annotations);
        // Set by the API server; a manifest saved from `kubectl get -o yaml` carries them.
        m.accept({"uid", "resourceVersion", "creationTimestamp", "selfLink", "generation", "ownerReferences",
                  "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "clusterName"});
    });
}

void checkProtocol(MapReader& r, const std::string& key, const std::string& value) {
    checkOneOf(r, key, value, {"SCTP", "TCP", "UDP"});
}

void checkPortNumber(MapReader& r, const std::string& key, int port) {
    if (port < 1 || port > 65535)
        r.fail(key, "Invalid value: " + std::to_string(port) + ": must be between 1 and 65535, inclusive");
}

void decodePodSpec(MapReader& spec, PodSpec& out) {
    spec.require("containers");
    spec.objectList("containers", [&](MapReader& c, std::size_t) { decodeContainer(c, out.containers.emplace_back()); });
    if (out.containers.empty()) spec.fail("containers", "Required value");
    spec.string("nodeName", out.nodeName);
    if (spec.string("restartPolicy", out.restartPolicy))
        checkOneOf(spec, "restartPolicy", out.restartPolicy, {"Always", "Never", "OnFailure"});
    spec.boolean("hostNetwork", out.hostNetwork);
    spec.string("serviceAccount", out.serviceAccountName);  // the deprecated alias
    spec.string("serviceAccountName", out.serviceAccountName);
    if (spec.integer("terminationGracePeriodSeconds", out.terminationGracePeriodSeconds) && out.terminationGracePeriodSeconds < 0)
        spec.fail("terminationGracePeriodSeconds", "Invalid value: " + std::to_string(out.terminationGracePeriodSeconds) +
                                                       ": must be greater than or equal to 0");
    spec.stringMap("nodeSelector", out.nodeSelector);
    spec.ignore({"volumes", "dnsPolicy", "dnsConfig", "schedulerName", "securityContext", "affinity", "tolerations",
                 "initContainers", "ephemeralContainers", "imagePullSecrets", "hostname", "subdomain", "hostAliases",
                 "priority", "priorityClassName", "preemptionPolicy", "activeDeadlineSeconds",
                 "automountServiceAccountToken", "enableServiceLinks", "hostPID", "hostIPC", "hostUsers",
                 "readinessGates", "runtimeClassName", "topologySpreadConstraints", "shareProcessNamespace",
                 "setHostnameAsFQDN", "overhead", "os", "schedulingGates", "resourceClaims"});
}

void decodePodTemplate(MapReader& spec, PodTemplateSpec& out) {
    spec.require("template");
    spec.object("template", [&](MapReader& t) {
        t.object("metadata", [&](MapReader& m) {
            m.stringMap("labels", out.meta.labels);
            m.stringMap("annotations", out.meta.annotations);
            // A template's name and namespace are accepted and unused, as in Kubernetes.
            m.accept({"name", "generateName", "namespace", "uid", "resourceVersion", "creationTimestamp",
                      "selfLink", "generation", "ownerReferences", "finalizers", "managedFields"});
        });
        t.require("spec");
        t.object("spec", [&](MapReader& s) { decodePodSpec(s, out.spec); });
    });
}

Pod decodePod(MapReader& root) {
    Pod pod;
    decodeObjectMeta(root, pod.meta, NameRule::Subdomain);
    root.require("spec");
    root.object("spec", [&](MapReader& s) { decodePodSpec(s, pod.spec); });
    root.accept({"status"});
    return pod;
}

} // namespace kns::manifest_detail
