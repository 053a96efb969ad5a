#include <doctest/doctest.h>

#include "kubectl_fixture.hpp"

using namespace kns;
using kns::test::KubectlFixture;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}

TEST_CASE("kubectl get pods -l lists only the pods the selector matches") {
    KubectlFixture f;
    f.addRunningPod("rcsise-6nq3k", {{"app", "sise"}});
    f.addRunningPod("other-pod", {{"app", "web"}}, "nginx", "172.17.0.4");
    auto r = f.kubectl({"get", "pods", "-l", "app=sise"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "rcsise-6nq3k"));
    CHECK_FALSE(contains(r.out, "other-pod"));
    auto notin = f.kubectl({"get", "po", "-l", "app notin (sise)"});
    CHECK(contains(notin.out, "other-pod"));
    CHECK_FALSE(contains(notin.out, "rcsise-6nq3k"));
    auto absent = f.kubectl({"get", "pods", "-l", "!app"});
    CHECK(absent.out.empty());
    CHECK(absent.err == "No resources found.\n");
}

TEST_CASE("kubectl get by NAME and TYPE/NAME reports missing names as NotFound") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "x"}});
    auto byName = f.kubectl({"get", "pod", "a", "b"});
    CHECK(contains(byName.out, "a"));
    CHECK(byName.err == "Error from server (NotFound): pods \"b\" not found\n");
    CHECK(byName.status == 1);
    auto slash = f.kubectl({"get", "pods/a"});
    CHECK(slash.status == 0);
    CHECK(contains(slash.out, "a "));
}

TEST_CASE("kubectl get --show-labels and -o name and -o wide add what they name") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "x"}});
    CHECK(contains(f.kubectl({"get", "pods", "--show-labels"}).out, "app=x"));
    const std::string names = f.kubectl({"get", "pods", "-o", "name"}).out;
    CHECK(names.rfind("pod", 0) == 0);  // "pods/a" in kubectl 1.5, layout owned by the printers
    CHECK(names.size() >= 3);
    CHECK(names.substr(names.size() - 3) == "/a\n");
    CHECK(contains(f.kubectl({"get", "pods", "-o", "wide"}).out, "172.17.0.3"));
    KubectlFixture modern(Era::Modern);
    modern.addRunningPod("a", {{"app", "x"}});
    CHECK(modern.kubectl({"get", "pods", "-o", "name"}).out == "pod/a\n");
}

TEST_CASE("kubectl get -n and --all-namespaces choose the namespaces listed") {
    KubectlFixture f;
    Namespace demo;
    demo.meta.name = "demo";
    f.sim.api().create(demo, "test");
    f.addRunningPod("a", {});
    auto none = f.kubectl({"get", "pods", "-n", "demo"});
    CHECK(none.out.empty());
    auto all = f.kubectl({"get", "pods", "--all-namespaces"});
    CHECK(contains(all.out, "NAMESPACE"));
    CHECK(contains(all.out, "default"));
}

TEST_CASE("kubectl get all lists workloads and services grouped by kind") {
    KubectlFixture f;
    f.addRc("rcsise", {{"app", "sise"}}, 1);
    f.addRunningPod("rcsise-6nq3k", {{"app", "sise"}});
    auto r = f.kubectl({"get", "all"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "po/rcsise-6nq3k"));
    CHECK(contains(r.out, "rc/rcsise"));
}

TEST_CASE("kubectl scale changes the replica count in every accepted spelling") {
    KubectlFixture f;
    f.addRc("rcsise", {{"app", "sise"}}, 1);
    auto r = f.kubectl({"scale", "--replicas=2", "rc/rcsise"});
    CHECK(r.out == "replicationcontroller \"rcsise\" scaled\n");
    CHECK(f.sim.api().get<ReplicationController>("default", "rcsise")->replicas == 2);
    f.kubectl({"scale", "rc", "rcsise", "--replicas", "3"});
    CHECK(f.sim.api().get<ReplicationController>("default", "rcsise")->replicas == 3);
    KubectlFixture modern(Era::Modern);
    modern.addRc("rcsise", {{"app", "sise"}}, 1);
    CHECK(modern.kubectl({"scale", "--replicas=0", "rc/rcsise"}).out == "replicationcontroller/rcsise scaled\n");
}

TEST_CASE("kubectl run makes a Deployment in the legacy era and a Pod in the modern one") {
    KubectlFixture f;
    auto r = f.kubectl({"run", "sise", "--image=mhausenblas/simpleservice:0.5.0", "--port=9876", "--replicas=2"});
    CHECK(r.out == "deployment \"sise\" created\n");
    const Deployment* d = f.sim.api().get<Deployment>("default", "sise");
    REQUIRE(d);
    CHECK(d->replicas == 2);
    CHECK(d->tmpl.meta.labels.at("run") == "sise");
    CHECK(d->tmpl.spec.containers.at(0).ports.at(0).containerPort == 9876);
    KubectlFixture modern(Era::Modern);
    CHECK(modern.kubectl({"run", "sise", "--image=nginx"}).out == "pod/sise created\n");
    CHECK(modern.sim.api().get<Pod>("default", "sise"));
}

TEST_CASE("kubectl expose makes a Service selecting the exposed object's pods") {
    KubectlFixture f;
    f.addRc("rcsise", {{"app", "sise"}}, 1);
    auto r = f.kubectl({"expose", "rc", "rcsise", "--port=80", "--target-port=9876", "--name=simpleservice"});
    CHECK(r.out == "service \"simpleservice\" exposed\n");
    const Service* s = f.sim.api().get<Service>("default", "simpleservice");
    REQUIRE(s);
    CHECK(s->selector.at("app") == "sise");
    CHECK(s->ports.at(0).port == 80);
    CHECK(s->ports.at(0).targetPort.intValue == 9876);
    CHECK_FALSE(s->clusterIP.empty());
}

TEST_CASE("kubectl label adds, refuses to overwrite without --overwrite, and removes") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "sise"}});
    CHECK(f.kubectl({"label", "pod", "a", "tier=web"}).out == "pod \"a\" labeled\n");
    CHECK(f.sim.api().get<Pod>("default", "a")->meta.labels.at("tier") == "web");
    auto refused = f.kubectl({"label", "pods", "a", "app=other"});
    CHECK(refused.err == "error: 'app' already has a value (sise), and --overwrite is false\n");
    CHECK(f.sim.api().get<Pod>("default", "a")->meta.labels.at("app") == "sise");
    f.kubectl({"label", "pods", "a", "app=other", "--overwrite"});
    CHECK(f.sim.api().get<Pod>("default", "a")->meta.labels.at("app") == "other");
    f.kubectl({"label", "pod/a", "tier-"});
    CHECK(f.sim.api().get<Pod>("default", "a")->meta.labels.count("tier") == 0);
}

TEST_CASE("kubectl delete removes named objects, selected objects and --all") {
    KubectlFixture f;
    f.addRc("rcsise", {{"app", "sise"}}, 1);
    CHECK(f.kubectl({"delete", "rc", "rcsise"}).out == "replicationcontroller \"rcsise\" deleted\n");
    CHECK_FALSE(f.sim.api().get<ReplicationController>("default", "rcsise"));
    f.addRc("one", {{"app", "a"}}, 1);
    f.addRc("two", {{"app", "b"}}, 1);
    CHECK(f.kubectl({"delete", "rc", "-l", "app=a"}).out == "replicationcontroller \"one\" deleted\n");
    CHECK(f.sim.api().get<ReplicationController>("default", "two"));
    f.kubectl({"delete", "rc", "--all"});
    CHECK(f.sim.api().list<ReplicationController>().empty());
}

TEST_CASE("kubectl describe matches a name prefix when no object has the exact name") {
    KubectlFixture f;
    f.addRunningPod("rcsise-6nq3k", {{"app", "sise"}});
    f.addRunningPod("rcsise-nv8zm", {{"app", "sise"}}, "mhausenblas/simpleservice:0.5.0", "172.17.0.4");
    auto r = f.kubectl({"describe", "pod", "rcsise"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "rcsise-6nq3k"));
    CHECK(contains(r.out, "rcsise-nv8zm"));
    auto exact = f.kubectl({"describe", "pods", "rcsise-6nq3k"});
    CHECK_FALSE(contains(exact.out, "rcsise-nv8zm"));
    CHECK(f.kubectl({"describe", "pod", "zzz"}).err == "Error from server (NotFound): pods \"zzz\" not found\n");
}

TEST_CASE("kubectl exec runs a container command and reports unknown programs") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "sise"}});
    CHECK(f.kubectl({"exec", "a", "--", "hostname"}).out == "a\n");
    auto env = f.kubectl({"exec", "a", "--", "env"});
    CHECK(contains(env.out, "HOSTNAME=a\n"));
    auto missing = f.kubectl({"exec", "a", "--", "curl", "x"});
    CHECK(missing.status == 126);
    CHECK(contains(missing.err, "executable file not found in $PATH"));
}

TEST_CASE("the container command table can be extended without touching kubectl") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "sise"}});
    auto commands = kubectl::builtinContainerCommands();
    commands.add("curl", [](kubectl::ContainerInvocation& inv) { return shell::CommandResult{"hello from " + inv.pod.meta.name + "\n", {}, 0}; });
    auto r = kubectl::runKubectl(f.sim, {{"kubectl", "exec", "a", "--", "curl", "x"}, {}, false}, commands);
    CHECK(r.out == "hello from a\n");
}

TEST_CASE("a Service created after a pod is missing from the pod's environment") {
    KubectlFixture f;
    Service early;
    early.meta.name = "early";
    early.ports.push_back(ServicePort{"", "TCP", 80, IntOrString::ofInt(80), 0});
    f.sim.api().create(early, "test");
    f.sim.runFor(SimTime::s(1));
    f.addRunningPod("a", {{"app", "sise"}});
    f.sim.runFor(SimTime::s(1));
    Service late = early;
    late.meta.name = "late";
    late.clusterIP.clear();
    f.sim.api().create(late, "test");
    auto env = f.kubectl({"exec", "a", "--", "env"}).out;
    CHECK(contains(env, "EARLY_SERVICE_HOST="));
    CHECK_FALSE(contains(env, "LATE_SERVICE_HOST="));
}

TEST_CASE("kubectl logs prints the simpleservice start-up line of a running pod") {
    KubectlFixture f;
    f.addRunningPod("a", {{"app", "sise"}});
    auto r = f.kubectl({"logs", "a"});
    CHECK(r.status == 0);
    CHECK(r.out == "2017-04-25T13:46:40 INFO This is simple service in version v0.5.0 listening on port 9876 [at line 142]\n");
}

TEST_CASE("kubectl rollout undo puts the previous revision's template back") {
    KubectlFixture f;
    f.kubectl({"run", "sise", "--image=img:1"});
    const Deployment* d = f.sim.api().get<Deployment>("default", "sise");
    REQUIRE(d);
    auto makeRs = [&](const std::string& name, const std::string& image, const std::string& revision) {
        ReplicaSet rs;
        rs.meta.name = name;
        rs.meta.ns = "default";
        rs.meta.annotations["deployment.kubernetes.io/revision"] = revision;
        rs.meta.ownerReferences.push_back(OwnerReference{"extensions/v1beta1", "Deployment", "sise", d->meta.uid, true, true});
        rs.tmpl = d->tmpl;
        rs.tmpl.meta.labels["pod-template-hash"] = revision;
        rs.tmpl.spec.containers[0].image = image;
        rs.selector.matchLabels = rs.tmpl.meta.labels;
        REQUIRE(f.sim.api().create(rs, "test").ok());
    };
    makeRs("sise-1", "img:1", "1");
    makeRs("sise-2", "img:2", "2");
    auto history = f.kubectl({"rollout", "history", "deploy/sise"});
    CHECK(history.out == "deployments \"sise\"\nREVISION\tCHANGE-CAUSE\n1\t\t<none>\n2\t\t<none>\n\n");
    auto undo = f.kubectl({"rollout", "undo", "deployment/sise"});
    CHECK(undo.out == "deployment \"sise\" rolled back\n");
    const Deployment* after = f.sim.api().get<Deployment>("default", "sise");
    CHECK(after->tmpl.spec.containers[0].image == "img:1");
    CHECK(after->tmpl.meta.labels.count("pod-template-hash") == 0);
}

TEST_CASE("kubectl rollout status reports success once the deployment status is complete") {
    KubectlFixture f;
    f.kubectl({"run", "sise", "--image=img:1"});
    Deployment d = *f.sim.api().get<Deployment>("default", "sise");
    d.status.observedGeneration = d.meta.generation;
    d.status.replicas = d.status.updatedReplicas = d.status.availableReplicas = d.status.readyReplicas = 1;
    f.sim.api().update(d, "test");
    auto r = f.kubectl({"rollout", "status", "deploy/sise"});
    CHECK(r.out == "deployment \"sise\" successfully rolled out\n");
    CHECK(r.status == 0);
}
