// Documents, apiVersion/kind dispatch and the all-or-nothing rule of decodeManifests().
#include <kubenetsim/manifest/manifest.hpp>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/manifest/decoders.hpp>

#include <algorithm>

namespace kns {

using namespace manifest_detail;

Kind ManifestObject::kind() const {
    return std::visit([](const auto& o) { return kindOf<std::decay_t<decltype(o)>>(); }, object);
}

const ObjectMeta& ManifestObject::meta() const {
    return std::visit([](const auto& o) -> const ObjectMeta& { return o.meta; }, object);
}

ObjectMeta& ManifestObject::meta() {
    return std::visit([](auto& o) -> ObjectMeta& { return o.meta; }, object);
}

std::string preferredApiVersion(Kind kind, bool legacy) {
    switch (kind) {
    case Kind::ReplicaSet:
    case Kind::Deployment: return legacy ? "extensions/v1beta1" : "apps/v1";
    case Kind::EndpointSlice: return "discovery.k8s.io/v1";
    default: return "v1";
    }
}

namespace {

// Which kinds each served group/version holds. Deployments were served from extensions/v1beta1
// in 2017 and from apps/v1beta1, apps/v1beta2 and apps/v1 later; all are accepted.
bool serves(const std::string& apiVersion, const std::string& kind) {
    auto in = [&](std::initializer_list<const char*> kinds) {
        return std::any_of(kinds.begin(), kinds.end(), [&](const char* k) { return kind == k; });
    };
    if (apiVersion == "v1") return in({"Namespace", "Node", "Pod", "ReplicationController", "Service", "Endpoints", "List"});
    if (apiVersion == "apps/v1" || apiVersion == "apps/v1beta2" || apiVersion == "extensions/v1beta1")
        return in({"ReplicaSet", "Deployment"});
    if (apiVersion == "apps/v1beta1") return in({"Deployment"});
    if (apiVersion == "discovery.k8s.io/v1" || apiVersion == "discovery.k8s.io/v1beta1") return in({"EndpointSlice"});
    return false;
}

bool isSimulatedKind(const std::string& kind) {
    for (const char* k : {"Namespace", "Node", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "Service",
                          "Endpoints", "EndpointSlice", "List"})
        if (kind == k) return true;
    return false;
}

// Kinds a learner meets in the same tutorials; they exist in Kubernetes, not in the simulation.
bool isUnsimulatedKubernetesKind(const std::string& kind) {
    for (const char* k : {"ConfigMap", "Secret", "StatefulSet", "DaemonSet", "Job", "CronJob", "Ingress",
                          "PersistentVolume", "PersistentVolumeClaim", "ServiceAccount", "NetworkPolicy",
                          "HorizontalPodAutoscaler", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"})
        if (kind == k) return true;
    return false;
}

class DocumentDecoder {
public:
    DocumentDecoder(DecodeContext& ctx, std::vector<ManifestObject>& out) : m_ctx(ctx), m_out(out) {}

    void decode(const YAML::Node& doc, const std::string& path) {
        MapReader root(m_ctx, doc, path);
        const bool hasApiVersion = root.has("apiVersion");
        const bool hasKind = root.has("kind");
        if (!hasApiVersion && !hasKind) m_ctx.fail(doc, "", "error validating data: [apiVersion not set, kind not set]");
        if (!hasApiVersion) m_ctx.fail(doc, "", "error validating data: apiVersion not set");
        if (!hasKind) m_ctx.fail(doc, "", "error validating data: kind not set");
        std::string apiVersion;
        std::string kind;
        root.string("apiVersion", apiVersion);
        root.string("kind", kind);
        if (!serves(apiVersion, kind)) {
            std::string message = "no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"";
            if (isUnsimulatedKubernetesKind(kind)) message += " (kubenetsim does not simulate " + kind + " objects)";
            m_ctx.fail(isSimulatedKind(kind) ? root.node()["apiVersion"] : root.node()["kind"], "", message);
        }
        if (kind == "List") {
            decodeList(root);
            return;
        }
        ManifestObject obj{decodeKind(root, apiVersion, kind), apiVersion, m_ctx.file, doc.Mark().line + 1};
        root.finish();
        m_out.push_back(std::move(obj));
    }

private:
    void decodeList(MapReader& root) {
        const YAML::Node items = root.take("items");
        if (items.IsDefined() && !items.IsNull()) {
            if (!items.IsSequence()) m_ctx.fail(items, root.fieldPath("items"), "expected array, got " + typeName(items));
            std::size_t i = 0;
            for (const auto& item : items) decode(item, indexPath(root.fieldPath("items"), i++));
        }
        root.accept({"metadata"});
        root.finish();
    }

    ApiObject decodeKind(MapReader& root, const std::string& apiVersion, const std::string& kind) {
        if (kind == "Namespace") return decodeNamespace(root);
        if (kind == "Node") return decodeNode(root);
        if (kind == "Pod") return decodePod(root);
        if (kind == "ReplicationController") return decodeReplicationController(root);
        if (kind == "ReplicaSet") return decodeReplicaSet(root, apiVersion);
        if (kind == "Deployment") return decodeDeployment(root, apiVersion);
        if (kind == "Service") return decodeService(root);
        if (kind == "Endpoints") return decodeEndpoints(root);
        return decodeEndpointSlice(root);
    }

    DecodeContext& m_ctx;
    std::vector<ManifestObject>& m_out;
};

std::string markLocation(const std::string& file, const YAML::Mark& mark) {
    if (mark.is_null()) return file;
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

} // namespace

Expected<DecodedManifests> decodeManifests(const std::string& text, const std::string& fileName) {
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text);
    } catch (const YAML::ParserException& e) {
        return Error{"yaml: " + e.msg, markLocation(fileName, e.mark)};
    } catch (const YAML::Exception& e) {
        return Error{"yaml: " + e.msg, markLocation(fileName, e.mark)};
    }
    DecodeContext ctx;
    ctx.file = fileName;
    DecodedManifests result;
    try {
        DocumentDecoder decoder(ctx, result.objects);
        for (const auto& doc : docs) {
            if (!doc.IsDefined() || doc.IsNull()) continue;  // "---" with nothing after it
            decoder.decode(doc, "");
        }
    } catch (const DecodeFailure& failure) {
        return failure.error;
    } catch (const YAML::Exception& e) {
        return Error{"yaml: " + e.msg, markLocation(fileName, e.mark)};
    }
    result.warnings = std::move(ctx.warnings);
    std::stable_sort(result.warnings.begin(), result.warnings.end(), [](const ManifestWarning& a, const ManifestWarning& b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    result.ignoredFields = std::move(ctx.ignoredFields);
    return result;
}

} // namespace kns
