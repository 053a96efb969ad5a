#include <doctest/doctest.h>

#include <ui/model/branch_compare.hpp>
#include <ui/model/scenario_stepper.hpp>
#include <ui/model/ui_session.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

std::unique_ptr<UiSession> openTutorial() {
    auto s = UiSession::open({});
    REQUIRE(s.ok());
    return std::move(*s);
}

// The step that scales the ReplicationController to two replicas.
std::size_t scaleStep(const ScenarioStepper& stepper) {
    for (std::size_t i = 0; i < stepper.stepCount(); ++i)
        if (!stepper.step(i).commands.empty() && stepper.step(i).commands[0].rfind("kubectl scale", 0) == 0) return i;
    FAIL("no scale step");
    return 0;
}

} // namespace

TEST_CASE("a branch that makes a pod unready sends every request to the other pod, side by side with the original") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    const std::size_t scale = scaleStep(stepper);
    stepper.runThrough(scale + 1);  // two pods, both ready
    // The original run: load over the Service.
    session->run("load --to 172.30.228.255:80 --count 40");
    BranchCompare branch;
    branch.keepOriginal(*session);
    CHECK(branch.hasOriginal());
    CHECK(branch.originalStep() == scale + 2);

    // Step back to before the load (the stepper restores the session before its last step, then
    // runs it again), change something, run on.
    stepper.previous();
    stepper.runThrough(scale + 1);
    session->run("sim pod unready rcsise-6nq3k");
    session->run("sleep 30");
    session->run("load --to 172.30.228.255:80 --count 40");

    const auto rows = branch.hitRows(*session);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].endpoint == "rcsise-6nq3k 172.17.0.3:9876");
    CHECK(rows[1].endpoint == "rcsise-nv8zm 172.17.0.4:9876");
    CHECK(rows[0].original > 0);
    CHECK(rows[1].original > 0);
    // The branch: the unready pod left the endpoints, so the new load went to the other pod only.
    CHECK(rows[0].current < rows[0].original);
    CHECK(rows[1].current == rows[1].original + (rows[0].original - rows[0].current));

    const auto diff = branch.firstDifference(*session);
    REQUIRE(diff);
    CHECK(session->transcript()[*diff].line == "sim pod unready rcsise-6nq3k");
    const auto a = branch.original();
    const auto b = BranchCompare::columnOf(*session);
    CHECK(a.console.size() < b.console.size());
    CHECK(a.time < b.time);
}

TEST_CASE("the consoles stand side by side entry against entry, a command only one run has facing blank lines") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    const std::size_t scale = scaleStep(stepper);
    stepper.runThrough(scale + 1);
    session->run("kubectl get pods");
    session->run("curl 172.30.228.255:80/info");
    BranchCompare branch;
    branch.keepOriginal(*session);
    const std::uint64_t kept = branch.revision();
    // The branch: the same two commands with one more in between.
    stepper.previous();
    stepper.runThrough(scale + 1);
    session->run("kubectl get pods");
    session->run("sim pod unready rcsise-6nq3k");
    session->run("curl 172.30.228.255:80/info");

    const auto rows = branch.consoleRows(*session);
    // Every entry of the stepper's steps and the first `kubectl get pods` agree.
    CHECK(rows.skipped == session->transcript().size() - 2);
    const std::string prompt = session->sim().config().prompt;
    REQUIRE(rows.rows.size() >= 3);
    // The added command faces nothing; its output (none) adds no row.
    CHECK(rows.rows[0].command);
    CHECK(rows.rows[0].original.empty());
    CHECK(rows.rows[0].current == prompt + "sim pod unready rcsise-6nq3k");
    CHECK(rows.rows[0].differs);
    // The curl stands against the curl, on one row.
    std::size_t curl = 1;
    while (curl < rows.rows.size() && !rows.rows[curl].command) ++curl;
    REQUIRE(curl < rows.rows.size());
    CHECK(rows.rows[curl].original == prompt + "curl 172.30.228.255:80/info");
    CHECK(rows.rows[curl].current == rows.rows[curl].original);
    CHECK_FALSE(rows.rows[curl].differs);
    REQUIRE(curl + 1 < rows.rows.size());
    CHECK(rows.rows[curl + 1].original.find("\"from\"") != std::string::npos);
    CHECK(rows.rows[curl + 1].current.find("\"from\"") != std::string::npos);
    CHECK(rows.rows.size() == curl + 2);
    // Forgetting the original moves the revision, and leaves nothing to compare.
    branch.forget();
    CHECK(branch.revision() != kept);
    CHECK(branch.consoleRows(*session).rows.empty());
}

TEST_CASE("without an original there is nothing to compare") {
    auto session = openTutorial();
    BranchCompare branch;
    CHECK_FALSE(branch.hasOriginal());
    CHECK_FALSE(branch.firstDifference(*session));
    CHECK(branch.original().console.empty());
}
