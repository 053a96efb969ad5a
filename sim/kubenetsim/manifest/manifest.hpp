#pragma once
// Kubernetes manifests (YAML) decoded into the cluster's API objects, as `kubectl apply -f` and
// `kubectl create -f` read them.
//
// Contract of decodeManifests(text, fileName):
//  - The text holds one or more YAML documents separated by "---"; empty documents are skipped
//    (kubectl does the same). A `kind: List` document contributes its items.
//  - Each document is dispatched on apiVersion + kind: v1 Namespace, Node, Pod,
//    ReplicationController, Service, Endpoints; apps/v1, apps/v1beta1, apps/v1beta2 and
//    extensions/v1beta1 ReplicaSet and Deployment; discovery.k8s.io/v1 EndpointSlice.
//  - All or nothing: the first problem anywhere in the file (YAML syntax, a wrong type, a
//    missing required field, an unknown kind or apiVersion, an invalid value) fails the whole
//    file and no object is returned. The Error's location is "FILE:LINE:COLUMN" (1-based) of the
//    offending node, its message names the field path as the API server does:
//        rc.yaml:6:13: spec.replicas: expected integer, got string "two"
//        pod.yaml:8:7: spec.containers[0].image: Required value
//        x.yaml:2:7: no matches for kind "Foo" in version "v1"
//        x.yaml:3:3: yaml: illegal map value
//    The shell prints it as "error: " + error.full().
//  - Fields Kubernetes does not know become warnings (kubectl's strict field validation); the
//    shell prints each as "Warning: " + warning.message, e.g. `Warning: unknown field "spec.foo"`.
//    Fields Kubernetes knows but the simulation does not model (volumes, securityContext ...) are
//    accepted and listed in ignoredFields.
//  - Defaulting that depends on the API version is done here, as the API server's conversion
//    would: RC selector and labels from the template; extensions/v1beta1 Deployment selector
//    from the template labels and maxSurge/maxUnavailable of 1; targetPort from port;
//    imagePullPolicy from the image tag. Server-side fields (uid, resourceVersion, status ...)
//    in the text are ignored.
//  - meta.ns stays empty when the document names no namespace: the caller applies `-n` or the
//    context's namespace. Cluster-scoped kinds (Node, Namespace) never carry one.
#include <string>
#include <variant>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns {

using ApiObject = std::variant<Namespace, Node, Pod, ReplicationController, ReplicaSet, Deployment,
                               Service, Endpoints, EndpointSlice>;

// One decoded document.
struct ManifestObject {
    ApiObject object;
    std::string apiVersion;  // as written: "v1", "extensions/v1beta1", "apps/v1" ...
    std::string file;        // the fileName given to decodeManifests
    int line = 0;            // 1-based line where the document's object starts

    Kind kind() const;
    const ObjectMeta& meta() const;
    ObjectMeta& meta();
};

struct ManifestWarning {
    std::string message;   // `unknown field "spec.foo"`
    std::string location;  // "rc.yaml:9:3"
    int line = 0;          // 1-based, as in location
    int column = 0;
};

struct DecodedManifests {
    std::vector<ManifestObject> objects;  // in document order
    std::vector<ManifestWarning> warnings;  // in source order
    std::vector<std::string> ignoredFields;  // "spec.volumes", in the order met
};

Expected<DecodedManifests> decodeManifests(const std::string& text, const std::string& fileName);

// The apiVersion under which a kind is served (for messages and encoding): "v1", "apps/v1",
// "extensions/v1beta1" (Deployment and ReplicaSet in the legacy era), "discovery.k8s.io/v1".
std::string preferredApiVersion(Kind kind, bool legacy);

} // namespace kns
