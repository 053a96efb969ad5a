#pragma once
// A small cluster for the kubectl command tests: one node, the default namespace, and helpers
// to put objects in place directly through the Api (no controllers run here, so tests set the
// state a controller would have produced).
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>

namespace kns::test {

inline ClusterConfig smallConfig(Era era) {
    ClusterConfig c;
    c.profile = era == Era::Legacy ? "legacy-test" : "modern-test";
    c.era = era;
    c.kubernetesVersion = era == Era::Legacy ? "v1.5.2+43a9be4" : "v1.30.0";
    NodeDef n;
    n.name = "localhost";
    n.internalIP = "192.168.99.100";
    n.podCIDR = "172.17.0.0/16";
    n.podGateway = "172.17.0.1";
    c.nodes.push_back(n);
    c.clusterPodCIDR = "172.17.0.0/16";
    c.serviceCIDR = "172.30.0.0/16";
    c.startEpochSeconds = 1493128000;  // 2017-04-25 13:46:40 UTC
    return c;
}

class KubectlFixture {
public:
    explicit KubectlFixture(Era era = Era::Legacy) : sim(smallConfig(era), 42) {
        Namespace def;
        def.meta.name = "default";
        sim.api().create(def, "test");
        Node node;
        node.meta.name = "localhost";
        node.status.conditions.push_back(PodCondition{"Ready", "True", {}, {}});
        sim.api().create(node, "test");
    }

    // Runs `kubectl ...` given as words after "kubectl".
    shell::CommandResult kubectl(std::vector<std::string> words, const std::string& stdinText = {}) {
        words.insert(words.begin(), "kubectl");
        return kubectl::runKubectl(sim, kubectl::KubectlInput{words, stdinText, !stdinText.empty()});
    }

    // A running, ready pod with one container.
    void addRunningPod(const std::string& name, Labels labels, const std::string& image = "mhausenblas/simpleservice:0.5.0",
                       const std::string& ip = "172.17.0.3") {
        Pod p;
        p.meta.name = name;
        p.meta.ns = "default";
        p.meta.labels = std::move(labels);
        Container c;
        c.name = "sise";
        c.image = image;
        c.ports.push_back(ContainerPort{"", 9876, 0, "TCP"});
        p.spec.containers.push_back(c);
        p.spec.nodeName = "localhost";
        sim.api().create(p, "test");
        Pod live = *sim.api().get<Pod>("default", name);
        live.status.phase = "Running";
        live.status.podIP = ip;
        live.status.conditions.push_back(PodCondition{"Ready", "True", sim.now(), {}});
        ContainerStatus cs;
        cs.name = "sise";
        cs.state = "running";
        cs.ready = true;
        cs.startedAt = sim.now();
        live.status.containerStatuses.push_back(cs);
        sim.api().update(live, "test");
    }

    void addRc(const std::string& name, Labels labels, int replicas) {
        ReplicationController rc;
        rc.meta.name = name;
        rc.meta.ns = "default";
        rc.replicas = replicas;
        rc.tmpl.meta.labels = labels;
        Container c;
        c.name = "sise";
        c.image = "mhausenblas/simpleservice:0.5.0";
        c.ports.push_back(ContainerPort{"", 9876, 0, "TCP"});
        rc.tmpl.spec.containers.push_back(c);
        sim.api().create(rc, "test");
    }

    std::uint64_t version() const { return sim.state().resourceVersion; }

    Simulation sim;
};

} // namespace kns::test
