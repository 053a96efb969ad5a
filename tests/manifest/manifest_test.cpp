#include <doctest/doctest.h>

#include <kubenetsim/manifest/manifest.hpp>

#include <fstream>
#include <sstream>

using namespace kns;

namespace {

std::string readSpec(const std::string& relative) {
    std::ifstream in(std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/specs/" + relative);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

DecodedManifests decodeOk(const std::string& text, const std::string& file = "test.yaml") {
    auto r = decodeManifests(text, file);
    INFO((r ? std::string() : r.error().full()));
    REQUIRE(r.ok());
    return *r;
}

} // namespace

TEST_CASE("the 2017 services page's rc.yaml decodes to the ReplicationController rcsise") {
    const DecodedManifests d = decodeOk(readSpec("2017/services/rc.yaml"), "rc.yaml");
    REQUIRE(d.objects.size() == 1);
    CHECK(d.warnings.empty());
    const ManifestObject& obj = d.objects[0];
    CHECK(obj.kind() == Kind::ReplicationController);
    CHECK(obj.apiVersion == "v1");
    CHECK(obj.line == 1);
    const auto& rc = std::get<ReplicationController>(obj.object);
    CHECK(rc.meta.name == "rcsise");
    CHECK(rc.meta.ns.empty());
    CHECK(rc.replicas == 1);
    CHECK(rc.selector == Labels{{"app", "sise"}});
    CHECK(rc.meta.labels == Labels{{"app", "sise"}});  // defaulted from the template
    REQUIRE(rc.tmpl.spec.containers.size() == 1);
    const Container& c = rc.tmpl.spec.containers[0];
    CHECK(c.name == "sise");
    CHECK(c.image == "mhausenblas/simpleservice:0.5.0");
    CHECK(c.imagePullPolicy == "IfNotPresent");
    REQUIRE(c.ports.size() == 1);
    CHECK(c.ports[0].containerPort == 9876);
    CHECK(c.ports[0].protocol == "TCP");
}

TEST_CASE("the services page's svc.yaml decodes to simpleservice on port 80 targeting 9876") {
    for (const char* era : {"2017", "main"}) {
        CAPTURE(era);
        const DecodedManifests d = decodeOk(readSpec(std::string(era) + "/services/svc.yaml"), "svc.yaml");
        REQUIRE(d.objects.size() == 1);
        const auto& svc = std::get<Service>(d.objects[0].object);
        CHECK(svc.meta.name == "simpleservice");
        CHECK(svc.type == "ClusterIP");
        CHECK(svc.selector == Labels{{"app", "sise"}});
        REQUIRE(svc.ports.size() == 1);
        CHECK(svc.ports[0].port == 80);
        CHECK(svc.ports[0].targetPort == IntOrString::ofInt(9876));
        CHECK(svc.ports[0].protocol == "TCP");
        CHECK(svc.sessionAffinity == "None");
    }
    // The seed's `describe svc` shows "Labels: <none>": the 2017 file has none, today's has one.
    CHECK(std::get<Service>(decodeOk(readSpec("2017/services/svc.yaml")).objects[0].object).meta.labels.empty());
    CHECK(std::get<Service>(decodeOk(readSpec("main/services/svc.yaml")).objects[0].object).meta.labels ==
          Labels{{"name", "simpleservice"}});
}

TEST_CASE("every bundled kbe manifest decodes without warnings and uses its era's image") {
    const char* files[] = {"services/rc.yaml", "services/svc.yaml", "sd/rc.yaml", "sd/svc.yaml", "sd/jumpod.yaml",
                           "sd/other-ns.yaml", "sd/other-rc.yaml", "sd/other-svc.yaml", "pods/pod.yaml",
                           "pods/constraint-pod.yaml", "labels/pod.yaml", "labels/anotherpod.yaml", "rcs/rc.yaml",
                           "deployments/d09.yaml", "deployments/d10.yaml", "pf/app.yaml", "healthz/pod.yaml",
                           "healthz/badpod.yaml", "healthz/ready.yaml", "healthz/nap-rc.yaml", "healthz/nap-svc.yaml",
                           "envs/pod.yaml", "ns/pod.yaml"};
    for (const char* era : {"2017", "main"}) {
        for (const char* f : files) {
            const std::string rel = std::string(era) + "/" + f;
            CAPTURE(rel);
            const std::string text = readSpec(rel);
            const DecodedManifests d = decodeOk(text, f);
            CHECK(!d.objects.empty());
            CHECK(d.warnings.empty());
            CHECK(d.ignoredFields.empty());
            if (text.find("simpleservice:0.5.0") != std::string::npos) {
                const bool old = text.find("image: mhausenblas/simpleservice:0.5.0") != std::string::npos;
                CHECK(old == (std::string(era) == "2017"));
            }
        }
    }
}

TEST_CASE("a 2017 extensions/v1beta1 Deployment gets its selector from the template and rolls one pod at a time") {
    const DecodedManifests d = decodeOk(readSpec("2017/deployments/d09.yaml"), "d09.yaml");
    const auto& dep = std::get<Deployment>(d.objects[0].object);
    CHECK(d.objects[0].apiVersion == "extensions/v1beta1");
    CHECK(dep.meta.name == "sise-deploy");
    CHECK(dep.replicas == 2);
    CHECK(dep.selector.matchLabels == Labels{{"app", "sise"}});
    CHECK(dep.meta.labels == Labels{{"app", "sise"}});
    CHECK(dep.strategy.maxSurge == IntOrString::ofInt(1));
    CHECK(dep.strategy.maxUnavailable == IntOrString::ofInt(1));
    REQUIRE(dep.tmpl.spec.containers[0].env.size() == 1);
    CHECK(dep.tmpl.spec.containers[0].env[0].name == "SIMPLE_SERVICE_VERSION");
    CHECK(dep.tmpl.spec.containers[0].env[0].value == "0.9");

    const auto& modern = std::get<Deployment>(decodeOk(readSpec("main/deployments/d10.yaml")).objects[0].object);
    CHECK(modern.strategy.maxSurge == IntOrString::ofString("25%"));
    CHECK(modern.meta.labels.empty());
    CHECK(modern.tmpl.spec.containers[0].env[0].value == "1.0");
}

TEST_CASE("a multi-document file yields its objects in order with their starting lines") {
    const DecodedManifests d = decodeOk(readSpec("main/pf/app.yaml"), "app.yaml");
    REQUIRE(d.objects.size() == 2);
    CHECK(d.objects[0].kind() == Kind::Deployment);
    CHECK(d.objects[0].line == 1);
    CHECK(d.objects[1].kind() == Kind::Service);
    CHECK(d.objects[1].line == 21);
    CHECK(d.objects[1].file == "app.yaml");
}

TEST_CASE("empty documents are skipped and a List contributes its items") {
    const DecodedManifests d = decodeOk("---\n---\napiVersion: v1\nkind: List\nitems:\n"
                                        "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: a\n"
                                        "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: b\n---\n");
    REQUIRE(d.objects.size() == 2);
    CHECK(d.objects[0].meta().name == "a");
    CHECK(d.objects[1].meta().name == "b");
    CHECK(decodeOk("").objects.empty());
}

TEST_CASE("the health checks page's probes and environment decode with their timings") {
    const DecodedManifests d = decodeOk(readSpec("2017/healthz/badpod.yaml"));
    const Container& c = std::get<Pod>(d.objects[0].object).spec.containers[0];
    REQUIRE(c.env.size() == 2);
    CHECK(c.env[0].name == "HEALTH_MIN");
    CHECK(c.env[0].value == "1000");
    CHECK(c.env[1].name == "HEALTH_MAX");
    CHECK(c.env[1].value == "4000");
    REQUIRE(c.livenessProbe);
    CHECK(c.livenessProbe->handler == "httpGet");
    CHECK(c.livenessProbe->path == "/health");
    CHECK(c.livenessProbe->port == IntOrString::ofInt(9876));
    CHECK(c.livenessProbe->initialDelaySeconds == 2);
    CHECK(c.livenessProbe->periodSeconds == 5);
    CHECK(c.livenessProbe->timeoutSeconds == 1);
    CHECK_FALSE(c.readinessProbe);

    const Pod ready = std::get<Pod>(decodeOk(readSpec("main/healthz/ready.yaml")).objects[0].object);
    REQUIRE(ready.spec.containers[0].readinessProbe);
    CHECK(ready.spec.containers[0].readinessProbe->initialDelaySeconds == 10);
}

TEST_CASE("every modelled field of a Service is read") {
    const DecodedManifests d = decodeOk(R"(apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    note: "x"
spec:
  type: LoadBalancer
  clusterIP: 10.96.0.50
  ports:
  - name: http
    protocol: TCP
    port: 80
    targetPort: http-alt
    nodePort: 30080
  - name: dns
    protocol: UDP
    port: 53
  selector:
    app: web
  externalIPs: [192.168.1.10]
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 600
  externalTrafficPolicy: Local
  internalTrafficPolicy: Cluster
  loadBalancerIP: 172.18.255.200
  loadBalancerSourceRanges: [10.0.0.0/8]
  healthCheckNodePort: 31000
)");
    const auto& s = std::get<Service>(d.objects[0].object);
    CHECK(s.meta.ns == "shop");
    CHECK(s.meta.annotations == Labels{{"note", "x"}});
    CHECK(s.type == "LoadBalancer");
    CHECK(s.clusterIP == "10.96.0.50");
    REQUIRE(s.ports.size() == 2);
    CHECK(s.ports[0].targetPort == IntOrString::ofString("http-alt"));
    CHECK(s.ports[0].nodePort == 30080);
    CHECK(s.ports[1].protocol == "UDP");
    CHECK(s.ports[1].targetPort == IntOrString::ofInt(53));
    CHECK(s.externalIPs == std::vector<std::string>{"192.168.1.10"});
    CHECK(s.sessionAffinity == "ClientIP");
    CHECK(s.sessionAffinityTimeoutSeconds == 600);
    CHECK(s.externalTrafficPolicy == "Local");
    CHECK(s.internalTrafficPolicy == "Cluster");
    CHECK(s.loadBalancerIP == "172.18.255.200");
    CHECK(s.loadBalancerSourceRanges == std::vector<std::string>{"10.0.0.0/8"});
    CHECK(s.healthCheckNodePort == 31000);
}

TEST_CASE("every modelled field of a Deployment and its pod template is read") {
    const DecodedManifests d = decodeOk(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  generateName: web-
  labels: {tier: front}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
    matchExpressions:
    - {key: track, operator: NotIn, values: [canary]}
    - {key: app, operator: Exists}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 2, maxUnavailable: "50%"}
  minReadySeconds: 5
  revisionHistoryLimit: 3
  paused: true
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeName: worker-1
      restartPolicy: Always
      hostNetwork: false
      serviceAccountName: builder
      terminationGracePeriodSeconds: 5
      nodeSelector: {disk: ssd}
      containers:
      - name: web
        image: nginx
        imagePullPolicy: Never
        command: [nginx]
        args: ["-g", "daemon off;"]
        ports:
        - {name: http, containerPort: 80, hostPort: 8080, protocol: TCP}
        env:
        - {name: MODE, value: fast}
        readinessProbe:
          tcpSocket: {port: http}
          timeoutSeconds: 2
          successThreshold: 2
          failureThreshold: 4
        livenessProbe:
          exec:
            command: [cat, /tmp/healthy]
        resources:
          requests: {cpu: 0.5, memory: 64Mi}
          limits: {cpu: "1", memory: 128Mi}
)");
    const auto& dep = std::get<Deployment>(d.objects[0].object);
    CHECK(dep.meta.generateName == "web-");
    CHECK(dep.meta.name.empty());
    CHECK(dep.replicas == 3);
    REQUIRE(dep.selector.matchExpressions.size() == 2);
    CHECK(dep.selector.matchExpressions[0].op == SelectorRequirement::Op::NotIn);
    CHECK(dep.selector.matchExpressions[0].values == std::vector<std::string>{"canary"});
    CHECK(dep.selector.matchExpressions[1].op == SelectorRequirement::Op::Exists);
    CHECK(dep.strategy.maxSurge == IntOrString::ofInt(2));
    CHECK(dep.strategy.maxUnavailable == IntOrString::ofString("50%"));
    CHECK(dep.minReadySeconds == 5);
    CHECK(dep.revisionHistoryLimit == 3);
    CHECK(dep.paused);
    const PodSpec& ps = dep.tmpl.spec;
    CHECK(ps.nodeName == "worker-1");
    CHECK(ps.serviceAccountName == "builder");
    CHECK(ps.terminationGracePeriodSeconds == 5);
    CHECK(ps.nodeSelector == std::map<std::string, std::string>{{"disk", "ssd"}});
    const Container& c = ps.containers[0];
    CHECK(c.imagePullPolicy == "Never");
    CHECK(c.command == std::vector<std::string>{"nginx"});
    CHECK(c.args == std::vector<std::string>{"-g", "daemon off;"});
    CHECK(c.ports[0].name == "http");
    CHECK(c.ports[0].hostPort == 8080);
    CHECK(c.env[0].value == "fast");
    REQUIRE(c.readinessProbe);
    CHECK(c.readinessProbe->handler == "tcpSocket");
    CHECK(c.readinessProbe->port == IntOrString::ofString("http"));
    CHECK(c.readinessProbe->timeoutSeconds == 2);
    CHECK(c.readinessProbe->successThreshold == 2);
    CHECK(c.readinessProbe->failureThreshold == 4);
    REQUIRE(c.livenessProbe);
    CHECK(c.livenessProbe->handler == "exec");
    CHECK(c.livenessProbe->command == std::vector<std::string>{"cat", "/tmp/healthy"});
    CHECK(c.requests.cpu == "0.5");
    CHECK(c.requests.memory == "64Mi");
    CHECK(c.limits.cpu == "1");
}

TEST_CASE("Endpoints, EndpointSlices, Nodes and ReplicaSets decode") {
    const DecodedManifests d = decodeOk(R"(apiVersion: v1
kind: Endpoints
metadata: {name: ext}
subsets:
- addresses:
  - ip: 10.0.0.5
    nodeName: n1
    targetRef: {kind: Pod, namespace: default, name: p1, uid: u1}
  notReadyAddresses:
  - ip: 10.0.0.6
  ports:
  - {name: web, port: 8080, protocol: TCP}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ext-abc, labels: {kubernetes.io/service-name: ext}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.5]
  conditions: {ready: false, terminating: true}
  nodeName: n1
ports:
- {name: web, port: 8080, protocol: TCP}
---
apiVersion: v1
kind: Node
metadata: {name: worker-9}
spec: {podCIDR: 10.244.9.0/24, unschedulable: true}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs1}
spec:
  replicas: 0
  minReadySeconds: 3
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      containers: [{name: a, image: "a:latest"}]
)");
    REQUIRE(d.objects.size() == 4);
    const auto& ep = std::get<Endpoints>(d.objects[0].object);
    REQUIRE(ep.subsets.size() == 1);
    CHECK(ep.subsets[0].addresses[0].ip == "10.0.0.5");
    CHECK(ep.subsets[0].addresses[0].nodeName == "n1");
    REQUIRE(ep.subsets[0].addresses[0].targetRef);
    CHECK(ep.subsets[0].addresses[0].targetRef->name == "p1");
    CHECK(ep.subsets[0].notReadyAddresses[0].ip == "10.0.0.6");
    CHECK(ep.subsets[0].ports[0].port == 8080);
    const auto& slice = std::get<EndpointSlice>(d.objects[1].object);
    CHECK(slice.addressType == "IPv4");
    CHECK_FALSE(slice.endpoints[0].ready);
    CHECK(slice.endpoints[0].serving);  // absent: true, as Kubernetes reads it
    CHECK(slice.endpoints[0].terminating);
    CHECK(slice.ports[0].name == "web");
    const auto& node = std::get<Node>(d.objects[2].object);
    CHECK(node.podCIDR == "10.244.9.0/24");
    CHECK(node.unschedulable);
    const auto& rs = std::get<ReplicaSet>(d.objects[3].object);
    CHECK(rs.replicas == 0);
    CHECK(rs.minReadySeconds == 3);
    CHECK(rs.tmpl.spec.containers[0].imagePullPolicy == "Always");
}

TEST_CASE("unknown fields warn with their full path, as kubectl's strict decoding does") {
    const DecodedManifests d = decodeOk(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  labls: {app: x}
spec:
  foo: 1
  containers:
  - name: c
    image: i
    readinesProbe: {}
)", "p.yaml");
    REQUIRE(d.warnings.size() == 3);
    CHECK(d.warnings[0].message == "unknown field \"metadata.labls\"");
    CHECK(d.warnings[0].location == "p.yaml:5:3");
    CHECK(d.warnings[1].message == "unknown field \"spec.foo\"");
    CHECK(d.warnings[1].location == "p.yaml:7:3");
    CHECK(d.warnings[2].message == "unknown field \"spec.containers[0].readinesProbe\"");
    CHECK(d.warnings[2].location == "p.yaml:11:5");
    CHECK(d.objects.size() == 1);
}

TEST_CASE("fields Kubernetes knows but the simulation does not model are accepted and listed, not warned") {
    const DecodedManifests d = decodeOk(R"(apiVersion: v1
kind: Pod
metadata: {name: v}
spec:
  volumes: [{name: data, emptyDir: {}}]
  containers:
  - name: c
    image: i
    volumeMounts: [{name: data, mountPath: /data}]
status: {phase: Running}
)");
    CHECK(d.warnings.empty());
    CHECK(d.ignoredFields == std::vector<std::string>{"spec.containers[0].volumeMounts", "spec.volumes"});
}
