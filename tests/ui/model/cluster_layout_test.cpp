#include <doctest/doctest.h>

#include <string>

#include <ui/model/cluster_layout.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

void checkNoOverlaps(const ClusterLayout& l) {
    for (const PodLayout& p : l.pods) {
        const NodeLayout* n = l.node(p.pod.node);
        REQUIRE(n);
        CHECK(p.box.inside(n->box));
        CHECK_FALSE(p.box.overlaps(n->bridgeBar));
    }
    for (std::size_t i = 0; i < l.pods.size(); ++i)
        for (std::size_t j = i + 1; j < l.pods.size(); ++j)
            if (l.pods[i].box.overlaps(l.pods[j].box)) FAIL("pods " << l.pods[i].pod.key << " and " << l.pods[j].pod.key << " overlap");
    for (std::size_t i = 0; i < l.nodes.size(); ++i) {
        CHECK_FALSE(l.nodes[i].box.overlaps(l.apiServer));
        for (std::size_t j = i + 1; j < l.nodes.size(); ++j) CHECK_FALSE(l.nodes[i].box.overlaps(l.nodes[j].box));
        for (const VipLayout& v : l.vips) CHECK_FALSE(v.box.overlaps(l.nodes[i].box));
    }
    for (const VipLayout& v : l.vips) CHECK_FALSE(v.box.overlaps(l.apiServer));
}

LayoutInput synthetic(std::size_t pods, std::size_t nodes) {
    LayoutInput in;
    in.viewTime = SimTime::s(100);
    for (std::size_t n = 0; n < nodes; ++n)
        in.nodes.push_back({"node-" + std::to_string(n), "10.0.0." + std::to_string(n + 1), {{"eth0", "10.0.0.1/24", "ether"}, {"cni0", "10.244.0.1/24", "bridge"}}, "cni0", true});
    for (std::size_t i = 0; i < pods; ++i)
        in.pods.push_back({"default/web-" + std::to_string(i), "web-" + std::to_string(i), "node-" + std::to_string(i % nodes), "10.244.0.2", "Running",
                           true, false, false, "", SimTime::s(1)});
    for (std::size_t i = 0; i < 20; ++i) in.vips.push_back({"default/svc-" + std::to_string(i), "10.96.0." + std::to_string(i + 10), "80/TCP"});
    return in;
}

} // namespace

TEST_CASE("the tutorial's cluster is laid out with both pods inside the node and the virtual IP outside every node") {
    auto s = tutorialSession(true);
    const ClusterLayout l = layoutCluster(layoutInput(s->sim(), s->viewTime()));
    REQUIRE(l.nodes.size() == 1);
    CHECK(l.nodes[0].name == "localhost");
    CHECK(l.nodes[0].bridge == "docker0");  // legacy: the pods hang off docker0
    const PodLayout* first = l.pod("default/rcsise-6nq3k");
    const PodLayout* second = l.pod("default/rcsise-nv8zm");
    REQUIRE((first && second));
    CHECK(first->pod.ip == "172.17.0.3");
    CHECK(second->pod.ip == "172.17.0.4");
    CHECK(first->pod.ready);
    CHECK(first->pod.phase == "Running");
    CHECK(first->pod.hostVeth.rfind("veth", 0) == 0);
    const VipLayout* vip = nullptr;
    for (const auto& v : l.vips)
        if (v.vip.key == "default/simpleservice") vip = &v;
    REQUIRE(vip);
    CHECK(vip->vip.ip == kVip);
    CHECK(vip->vip.ports == "80/TCP");
    checkNoOverlaps(l);
    CHECK(l.hit(second->box.centre()) == std::make_pair(std::string("pod"), std::string("default/rcsise-nv8zm")));
    CHECK(l.hit(vip->box.centre()) == std::make_pair(std::string("service"), std::string("default/simpleservice")));
}

TEST_CASE("a packet between a pod and its node moves along the pod's veth, and between nodes along the shared segment") {
    const ClusterLayout l = layoutCluster(synthetic(4, 2));
    const PodLayout* pod = l.pod("default/web-1");
    REQUIRE(pod);
    const auto start = l.along("pod/default/web-1", "node/node-1", 0.0);
    const auto mid = l.along("pod/default/web-1", "node/node-1", 0.5);
    const auto end = l.along("pod/default/web-1", "node/node-1", 1.0);
    REQUIRE((start && mid && end));
    CHECK(start->y == doctest::Approx(pod->anchor.y));
    CHECK(end->y == doctest::Approx(pod->port.y));
    CHECK(mid->y == doctest::Approx((pod->anchor.y + pod->port.y) / 2));
    const auto back = l.along("node/node-1", "pod/default/web-1", 0.25);
    REQUIRE(back);
    CHECK(back->y == doctest::Approx(pod->port.y + (pod->anchor.y - pod->port.y) * 0.25f));
    CHECK(l.linkPath("node/node-0", "node/node-1").size() == 4);
    CHECK(l.linkPath("pod/default/web-1", "node/node-0").empty());  // web-1 is not on node-0
}

TEST_CASE("a thousand pods on three nodes are still laid out without overlaps") {
    const ClusterLayout l = layoutCluster(synthetic(1000, 3));
    CHECK(l.pods.size() == 1000);
    checkNoOverlaps(l);
    for (const PodLayout& p : l.pods) CHECK(p.box.inside(l.bounds));
}

TEST_CASE("a new pod fades in after its creation and a terminating pod is drawn faded") {
    LayoutInput in = synthetic(3, 1);
    in.pods[0].created = in.viewTime - SimTime::ms(400);
    in.pods[1].terminating = true;
    const ClusterLayout l = layoutCluster(in);
    CHECK(l.pod("default/web-0")->alpha == doctest::Approx(0.5f));
    CHECK(l.pod("default/web-1")->alpha < 0.5f);
    CHECK(l.pod("default/web-2")->alpha == doctest::Approx(1.0f));
}

TEST_CASE("pods the view has not reached yet are not laid out") {
    auto s = tutorialSession(false);
    const SimTime before = s->viewTime();
    s->run("kubectl scale --replicas=2 rc/rcsise");
    s->mutableSim().runFor(SimTime::s(5));  // the simulation runs ahead of the view
    CHECK(layoutCluster(layoutInput(s->sim(), before)).pod("default/rcsise-nv8zm") == nullptr);
    CHECK(layoutCluster(layoutInput(s->sim(), s->sim().now())).pod("default/rcsise-nv8zm") != nullptr);
}
