#include <kubenetsim/controllers/pod_template.hpp>

#include <kubenetsim/controllers/process.hpp>

namespace kns {

namespace {

void put(std::string& out, const std::string& field, const std::string& value) {
    out += field;
    out += '=';
    out += std::to_string(value.size());  // length-prefixed: no separator ambiguity
    out += ':';
    out += value;
    out += ';';
}

void putProbe(std::string& out, const std::string& field, const std::optional<Probe>& p) {
    if (!p) return;
    put(out, field + ".handler", p->handler);
    put(out, field + ".path", p->path);
    put(out, field + ".port", p->port.str());
    put(out, field + ".scheme", p->scheme);
    for (const auto& c : p->command) put(out, field + ".command", c);
    put(out, field + ".timing", std::to_string(p->initialDelaySeconds) + "," + std::to_string(p->timeoutSeconds) + "," +
                                    std::to_string(p->periodSeconds) + "," + std::to_string(p->successThreshold) + "," +
                                    std::to_string(p->failureThreshold));
}

} // namespace

std::string templateFingerprint(const PodTemplateSpec& tmpl, bool ignoreHash) {
    std::string out;
    for (const auto& [k, v] : tmpl.meta.labels)
        if (!(ignoreHash && k == kPodTemplateHashLabel)) put(out, "label." + k, v);
    for (const auto& [k, v] : tmpl.meta.annotations) put(out, "annotation." + k, v);
    const PodSpec& s = tmpl.spec;
    put(out, "nodeName", s.nodeName);
    put(out, "restartPolicy", s.restartPolicy);
    put(out, "hostNetwork", s.hostNetwork ? "true" : "false");
    put(out, "serviceAccountName", s.serviceAccountName);
    put(out, "terminationGracePeriodSeconds", std::to_string(s.terminationGracePeriodSeconds));
    for (const auto& [k, v] : s.nodeSelector) put(out, "nodeSelector." + k, v);
    for (const auto& c : s.containers) {
        put(out, "container", c.name);
        put(out, "image", c.image);
        put(out, "imagePullPolicy", c.imagePullPolicy);
        for (const auto& a : c.command) put(out, "command", a);
        for (const auto& a : c.args) put(out, "args", a);
        for (const auto& p : c.ports)
            put(out, "port", p.name + "," + std::to_string(p.containerPort) + "," + std::to_string(p.hostPort) + "," + p.protocol);
        for (const auto& e : c.env) put(out, "env." + e.name, e.value);
        putProbe(out, "readinessProbe", c.readinessProbe);
        putProbe(out, "livenessProbe", c.livenessProbe);
        put(out, "requests", c.requests.cpu + "," + c.requests.memory);
        put(out, "limits", c.limits.cpu + "," + c.limits.memory);
    }
    return out;
}

std::string podTemplateHash(const PodTemplateSpec& tmpl, Era era) {
    std::uint32_t h = 2166136261u;
    for (unsigned char ch : templateFingerprint(tmpl, true)) {
        h ^= ch;
        h *= 16777619u;
    }
    const std::string decimal = std::to_string(h);
    if (era == Era::Legacy) return decimal;
    static constexpr char kSafe[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (unsigned char ch : decimal) out += kSafe[ch % (sizeof kSafe - 1)];
    return out;
}

Pod podFromTemplate(const PodTemplateSpec& tmpl, const ObjectMeta& owner, const std::string& ownerApiVersion,
                    const std::string& ownerKind, Era era) {
    Pod pod;
    pod.meta.generateName = owner.name + "-";
    pod.meta.ns = owner.ns;
    pod.meta.labels = tmpl.meta.labels;
    pod.meta.annotations = tmpl.meta.annotations;
    pod.meta.ownerReferences.push_back(controllerReference(owner, ownerApiVersion, ownerKind));
    if (era == Era::Legacy) {
        pod.meta.annotations["kubernetes.io/created-by"] =
            "{\"kind\":\"SerializedReference\",\"apiVersion\":\"v1\",\"reference\":{\"kind\":\"" + ownerKind + "\",\"namespace\":\"" +
            owner.ns + "\",\"name\":\"" + owner.name + "\",\"uid\":\"" + owner.uid + "\",\"apiVersion\":\"" + ownerApiVersion +
            "\",\"resourceVersion\":\"" + std::to_string(owner.resourceVersion) + "\"}}\n";
    }
    pod.spec = tmpl.spec;
    return pod;
}

} // namespace kns
