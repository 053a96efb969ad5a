// ReplicationControllers, ReplicaSets and Deployments, with the defaulting each API version
// applies (the API server's conversion and defaulting functions, done here at decode time).
#include <kubenetsim/manifest/decoders.hpp>

#include <regex>

namespace kns::manifest_detail {

namespace {

// Go's %#v of a label map, as the API server prints it in validation messages.
std::string goMap(const Labels& labels) {
    std::string out = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : labels) {
        out += (first ? "" : ", ") + ("\"" + k + "\":\"" + v + "\"");
        first = false;
    }
    return out + "}";
}

void decodeReplicas(MapReader& spec, int& replicas) {
    if (spec.integer("replicas", replicas) && replicas < 0)
        spec.fail("replicas", "Invalid value: " + std::to_string(replicas) + ": must be greater than or equal to 0");
}

void nonNegative(MapReader& spec, const char* key, int& field) {
    if (spec.integer(key, field) && field < 0)
        spec.fail(key, "Invalid value: " + std::to_string(field) + ": must be greater than or equal to 0");
}

bool isLegacyGroup(const std::string& apiVersion) {
    return apiVersion == "extensions/v1beta1" || apiVersion == "apps/v1beta1";
}

// The selector of an extensions/v1beta1 or apps/v1beta1 object defaults to its template's labels;
// later versions require it.
void defaultOrRequireSelector(MapReader& spec, LabelSelector& selector, const PodTemplateSpec& tmpl,
                              const std::string& apiVersion) {
    if (selector.empty() && isLegacyGroup(apiVersion)) selector.matchLabels = tmpl.meta.labels;
    if (selector.empty()) spec.fail("selector", "Required value");
    checkSelectorMatchesTemplate(spec, selector, tmpl);
}

// "25%" or a non-negative integer.
void checkIntOrPercent(MapReader& r, const std::string& key, const IntOrString& v) {
    static const std::regex kPercent("[0-9]+%");
    if (v.isString && !std::regex_match(v.strValue, kPercent))
        r.fail(key, "Invalid value: \"" + v.strValue +
                        "\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
                        "'93%', regex used for validation is '[0-9]+%')");
    if (!v.isString && v.intValue < 0)
        r.fail(key, "Invalid value: " + std::to_string(v.intValue) + ": must be greater than or equal to 0");
}

bool isZero(const IntOrString& v) { return v.isString ? std::stoi(v.strValue) == 0 : v.intValue == 0; }

void decodeStrategy(MapReader& spec, DeploymentStrategy& strategy) {
    spec.object("strategy", [&](MapReader& s) {
        if (s.string("type", strategy.type) && strategy.type != "RollingUpdate" && strategy.type != "Recreate")
            s.fail("type", "Unsupported value: \"" + strategy.type + "\": supported values: \"Recreate\", \"RollingUpdate\"");
        if (strategy.type == "Recreate" && s.has("rollingUpdate"))
            s.fail("rollingUpdate", "Forbidden: may not be specified when strategy `type` is 'Recreate'");
        s.object("rollingUpdate", [&](MapReader& r) {
            if (r.intOrString("maxSurge", strategy.maxSurge)) checkIntOrPercent(r, "maxSurge", strategy.maxSurge);
            if (r.intOrString("maxUnavailable", strategy.maxUnavailable))
                checkIntOrPercent(r, "maxUnavailable", strategy.maxUnavailable);
            if (isZero(strategy.maxSurge) && isZero(strategy.maxUnavailable))
                r.fail("maxUnavailable", "Invalid value: " + strategy.maxUnavailable.str() + ": may not be 0 when `maxSurge` is 0");
        });
    });
}

} // namespace

void decodeLabelSelector(MapReader& selector, LabelSelector& out) {
    selector.stringMap("matchLabels", out.matchLabels);
    selector.objectList("matchExpressions", [&](MapReader& e, std::size_t) {
        SelectorRequirement req;
        e.require("key");
        e.string("key", req.key);
        e.require("operator");
        std::string op;
        e.string("operator", op);
        e.stringList("values", req.values);
        if (op == "In" || op == "NotIn") {
            req.op = op == "In" ? SelectorRequirement::Op::In : SelectorRequirement::Op::NotIn;
            if (req.values.empty()) e.fail("values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");
        } else if (op == "Exists" || op == "DoesNotExist") {
            req.op = op == "Exists" ? SelectorRequirement::Op::Exists : SelectorRequirement::Op::DoesNotExist;
            if (!req.values.empty())
                e.fail("values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        } else {
            e.fail("operator", "Invalid value: \"" + op + "\": not a valid selector operator");
        }
        out.matchExpressions.push_back(req);
    });
}

void checkSelectorMatchesTemplate(MapReader& spec, const LabelSelector& selector, const PodTemplateSpec& tmpl) {
    if (selector.matches(tmpl.meta.labels)) return;
    // Point at the template's labels when written, else at the template itself.
    const YAML::Node tmplNode = spec.node()["template"];
    YAML::Node at = tmplNode;
    if (tmplNode["metadata"] && tmplNode["metadata"]["labels"]) at = tmplNode["metadata"]["labels"];
    spec.context().fail(at, spec.fieldPath("template.metadata.labels"),
                        "Invalid value: " + goMap(tmpl.meta.labels) + ": `selector` does not match template `labels`");
}

ReplicationController decodeReplicationController(MapReader& root) {
    ReplicationController rc;
    decodeObjectMeta(root, rc.meta, NameRule::Subdomain);
    root.require("spec");
    root.object("spec", [&](MapReader& spec) {
        decodeReplicas(spec, rc.replicas);
        spec.stringMap("selector", rc.selector);
        decodePodTemplate(spec, rc.tmpl);
        spec.ignore({"minReadySeconds"});
        // Kubernetes defaults an RC's selector, and then its labels, from the template's labels.
        if (rc.selector.empty()) rc.selector = rc.tmpl.meta.labels;
        if (rc.selector.empty()) spec.fail("selector", "Required value");
        LabelSelector sel;
        sel.matchLabels = rc.selector;
        checkSelectorMatchesTemplate(spec, sel, rc.tmpl);
    });
    if (rc.meta.labels.empty()) rc.meta.labels = rc.tmpl.meta.labels;
    root.accept({"status"});
    return rc;
}

ReplicaSet decodeReplicaSet(MapReader& root, const std::string& apiVersion) {
    ReplicaSet rs;
    decodeObjectMeta(root, rs.meta, NameRule::Subdomain);
    root.require("spec");
    root.object("spec", [&](MapReader& spec) {
        decodeReplicas(spec, rs.replicas);
        spec.object("selector", [&](MapReader& s) { decodeLabelSelector(s, rs.selector); });
        decodePodTemplate(spec, rs.tmpl);
        nonNegative(spec, "minReadySeconds", rs.minReadySeconds);
        defaultOrRequireSelector(spec, rs.selector, rs.tmpl, apiVersion);
    });
    if (rs.meta.labels.empty() && isLegacyGroup(apiVersion)) rs.meta.labels = rs.tmpl.meta.labels;
    root.accept({"status"});
    return rs;
}

Deployment decodeDeployment(MapReader& root, const std::string& apiVersion) {
    Deployment d;
    // extensions/v1beta1 rolled by one pod at a time; apps/v1beta1 kept two old revisions.
    if (apiVersion == "extensions/v1beta1") {
        d.strategy.maxSurge = IntOrString::ofInt(1);
        d.strategy.maxUnavailable = IntOrString::ofInt(1);
    }
    if (apiVersion == "apps/v1beta1") d.revisionHistoryLimit = 2;
    decodeObjectMeta(root, d.meta, NameRule::Subdomain);
    root.require("spec");
    root.object("spec", [&](MapReader& spec) {
        decodeReplicas(spec, d.replicas);
        spec.object("selector", [&](MapReader& s) { decodeLabelSelector(s, d.selector); });
        decodeStrategy(spec, d.strategy);
        decodePodTemplate(spec, d.tmpl);
        nonNegative(spec, "minReadySeconds", d.minReadySeconds);
        nonNegative(spec, "revisionHistoryLimit", d.revisionHistoryLimit);
        spec.boolean("paused", d.paused);
        spec.ignore({"progressDeadlineSeconds", "rollbackTo"});
        defaultOrRequireSelector(spec, d.selector, d.tmpl, apiVersion);
    });
    if (d.meta.labels.empty() && isLegacyGroup(apiVersion)) d.meta.labels = d.tmpl.meta.labels;
    root.accept({"status"});
    return d;
}

} // namespace kns::manifest_detail
