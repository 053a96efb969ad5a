#include <doctest/doctest.h>

#include <kubenetsim/kubectl/commands/kubectl.hpp>

#include "kubectl_fixture.hpp"

using namespace kns;

TEST_CASE("kubectl registered in a shell runs there and takes its own simulated time") {
    test::KubectlFixture f;
    f.addRunningPod("a", {{"app", "sise"}});
    shell::Shell sh(f.sim);
    auto commands = kubectl::builtinContainerCommands();
    commands.add("curl", [](kubectl::ContainerInvocation&) { return shell::CommandResult{"ok\n", {}, 0}; });
    kubectl::registerKubectl(sh, commands);
    const SimTime before = f.sim.now();
    auto r = sh.run("kubectl get pods -l app=sise | grep -c a");
    CHECK(r.out == "1\n");
    CHECK(f.sim.now() > before);
    CHECK(sh.run("kubectl exec a -- curl x").out == "ok\n");
}
