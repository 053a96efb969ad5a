#include <doctest/doctest.h>

#include <string>

#include <ui/model/cluster_layout_cache.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

// The cache's layout against one computed afresh for the session's view time.
void checkFresh(const ClusterLayoutCache& cache, const UiSession& s) {
    const ClusterLayout fresh = layoutCluster(layoutInput(s.sim(), s.viewTime()));
    const ClusterLayout& kept = cache.layout();
    REQUIRE(kept.nodes.size() == fresh.nodes.size());
    for (std::size_t i = 0; i < fresh.nodes.size(); ++i) {
        CHECK(kept.nodes[i].name == fresh.nodes[i].name);
        CHECK(kept.nodes[i].ready == fresh.nodes[i].ready);
        CHECK(kept.nodes[i].interfaces.size() == fresh.nodes[i].interfaces.size());
    }
    REQUIRE(kept.vips.size() == fresh.vips.size());
    for (std::size_t i = 0; i < fresh.vips.size(); ++i) CHECK(kept.vips[i].vip.key == fresh.vips[i].vip.key);
    REQUIRE(kept.pods.size() == fresh.pods.size());
    for (std::size_t i = 0; i < fresh.pods.size(); ++i) {
        const PodLayout& a = kept.pods[i];
        const PodLayout& b = fresh.pods[i];
        CHECK(a.pod.key == b.pod.key);
        CHECK(a.pod.ip == b.pod.ip);
        CHECK(a.pod.phase == b.pod.phase);
        CHECK(a.pod.ready == b.pod.ready);
        CHECK(a.pod.hostVeth == b.pod.hostVeth);
        CHECK(a.alpha == doctest::Approx(b.alpha));
        CHECK(a.box.x == doctest::Approx(b.box.x));
        CHECK(a.box.y == doctest::Approx(b.box.y));
    }
}

const Pod* podOf(const UiSession& s, const std::string& key) {
    auto it = s.sim().objects().pods.find(key);
    return it == s.sim().objects().pods.end() ? nullptr : &it->second;
}

} // namespace

TEST_CASE("the cluster layout is kept while time passes with nothing changing, and always equals a fresh one") {
    auto s = tutorialSession(false);
    ClusterLayoutCache cache;
    CHECK(cache.update(*s) == ClusterLayoutCache::Update::Rebuilt);
    checkFresh(cache, *s);
    // A quiet minute, frame by frame at 10x: the pod runs, kube-proxy resyncs, nothing moves.
    int kept = 0;
    for (int i = 0; i < 360; ++i) {
        s->advanceView(SimTime::ms(166));
        if (cache.update(*s) == ClusterLayoutCache::Update::Kept) ++kept;
    }
    checkFresh(cache, *s);
    CHECK(kept == 360);
    CHECK(cache.rebuilds() == 1);
}

TEST_CASE("the cached layout takes in a pod when the view reaches its creation and fades it in without rebuilding") {
    auto s = tutorialSession(false);
    ClusterLayoutCache cache;
    cache.update(*s);
    // The command runs to completion at once: the simulation is ten seconds ahead of the view,
    // with the second pod created in between.
    REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise; sleep 10").result.status == 0);
    const Pod* second = podOf(*s, "default/rcsise-nv8zm");
    REQUIRE(second);
    REQUIRE(second->meta.creationTimestamp > s->viewTime());
    CHECK(cache.update(*s) == ClusterLayoutCache::Update::Rebuilt);  // a command ran
    CHECK_FALSE(cache.layout().pod("default/rcsise-nv8zm"));
    const std::uint64_t afterCommand = cache.rebuilds();
    int faded = 0;
    bool seen = false;
    for (int i = 0; i < 120 && s->viewTime() < s->sim().now(); ++i) {
        s->advanceView(SimTime::ms(50));
        if (cache.update(*s) == ClusterLayoutCache::Update::Faded) ++faded;
        checkFresh(cache, *s);
        seen = seen || cache.layout().pod("default/rcsise-nv8zm");
    }
    CHECK(seen);
    CHECK(faded > 5);  // 800 ms of fade at 50 ms a frame, minus the frames its status changed
    // The pod joined, then its status changed a few times (scheduled, sandbox, IP, running, ready):
    // a handful of rebuilds, not one per frame.
    CHECK(cache.rebuilds() - afterCommand <= 8);
}

TEST_CASE("the cached layout is rebuilt when a snapshot is restored or the view goes back") {
    auto s = tutorialSession(false);
    ClusterLayoutCache cache;
    const SessionSnapshot onePod = s->snapshot();
    REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise").result.status == 0);
    s->advanceView(SimTime::s(5));
    cache.update(*s);
    REQUIRE(cache.layout().pod("default/rcsise-nv8zm"));
    SUBCASE("a restored snapshot") {
        s->restore(onePod);
        CHECK(cache.update(*s) == ClusterLayoutCache::Update::Rebuilt);
        CHECK_FALSE(cache.layout().pod("default/rcsise-nv8zm"));
    }
    SUBCASE("the view put back before the pod's creation") {
        s->setViewTime(podOf(*s, "default/rcsise-nv8zm")->meta.creationTimestamp - SimTime::ms(1));
        CHECK(cache.update(*s) == ClusterLayoutCache::Update::Rebuilt);
        CHECK_FALSE(cache.layout().pod("default/rcsise-nv8zm"));
    }
    checkFresh(cache, *s);
}
