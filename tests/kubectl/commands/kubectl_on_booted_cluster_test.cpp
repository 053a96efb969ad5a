// kubectl against a booted built-in cluster with its controllers running: the Services
// tutorial's commands and the apply/rollout behaviour that needs real controllers.
#include <doctest/doctest.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>

#include "../../support/cluster_fixture.hpp"

using namespace kns;

namespace {

const std::string kKbe = "https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/";

struct Cluster : test::BootedCluster {
    explicit Cluster(const std::string& profile = "legacy") : BootedCluster(profile) {}
    shell::CommandResult kubectl(std::vector<std::string> words, const std::string& stdinText = {}) {
        words.insert(words.begin(), "kubectl");
        auto r = kubectl::runKubectl(sim, kubectl::KubectlInput{words, stdinText, !stdinText.empty()});
        sim.runFor(kubectl::kubectlDuration(sim, words));
        return r;
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("the Services tutorial's kubectl commands run against the legacy cluster") {
    Cluster c;
    auto rc = c.kubectl({"apply", "-f", kKbe + "services/rc.yaml"});
    CHECK(rc.out == "replicationcontroller \"rcsise\" created\n");
    CHECK(rc.status == 0);
    auto svc = c.kubectl({"apply", "-f", kKbe + "services/svc.yaml"});
    CHECK(svc.out == "service \"simpleservice\" created\n");
    c.sim.runFor(SimTime::s(57));
    auto pods = c.kubectl({"get", "pods", "-l", "app=sise"});
    CHECK(contains(pods.out, "NAME           READY     STATUS    RESTARTS   AGE\n"));
    CHECK(contains(pods.out, "1/1       Running   0          "));
    auto describe = c.kubectl({"describe", "svc", "simpleservice"});
    CHECK(contains(describe.out, "Selector:"));
    CHECK(contains(describe.out, ":9876"));
    CHECK(c.kubectl({"scale", "--replicas=2", "rc/rcsise"}).out == "replicationcontroller \"rcsise\" scaled\n");
    c.sim.runFor(SimTime::s(5));
    CHECK(test::podsWith(c.sim, "sise").size() == 2);
    CHECK(c.kubectl({"delete", "svc", "simpleservice"}).out == "service \"simpleservice\" deleted\n");
    CHECK(c.kubectl({"delete", "rc", "rcsise"}).out == "replicationcontroller \"rcsise\" deleted\n");
    c.sim.runFor(SimTime::s(60));
    CHECK(test::podsWith(c.sim, "sise").empty());
}

TEST_CASE("applying the same manifest twice says configured in 1.5 and unchanged today") {
    Cluster legacy;
    legacy.kubectl({"apply", "-f", kKbe + "services/rc.yaml"});
    CHECK(legacy.kubectl({"apply", "-f", kKbe + "services/rc.yaml"}).out == "replicationcontroller \"rcsise\" configured\n");
    Cluster modern("modern");
    const std::string mainUrl = "https://raw.githubusercontent.com/openshift-evangelists/kbe/main/specs/services/rc.yaml";
    CHECK(modern.kubectl({"apply", "-f", mainUrl}).out == "replicationcontroller/rcsise created\n");
    const auto version = modern.sim.api().get<ReplicationController>("default", "rcsise")->meta.resourceVersion;
    CHECK(modern.kubectl({"apply", "-f", mainUrl}).out == "replicationcontroller/rcsise unchanged\n");
    CHECK(modern.sim.api().get<ReplicationController>("default", "rcsise")->meta.resourceVersion == version);
}

TEST_CASE("apply of an existing object replaces its spec and keeps the last-applied annotation") {
    Cluster c;
    const std::string rc = "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  replicas: REPLICAS\n"
                           "  selector:\n    app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n"
                           "      containers:\n      - name: web\n        image: nginx\n";
    auto withReplicas = [&](const std::string& n) { return rc.substr(0, rc.find("REPLICAS")) + n + rc.substr(rc.find("REPLICAS") + 8); };
    CHECK(c.kubectl({"apply", "-f", "-"}, withReplicas("1")).out == "replicationcontroller \"web\" created\n");
    CHECK(c.kubectl({"apply", "-f", "-"}, withReplicas("3")).out == "replicationcontroller \"web\" configured\n");
    const ReplicationController* live = c.sim.api().get<ReplicationController>("default", "web");
    REQUIRE(live);
    CHECK(live->replicas == 3);
    CHECK(live->meta.annotations.count("kubectl.kubernetes.io/last-applied-configuration") == 1);
    c.sim.runFor(SimTime::s(10));
    LabelSelector sel{{{"app", "web"}}, {}};
    CHECK(c.sim.api().list<Pod>("default", &sel).size() == 3);
}

TEST_CASE("a multi-document apply with one bad object creates nothing") {
    Cluster c;
    const std::string docs = "apiVersion: v1\nkind: Service\nmetadata:\n  name: good\nspec:\n  ports:\n  - port: 80\n---\n"
                             "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  namespace: nowhere\nspec:\n  ports:\n  - port: 80\n";
    const auto before = c.sim.state().resourceVersion;
    auto r = c.kubectl({"apply", "-f", "-"}, docs);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "Error from server (NotFound): error when creating \"STDIN\": namespaces \"nowhere\" not found\n");
    CHECK(c.sim.api().get<Service>("default", "good") == nullptr);
    CHECK(c.sim.state().resourceVersion == before);
}

TEST_CASE("create -f of an existing object is an AlreadyExists error naming the source") {
    Cluster c;
    c.kubectl({"create", "-f", kKbe + "services/svc.yaml"});
    auto again = c.kubectl({"create", "-f", kKbe + "services/svc.yaml"});
    CHECK(again.err == "Error from server (AlreadyExists): error when creating \"" + kKbe +
                           "services/svc.yaml\": services \"simpleservice\" already exists\n");
    CHECK(again.status == 1);
}

TEST_CASE("a template change applied to a Deployment starts a rollout that undo reverses") {
    Cluster c;
    CHECK(c.kubectl({"apply", "-f", kKbe + "deployments/d09.yaml"}).out == "deployment \"sise-deploy\" created\n");
    CHECK(c.kubectl({"rollout", "status", "deploy/sise-deploy"}).out.find("successfully rolled out") != std::string::npos);
    CHECK(c.kubectl({"apply", "-f", kKbe + "deployments/d10.yaml"}).out == "deployment \"sise-deploy\" configured\n");
    auto status = c.kubectl({"rollout", "status", "deployment/sise-deploy"});
    CHECK(status.status == 0);
    CHECK(contains(status.out, "deployment \"sise-deploy\" successfully rolled out\n"));
    auto history = c.kubectl({"rollout", "history", "deploy/sise-deploy"});
    CHECK(contains(history.out, "1\t\t<none>\n2\t\t<none>\n"));
    CHECK(c.kubectl({"rollout", "undo", "deploy/sise-deploy"}).out == "deployment \"sise-deploy\" rolled back\n");
    c.kubectl({"rollout", "status", "deploy/sise-deploy"});
    const Deployment* d = c.sim.api().get<Deployment>("default", "sise-deploy");
    CHECK(d->tmpl.spec.containers[0].env.at(0).value == "0.9");
}

TEST_CASE("kubectl get -o yaml prints one named object and a List otherwise") {
    Cluster c;
    c.kubectl({"apply", "-f", kKbe + "services/svc.yaml"});
    auto one = c.kubectl({"get", "svc", "simpleservice", "-o", "yaml"});
    CHECK(contains(one.out, "kind: Service\n"));
    CHECK_FALSE(contains(one.out, "kind: List"));
    auto list = c.kubectl({"get", "svc", "-o", "json"});
    CHECK(contains(list.out, "\"kind\": \"List\""));
}
