// Object metadata, shared shapes and the JSON text layout of the encoder.
#include <kubenetsim/manifest/encode.hpp>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/manifest/encode_detail.hpp>

#include <ctime>

namespace kns {

using namespace encode_detail;

std::string rfc3339(const Simulation& sim, SimTime t) {
    const std::time_t seconds = static_cast<std::time_t>(sim.wallSeconds(t));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

namespace encode_detail {

bool legacy(const Simulation& sim) { return sim.era() == Era::Legacy; }

namespace {

// The REST path of an object, for the legacy era's metadata.selfLink.
std::string selfLink(const std::string& apiVersion, Kind kind, const ObjectMeta& meta) {
    static const char* plural[] = {"namespaces", "nodes", "pods", "replicationcontrollers", "replicasets",
                                   "deployments", "services", "endpoints", "endpointslices"};
    const std::string base = apiVersion == "v1" ? "/api/v1" : "/apis/" + apiVersion;
    const std::string resource = plural[static_cast<std::size_t>(kind)];
    if (!isNamespaced(kind)) return base + "/" + resource + "/" + meta.name;
    return base + "/namespaces/" + meta.ns + "/" + resource + "/" + meta.name;
}

} // namespace

Json objectHead(const Simulation& sim, Kind kind, const ObjectMeta& meta) {
    const std::string apiVersion = preferredApiVersion(kind, legacy(sim));
    Json m = Json::object();
    if (!meta.annotations.empty()) m["annotations"] = meta.annotations;
    m["creationTimestamp"] = rfc3339(sim, meta.creationTimestamp);
    if (meta.deletionTimestamp) {
        m["deletionGracePeriodSeconds"] = meta.deletionGracePeriodSeconds;
        m["deletionTimestamp"] = rfc3339(sim, *meta.deletionTimestamp);
    }
    if (!meta.generateName.empty()) m["generateName"] = meta.generateName;
    // Only the workload controllers expose metadata.generation in these eras' output.
    const bool workload = kind == Kind::ReplicationController || kind == Kind::ReplicaSet || kind == Kind::Deployment;
    if (workload && meta.generation > 0) m["generation"] = meta.generation;
    if (!meta.labels.empty()) m["labels"] = meta.labels;
    m["name"] = meta.name;
    if (isNamespaced(kind)) m["namespace"] = meta.ns;
    if (!meta.ownerReferences.empty()) {
        Json refs = Json::array();
        for (const auto& o : meta.ownerReferences)
            refs.push_back(Json{{"apiVersion", o.apiVersion}, {"blockOwnerDeletion", o.blockOwnerDeletion},
                                {"controller", o.controller}, {"kind", o.kind}, {"name", o.name}, {"uid", o.uid}});
        m["ownerReferences"] = refs;
    }
    m["resourceVersion"] = std::to_string(meta.resourceVersion);
    if (legacy(sim)) m["selfLink"] = selfLink(apiVersion, kind, meta);
    m["uid"] = meta.uid;
    return Json{{"apiVersion", apiVersion}, {"kind", kindName(kind)}, {"metadata", m}};
}

Json intOrString(const IntOrString& v) { return v.isString ? Json(v.strValue) : Json(v.intValue); }

Json labelSelector(const LabelSelector& s) {
    Json out = Json::object();
    if (!s.matchExpressions.empty()) {
        Json exprs = Json::array();
        for (const auto& r : s.matchExpressions) {
            const char* op = "In";
            switch (r.op) {
            case SelectorRequirement::Op::In:
            case SelectorRequirement::Op::Equals: op = "In"; break;
            case SelectorRequirement::Op::NotIn:
            case SelectorRequirement::Op::NotEquals: op = "NotIn"; break;
            case SelectorRequirement::Op::Exists: op = "Exists"; break;
            case SelectorRequirement::Op::DoesNotExist: op = "DoesNotExist"; break;
            }
            Json e{{"key", r.key}, {"operator", op}};
            if (!r.values.empty()) e["values"] = r.values;
            exprs.push_back(e);
        }
        out["matchExpressions"] = exprs;
    }
    if (!s.matchLabels.empty()) out["matchLabels"] = s.matchLabels;
    return out;
}

Json objectReference(const ObjectReference& ref) {
    Json out{{"kind", ref.kind}, {"name", ref.name}};
    if (!ref.ns.empty()) out["namespace"] = ref.ns;
    if (!ref.uid.empty()) out["uid"] = ref.uid;
    return out;
}

Json sortedKeys(const Json& value) {
    if (value.is_array()) {
        Json out = Json::array();
        for (const auto& v : value) out.push_back(sortedKeys(v));
        return out;
    }
    if (!value.is_object()) return value;
    std::vector<std::string> keys;
    for (auto it = value.begin(); it != value.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    Json out = Json::object();
    for (const auto& k : keys) out[k] = sortedKeys(value.at(k));
    return out;
}

} // namespace encode_detail

nlohmann::ordered_json toJson(const Simulation& sim, const ApiObject& obj) {
    return std::visit([&](const auto& o) { return toJson(sim, o); }, obj);
}

nlohmann::ordered_json listJson(std::vector<nlohmann::ordered_json> items) {
    Json list = Json::object();
    list["apiVersion"] = "v1";
    list["items"] = Json::array();
    for (auto& i : items) list["items"].push_back(std::move(i));
    list["kind"] = "List";
    list["metadata"] = Json{{"resourceVersion", ""}};
    return list;
}

std::string jsonText(const nlohmann::ordered_json& value) { return value.dump(4) + "\n"; }

} // namespace kns
