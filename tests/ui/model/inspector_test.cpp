#include <doctest/doctest.h>

#include <ui/model/inspector.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using kns::ui::testing::tutorialSession;

namespace {

// The output the console gives for the same command line, run on the node.
std::string consoleOutput(UiSession& s, const std::string& line) {
    const ConsoleEntry& e = s.run(line, UiSession::Undo::Skip);
    REQUIRE_MESSAGE(e.result.status == 0, line);
    return e.result.out;
}

} // namespace

TEST_CASE("the inspector shows a pod, a Service and a node as the console's own commands do, without running them") {
    auto s = tutorialSession(false);
    std::string podKey;
    for (const auto& [key, pod] : s->sim().objects().pods)
        if (key.rfind("default/rcsise-", 0) == 0) podKey = key;
    REQUIRE(podKey.rfind("default/rcsise-", 0) == 0);
    const std::string podName = podKey.substr(8);

    const std::size_t consoleBefore = s->transcript().size();
    const SimTime timeBefore = s->sim().now();
    const auto pod = inspect(s->sim(), "pod", podKey);
    const auto svc = inspect(s->sim(), "service", "default/simpleservice");
    const auto node = inspect(s->sim(), "node", "localhost");
    CHECK(s->transcript().size() == consoleBefore);  // nothing ran
    CHECK(s->sim().now() == timeBefore);

    REQUIRE(pod.size() == 2);
    CHECK(pod[0].command == "kubectl describe pod " + podName);
    CHECK(pod[1].command == "kubectl exec " + podName + " -- ip addr");
    REQUIRE(svc.size() == 1);
    CHECK(svc[0].command == "kubectl describe svc simpleservice");
    REQUIRE(node.size() == 3);
    CHECK(node[0].command == "kubectl describe node localhost");
    CHECK(node[1].command == "ip addr");
    CHECK(node[2].command == "ip route");
    // Byte for byte what typing them gives.
    for (const auto* sections : {&pod, &svc, &node})
        for (const InspectorSection& section : *sections) CHECK(section.output == consoleOutput(*s, section.command));
    CHECK(pod[1].output.find(s->sim().objects().pods.at(podKey).status.podIP) != std::string::npos);
}

TEST_CASE("the inspector shows nothing for an object that is gone or a selection it does not know") {
    auto s = tutorialSession(false);
    CHECK(inspect(s->sim(), "pod", "default/no-such-pod").empty());
    CHECK(inspect(s->sim(), "node", "no-such-node").empty());
    CHECK(inspect(s->sim(), "bridge", "docker0").empty());
    CHECK(inspect(s->sim(), "", "").empty());
}
