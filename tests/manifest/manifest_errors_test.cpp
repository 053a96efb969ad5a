#include <doctest/doctest.h>

#include <kubenetsim/manifest/manifest.hpp>

using namespace kns;

namespace {

struct BrokenManifest {
    const char* name;
    const char* text;
    const char* expected;  // Error::full(): "FILE:LINE:COLUMN: message"
};

// A valid RC the broken cases below vary, line by line.
//  1 apiVersion: v1
//  2 kind: ReplicationController
//  3 metadata:
//  4   name: rcsise
//  5 spec:
//  6   replicas: 1
//  7   selector:
//  8     app: sise
//  9   template:
// 10     metadata:
// 11       labels:
// 12         app: sise
// 13     spec:
// 14       containers:
// 15       - name: sise
// 16         image: mhausenblas/simpleservice:0.5.0
// 17         ports:
// 18         - containerPort: 9876
const BrokenManifest kCases[] = {
    {"replicas given as a word",
     "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rcsise\nspec:\n  replicas: two\n",
     "rc.yaml:6:13: spec.replicas: expected integer, got string \"two\""},
    {"replicas quoted as a string",
     "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rcsise\nspec:\n  replicas: \"2\"\n",
     "rc.yaml:6:13: spec.replicas: expected integer, got string \"2\""},
    {"negative replicas",
     "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rcsise\nspec:\n  replicas: -1\n  template:\n"
     "    metadata:\n      labels:\n        app: sise\n    spec:\n      containers:\n      - name: sise\n        image: i\n",
     "rc.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0"},
    {"fractional replicas",
     "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rcsise\nspec:\n  replicas: 1.5\n",
     "rc.yaml:6:13: spec.replicas: expected integer, got number \"1.5\""},
    {"missing kind",
     "apiVersion: v1\nmetadata:\n  name: rcsise\n",
     "rc.yaml:1:1: error validating data: kind not set"},
    {"missing apiVersion and kind",
     "metadata:\n  name: rcsise\n",
     "rc.yaml:1:1: error validating data: [apiVersion not set, kind not set]"},
    {"unknown kind",
     "apiVersion: v1\nkind: ReplicaController\nmetadata:\n  name: rcsise\n",
     "rc.yaml:2:7: no matches for kind \"ReplicaController\" in version \"v1\""},
    {"a known kind in a version that does not serve it",
     "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: d\n",
     "rc.yaml:1:13: no matches for kind \"Deployment\" in version \"v1\""},
    {"unknown apiVersion",
     "apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: d\n",
     "rc.yaml:1:13: no matches for kind \"Deployment\" in version \"apps/v2\""},
    {"a Kubernetes kind the simulation does not model",
     "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n",
     "rc.yaml:2:7: no matches for kind \"Secret\" in version \"v1\" (kubenetsim does not simulate Secret objects)"},
    {"missing metadata.name",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: x\nspec:\n  containers: []\n",
     "rc.yaml:4:3: metadata.name: Required value: name or generateName is required"},
    {"an upper-case name",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: MyPod\n",
     "rc.yaml:4:9: metadata.name: Invalid value: \"MyPod\": a lowercase RFC 1123 subdomain must consist of lower case "
     "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
     "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
    {"a container without an image",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: sise\n    ports:\n"
     "    - containerPort: 9876\n",
     "rc.yaml:7:5: spec.containers[0].image: Required value"},
    {"a container without a name",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: centos:7\n",
     "rc.yaml:7:5: spec.containers[0].name: Required value"},
    {"a pod without containers",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n",
     "rc.yaml:6:15: spec.containers: Required value"},
    {"containers given as a mapping",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    name: sise\n    image: i\n",
     "rc.yaml:7:5: spec.containers: expected array, got object"},
    {"a container port out of range",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: sise\n    image: i\n"
     "    ports:\n    - containerPort: 98760\n",
     "rc.yaml:10:22: spec.containers[0].ports[0].containerPort: Invalid value: 98760: must be between 1 and 65535, inclusive"},
    {"a container port given as a name",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: sise\n    image: i\n"
     "    ports:\n    - containerPort: http\n",
     "rc.yaml:10:22: spec.containers[0].ports[0].containerPort: expected integer, got string \"http\""},
    {"an env value written as a number (the classic 1.0 without quotes)",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: envs\nspec:\n  containers:\n  - name: sise\n    image: i\n"
     "    env:\n    - name: SIMPLE_SERVICE_VERSION\n      value: 1.0\n",
     "rc.yaml:11:14: spec.containers[0].env[0].value: expected string, got number \"1.0\""},
    {"a probe without a handler",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hc\nspec:\n  containers:\n  - name: sise\n    image: i\n"
     "    livenessProbe:\n      periodSeconds: 5\n",
     "rc.yaml:10:7: spec.containers[0].livenessProbe: Required value: must specify a handler type"},
    {"a service port missing",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: simpleservice\nspec:\n  ports:\n    - targetPort: 9876\n",
     "rc.yaml:7:7: spec.ports[0].port: Required value"},
    {"a service port out of range",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: simpleservice\nspec:\n  ports:\n    - port: 0\n",
     "rc.yaml:7:13: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"},
    {"a service protocol in lower case",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    protocol: tcp\n",
     "rc.yaml:8:15: spec.ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""},
    {"a named targetPort with a capital letter",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: Http\n",
     "rc.yaml:8:17: spec.ports[0].targetPort: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"},
    {"an unknown service type",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Nodeport\n  ports:\n  - port: 80\n",
     "rc.yaml:6:9: spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""},
    {"a service name starting with a digit",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1svc\nspec:\n  ports:\n  - port: 80\n",
     "rc.yaml:4:9: metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric "
     "characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
     "or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"},
    {"a service selector given as a list",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n  selector:\n  - app=sise\n",
     "rc.yaml:9:3: spec.selector: expected object, got array"},
    {"an RC selector that does not select its template",
     "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rcsise\nspec:\n  selector:\n    app: sise\n"
     "  template:\n    metadata:\n      labels:\n        app: other\n    spec:\n      containers:\n      - name: sise\n"
     "        image: i\n",
     "rc.yaml:11:9: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does "
     "not match template `labels`"},
    {"an apps/v1 Deployment without a selector",
     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n"
     "        app: sise\n    spec:\n      containers:\n      - name: sise\n        image: i\n",
     "rc.yaml:6:3: spec.selector: Required value"},
    {"a Deployment selector written the RC way",
     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    app: sise\n  template:\n"
     "    metadata:\n      labels:\n        app: sise\n    spec:\n      containers:\n      - name: sise\n        image: i\n",
     "rc.yaml:7:5: spec.selector: Required value"},
    {"a maxSurge that is not a percentage",
     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  strategy:\n    rollingUpdate:\n"
     "      maxSurge: 25 percent\n",
     "rc.yaml:8:17: spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25 percent\": a valid percent string must be "
     "a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"},
    {"bad indentation",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n labels:\n    app: x\n",
     "rc.yaml:5:2: yaml: end of map not found"},
    {"an unclosed flow sequence",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [\n",
     "rc.yaml:7:1: yaml: end of sequence flow not found"},
    {"a key given twice",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  name: q\n",
     "rc.yaml:5:3: yaml: key \"name\" already set in map"},
    {"a document that is not a mapping",
     "just some text\n",
     "rc.yaml:1:1: expected object, got string \"just some text\""},
    {"a bad second document in a multi-document file",
     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Service\nmetadata:\n"
     "  name: s\nspec:\n  ports:\n  - port: eighty\n",
     "rc.yaml:12:11: spec.ports[0].port: expected integer, got string \"eighty\""},
    {"externalTrafficPolicy on a ClusterIP service",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n  externalTrafficPolicy: Local\n",
     "rc.yaml:8:26: spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is 'NodePort' or "
     "'LoadBalancer'"},
    {"a session affinity timeout of zero",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n"
     "    clientIP:\n      timeoutSeconds: 0\n  ports:\n  - port: 80\n",
     "rc.yaml:9:23: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and "
     "less than 86400"},
    {"a List item without metadata",
     "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n",
     "rc.yaml:4:3: items[0].metadata.name: Required value: name or generateName is required"},
    {"a boolean field given a number",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: 1\n  containers:\n  - name: c\n    image: i\n",
     "rc.yaml:6:16: spec.hostNetwork: expected boolean, got integer \"1\""},
    {"labels given as a list",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n  - app: x\n",
     "rc.yaml:6:3: metadata.labels: expected object, got array"},
    {"a label value written as a number",
     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 2\n",
     "rc.yaml:6:14: metadata.labels.version: expected string, got integer \"2\""},
};

} // namespace

TEST_CASE("each broken manifest fails as a whole with its precise location and message") {
    for (const BrokenManifest& c : kCases) {
        const std::string name = c.name;
        CAPTURE(name);
        Expected<DecodedManifests> r = decodeManifests(c.text, "rc.yaml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().full() == c.expected);
    }
}

TEST_CASE("a bad document anywhere in a file yields no object at all") {
    const std::string good = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n";
    const std::string bad = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: B\n";
    CHECK(decodeManifests(good + "---\n" + good, "x.yaml").ok());
    CHECK_FALSE(decodeManifests(good + "---\n" + bad, "x.yaml").ok());
    CHECK_FALSE(decodeManifests(bad + "---\n" + good, "x.yaml").ok());
    CHECK(decodeManifests(good + "---\n" + bad, "x.yaml").error().location == "x.yaml:9:9");
}
