// The standard command set: kubectl plugged into the shell with its own duration and stdin.
#include <doctest/doctest.h>

#include <kubenetsim/cluster/profiles.hpp>
#include <kubenetsim/kubectl/commands/kubectl.hpp>
#include <kubenetsim/shell/standard_commands.hpp>

#include "../support/temp_dir.hpp"
#include "shell_fixture.hpp"

namespace {

struct Booted {
    kns::Simulation sim;
    kns::shell::Shell shell{sim};
    explicit Booted(const std::string& profile) : sim(*kns::builtinProfile(profile), 1) {
        kns::bootCluster(sim);
        kns::shell::registerStandardCommands(shell);
    }
};

} // namespace

TEST_CASE("kubectl runs through the shell, takes kubectl's own duration and pipes into grep") {
    Booted b("legacy");
    const kns::SimTime before = b.sim.now();
    const std::vector<std::string> argv = {"kubectl", "get", "svc"};
    const kns::SimTime expected = kns::kubectl::kubectlDuration(b.sim, argv);
    auto r = b.shell.run("kubectl get svc | grep -c docker-registry");
    CHECK(r.out == "1\n");
    CHECK(b.sim.now() == before + expected);
    CHECK(b.shell.findCommand("kubectl") != nullptr);
    CHECK(b.shell.findCommand("sim") != nullptr);
}

TEST_CASE("kubectl's errors reach stderr with its failing status") {
    Booted b("modern");
    auto r = b.shell.run("kubectl get pods nosuch");
    CHECK(r.status == 1);
    CHECK(r.err == "Error from server (NotFound): pods \"nosuch\" not found\n");
}

TEST_CASE("kubectl apply -f - reads a manifest given with `< FILE', as from a pipe") {
    Booted b("legacy");
    kns::test::TempDir dir("apply-input");
    const std::string file = dir.write("svc.yaml",
                                       "apiVersion: v1\nkind: Service\nmetadata:\n  name: simpleservice\nspec:\n  ports:\n    - port: 80\n"
                                       "      targetPort: 9876\n  selector:\n    app: sise\n");
    auto r = b.shell.run("kubectl apply -f - < " + file);
    CHECK(r.out == "service \"simpleservice\" created\n");
    CHECK(r.status == 0);
    kns::test::WorkingDirectory cwd(dir.path());
    auto missing = b.shell.run("kubectl apply -f - < nope.yaml");
    CHECK(missing.err == "bash: nope.yaml: No such file or directory\n");
    CHECK(missing.status == 1);
    auto relative = b.shell.run("kubectl apply -f - < svc.yaml");  // from the working directory
    CHECK(relative.status == 0);
    CHECK(relative.out.rfind("service \"simpleservice\" ", 0) == 0);
}
