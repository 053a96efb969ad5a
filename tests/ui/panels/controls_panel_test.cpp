#include <doctest/doctest.h>

#include <ui/app/workspace.hpp>
#include <ui/panels/controls_panel.hpp>

#include "../app/headless_imgui.hpp"

using namespace kns;
using namespace kns::ui;

TEST_CASE("a replicas control issues the kubectl scale command a user would type") {
    CHECK(scaleCommand("rc", "default/rcsise", 3) == "kubectl scale rc rcsise --replicas=3");
    CHECK(scaleCommand("deployment", "kube-system/coredns", 0) == "kubectl scale deployment coredns --replicas=0 -n kube-system");
}

TEST_CASE("the controls list each workload with its replicas, and its scale command changes them") {
    test::HeadlessImGui imgui;
    auto opened = UiSession::open({.noScenario = true});
    REQUIRE(opened.ok());
    UiSession& s = **opened;
    REQUIRE(s.run("kubectl run sise --image=mhausenblas/simpleservice:0.5.0 --port=9876 --replicas=2").result.status == 0);
    s.advanceView(s.sim().now() - s.viewTime() + SimTime::s(30));
    Workspace w(s, Settings{});
    for (int i = 0; i < 2; ++i) imgui.frame(1280, 800, [&] { w.draw(1280, 800); });
    CHECK(w.text().contains("deployment default/sise  2/2 ready"));
    const ConsoleEntry& e = s.run(scaleCommand("deployment", "default/sise", 3));
    CHECK(e.result.status == 0);
    CHECK(s.sim().objects().deployments.at("default/sise").replicas == 3);
    CHECK(s.transcript().back().line == "kubectl scale deployment sise --replicas=3");
}
