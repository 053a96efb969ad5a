#include <doctest/doctest.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/manifest/encode.hpp>
#include <kubenetsim/manifest/manifest.hpp>
#include <kubenetsim/manifest/source.hpp>

#include <string>

using namespace kns;

namespace {

const std::string kKbe = "https://raw.githubusercontent.com/openshift-evangelists/kbe/";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A cluster of the given era with the kbe services page applied, settled for a minute.
struct ServicesPage {
    Simulation sim;
    explicit ServicesPage(const std::string& profile)
        : sim(config(profile), 7, reservations(profile)) {
        bootCluster(sim);
        const std::string branch = profile == "legacy" ? "master" : "main";
        for (const char* file : {"rc.yaml", "svc.yaml"}) {
            Expected<ManifestSource> src = readManifestSource(kKbe + branch + "/specs/services/" + file);
            REQUIRE(src.ok());
            Expected<DecodedManifests> decoded = decodeManifests(src->text, src->name);
            REQUIRE(decoded.ok());
            for (ManifestObject& obj : decoded->objects) {
                obj.meta().ns = "default";
                std::visit([&](auto& o) { REQUIRE(sim.api().create(o, "kubectl").ok()); }, obj.object);
            }
        }
        sim.runFor(SimTime::minutes(1));
    }
    static ClusterConfig config(const std::string& profile) {
        ClusterConfig c = *builtinProfile(profile);
        c.startEpochSeconds = 1493128000;  // 2017-04-25T13:46:40Z
        return c;
    }
    static Reservations reservations(const std::string& profile) {
        Reservations r;
        r.clusterIPs["default/simpleservice"] = profile == "legacy" ? "172.30.228.255" : "10.96.228.255";
        r.podNames = {"rcsise-6nq3k"};
        return r;
    }
    const Pod& pod() const {
        const auto& pods = sim.objects().pods;
        for (const auto& [key, p] : pods)
            if (p.meta.labels.count("app")) return p;
        FAIL("no sise pod");
        return pods.begin()->second;
    }
    const Service& service() const { return sim.objects().services.at("default/simpleservice"); }
};

} // namespace

TEST_CASE("a pod of the services page encodes to JSON with metadata, spec and status in kubectl's order") {
    ServicesPage page("legacy");
    const Pod& pod = page.pod();
    const nlohmann::ordered_json j = toJson(page.sim, pod);
    std::vector<std::string> top;
    for (auto it = j.begin(); it != j.end(); ++it) top.push_back(it.key());
    CHECK(top == std::vector<std::string>{"apiVersion", "kind", "metadata", "spec", "status"});
    CHECK(j["apiVersion"] == "v1");
    CHECK(j["kind"] == "Pod");
    const auto& meta = j["metadata"];
    CHECK(meta["name"] == pod.meta.name);
    CHECK(meta["namespace"] == "default");
    CHECK(meta["generateName"] == "rcsise-");
    CHECK(meta["labels"]["app"] == "sise");
    CHECK(meta["uid"] == pod.meta.uid);
    CHECK(meta["resourceVersion"] == std::to_string(pod.meta.resourceVersion));
    CHECK(meta["creationTimestamp"] == rfc3339(page.sim, pod.meta.creationTimestamp));
    CHECK(contains(meta["creationTimestamp"].get<std::string>(), "2017-04-25T13:4"));
    CHECK(meta["selfLink"] == "/api/v1/namespaces/default/pods/" + pod.meta.name);
    REQUIRE(meta.contains("ownerReferences"));
    CHECK(meta["ownerReferences"][0]["kind"] == "ReplicationController");
    CHECK(meta["ownerReferences"][0]["name"] == "rcsise");
    const auto& c = j["spec"]["containers"][0];
    CHECK(c["image"] == "mhausenblas/simpleservice:0.5.0");
    CHECK(c["ports"][0]["containerPort"] == 9876);
    CHECK(c["ports"][0]["protocol"] == "TCP");
    CHECK(j["spec"]["restartPolicy"] == "Always");
    CHECK(j["status"]["phase"] == pod.status.phase);
    CHECK(j["status"]["podIP"] == pod.status.podIP);
    CHECK(j["status"]["hostIP"] == pod.status.hostIP);
    CHECK(j["status"].contains("startTime"));
    CHECK(j["status"]["conditions"].size() == pod.status.conditions.size());
    CHECK(j["status"]["containerStatuses"][0]["name"] == "sise");
    CHECK(jsonText(j).rfind("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n", 0) == 0);
}

TEST_CASE("a service encodes to kubectl's YAML with its ClusterIP, ports and selector") {
    ServicesPage page("legacy");
    const std::string yaml = yamlText(toJson(page.sim, page.service()), Era::Legacy);
    CHECK(yaml.rfind("apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: 2017-04-25T13:4", 0) == 0);
    CHECK(contains(yaml, "\n  name: simpleservice\n  namespace: default\n  resourceVersion: \""));
    CHECK(contains(yaml, "\n  selfLink: /api/v1/namespaces/default/services/simpleservice\n"));
    CHECK(contains(yaml, "\nspec:\n  clusterIP: 172.30.228.255\n  ports:\n  - port: 80\n    protocol: TCP\n"
                         "    targetPort: 9876\n  selector:\n    app: sise\n  sessionAffinity: None\n  type: ClusterIP\n"
                         "status:\n  loadBalancer: {}\n"));
}

TEST_CASE("the modern era quotes timestamps and shows today's service fields") {
    ServicesPage page("modern");
    const std::string yaml = yamlText(toJson(page.sim, page.service()), Era::Modern);
    CHECK(contains(yaml, "  creationTimestamp: \"2017-04-25T13:4"));
    CHECK(contains(yaml, "  clusterIPs:\n  - 10.96.228.255\n"));
    CHECK(contains(yaml, "  ipFamilies:\n  - IPv4\n  ipFamilyPolicy: SingleStack\n"));
    CHECK(contains(yaml, "  labels:\n    name: simpleservice\n"));
    CHECK_FALSE(contains(yaml, "selfLink"));
    const std::string podYaml = yamlText(toJson(page.sim, page.pod()), Era::Modern);
    CHECK(contains(podYaml, "    image: quay.io/openshiftlabs/simpleservice:0.5.0\n"));
    CHECK(contains(podYaml, "  podIPs:\n  - ip: "));
}

TEST_CASE("the YAML of every object of the services page decodes back to the same spec") {
    ServicesPage page("legacy");
    const std::string rcYaml = yamlText(toJson(page.sim, page.sim.objects().replicationControllers.at("default/rcsise")), Era::Legacy);
    const std::string text = yamlText(toJson(page.sim, page.pod()), Era::Legacy) + "---\n" +
                             yamlText(toJson(page.sim, page.service()), Era::Legacy) + "---\n" + rcYaml;
    Expected<DecodedManifests> back = decodeManifests(text, "get.yaml");
    REQUIRE_MESSAGE(back.ok(), (back ? "" : back.error().full()));
    CHECK(back->warnings.empty());
    REQUIRE(back->objects.size() == 3);
    const Pod& pod = std::get<Pod>(back->objects[0].object);
    CHECK(pod.meta.name == page.pod().meta.name);
    CHECK(pod.meta.labels == page.pod().meta.labels);
    CHECK(pod.spec.containers[0].image == page.pod().spec.containers[0].image);
    CHECK(pod.spec.containers[0].ports[0].containerPort == 9876);
    const Service& svc = std::get<Service>(back->objects[1].object);
    CHECK(svc.clusterIP == "172.30.228.255");
    CHECK(svc.ports[0].targetPort == IntOrString::ofInt(9876));
    CHECK(svc.selector == Labels{{"app", "sise"}});
    const auto& rc = std::get<ReplicationController>(back->objects[2].object);
    CHECK(rc.replicas == 1);
    CHECK(rc.selector == Labels{{"app", "sise"}});
    CHECK(rc.tmpl.spec.containers[0].image == "mhausenblas/simpleservice:0.5.0");
}

TEST_CASE("YAML strings are quoted only where YAML would read them as something else") {
    nlohmann::ordered_json j;
    j["plain"] = "sise";
    j["version"] = "1.0";
    j["flag"] = "true";
    j["number"] = "12345";
    j["empty"] = "";
    j["star"] = "*";
    j["colon"] = "a: b";
    j["path"] = "/health";
    j["dash"] = "-c";
    j["multi"] = "line1\nline2\n";
    j["int"] = 80;
    j["nothing"] = nullptr;
    j["list"] = nlohmann::ordered_json::array({"x", nlohmann::ordered_json{{"k", "v"}, {"n", 1}}});
    j["emptyList"] = nlohmann::ordered_json::array();
    j["emptyMap"] = nlohmann::ordered_json::object();
    CHECK(yamlText(j, Era::Legacy) == "plain: sise\n"
                                      "version: \"1.0\"\n"
                                      "flag: \"true\"\n"
                                      "number: \"12345\"\n"
                                      "empty: \"\"\n"
                                      "star: '*'\n"
                                      "colon: 'a: b'\n"
                                      "path: /health\n"
                                      "dash: -c\n"
                                      "multi: |\n"
                                      "  line1\n"
                                      "  line2\n"
                                      "int: 80\n"
                                      "nothing: null\n"
                                      "list:\n"
                                      "- x\n"
                                      "- k: v\n"
                                      "  \"n\": 1\n"  // YAML 1.1 reads a bare n as false
                                      "emptyList: []\n"
                                      "emptyMap: {}\n");
}

TEST_CASE("a list of objects is wrapped as kubectl's List") {
    ServicesPage page("legacy");
    const std::string yaml = yamlText(listJson({toJson(page.sim, page.service())}), Era::Legacy);
    CHECK(yaml.rfind("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n", 0) == 0);
    CHECK(contains(yaml, "\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"));
}
