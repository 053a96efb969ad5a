#include <doctest/doctest.h>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/variables.hpp>

using namespace kns;
using namespace kns::scenario;

namespace {

void addPod(Simulation& sim, const std::string& name, SimTime created, const std::string& ip, Labels labels = {{"app", "sise"}},
            const std::string& ns = "default") {
    Pod p;
    p.meta.name = name;
    p.meta.ns = ns;
    p.meta.creationTimestamp = created;
    p.meta.labels = std::move(labels);
    p.status.podIP = ip;
    sim.state().objects.pods[ns + "/" + name] = p;
}

std::string sub(const std::string& text, const Simulation& sim) {
    auto r = substituteVariables(text, sim);
    return r ? *r : "ERROR " + r.error().message;
}

} // namespace

TEST_CASE("a pod variable picks matching pods by creation time, not by name") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "rcsise-zzzzz", SimTime::s(1), "172.17.0.3");
    addPod(sim, "rcsise-bbbbb", SimTime::s(5), "172.17.0.4");
    addPod(sim, "other-ccccc", SimTime::s(0), "172.17.0.5", {{"app", "other"}});
    CHECK(sub("kubectl describe pod ${pod:app=sise:0}", sim) == "kubectl describe pod rcsise-zzzzz");
    CHECK(sub("${pod:app=sise:1} ${pod:app=sise:-1}", sim) == "rcsise-bbbbb rcsise-bbbbb");
    CHECK(sub("${pod:app=sise}", sim) == "rcsise-zzzzz");
    CHECK(sub("curl ${pod-ip:app=sise:1}:9876/info", sim) == "curl 172.17.0.4:9876/info");
    CHECK(sub("${pod::0}", sim) == "other-ccccc");
    CHECK(sub("${pod:app!=sise:0}", sim) == "other-ccccc");
}

TEST_CASE("equal creation times are ordered by name") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "b-pod", SimTime::s(1), "172.17.0.3");
    addPod(sim, "a-pod", SimTime::s(1), "172.17.0.4");
    CHECK(sub("${pod:app=sise:0}", sim) == "a-pod");
}

TEST_CASE("a namespace after @ selects pods of that namespace only") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "web-1", SimTime::s(1), "10.0.0.1", {{"app", "web"}}, "prod");
    addPod(sim, "web-2", SimTime::s(0), "10.0.0.2", {{"app", "web"}});
    CHECK(sub("${pod@prod:app=web:0}", sim) == "web-1");
    CHECK(sub("${pod:app=web:0}", sim) == "web-2");
}

TEST_CASE("service, cluster-ip and node variables resolve by labels or metadata.name") {
    Simulation sim(ClusterConfig{}, 1);
    Service svc;
    svc.meta.name = "simpleservice";
    svc.meta.ns = "default";
    svc.clusterIP = "172.30.228.255";
    sim.state().objects.services["default/simpleservice"] = svc;
    Node node;
    node.meta.name = "localhost";
    node.status.addresses.push_back({"InternalIP", "192.168.99.100"});
    sim.state().objects.nodes["localhost"] = node;
    CHECK(sub("curl ${cluster-ip:metadata.name=simpleservice}:80", sim) == "curl 172.30.228.255:80");
    CHECK(sub("${service::0}", sim) == "simpleservice");
    CHECK(sub("${node-ip::0}", sim) == "192.168.99.100");
}

TEST_CASE("text that is not a scenario variable is left for the shell") {
    Simulation sim(ClusterConfig{}, 1);
    CHECK(sub("for i in $(seq 3); do echo ${i}; done", sim) == "for i in $(seq 3); do echo ${i}; done");
    CHECK(sub("echo ${HOME:-x}", sim) == "echo ${HOME:-x}");
    CHECK(sub("echo $${pod:app=sise:0}", sim) == "echo ${pod:app=sise:0}");
}

TEST_CASE("a variable that selects nothing is an error naming the variable") {
    Simulation sim(ClusterConfig{}, 1);
    addPod(sim, "rcsise-zzzzz", SimTime::s(1), "172.17.0.3");
    CHECK(sub("${pod:app=sise:1}", sim) ==
          "ERROR ${pod:app=sise:1}: 1 object(s) match \"app=sise\" in namespace default, none at index 1");
    CHECK(sub("${pod:app=nope:0}", sim).rfind("ERROR ${pod:app=nope:0}: 0 object(s)", 0) == 0);
}

TEST_CASE("malformed variables are reported with their column") {
    auto bad = findVariables("x ${pod:app=sise:one}");
    REQUIRE(!bad.ok());
    CHECK(bad.error().location == "column 3");
    auto unterminated = findVariables("${pod:app=sise:0");
    REQUIRE(!unterminated.ok());
    CHECK(unterminated.error().message == "unterminated variable \"${pod:app=sise:0\"");
    auto badSelector = findVariables("${pod:app=si se:0}");
    REQUIRE(!badSelector.ok());
    auto ok = findVariables("${pod:app=sise:0} and ${cluster-ip:metadata.name=s}");
    REQUIRE(ok.ok());
    CHECK(ok->size() == 2);
    CHECK((*ok)[1].selector.name == "s");
}
