#include <doctest/doctest.h>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/scenario/expectation_check.hpp>
#include <kubenetsim/scenario/line_diff.hpp>

using namespace kns;
using namespace kns::scenario;

namespace {

Expectation text(Expectation::Kind kind, std::string t) {
    Expectation e;
    e.kind = kind;
    e.text = std::move(t);
    return e;
}

Expectation lines(std::vector<std::string> l) {
    Expectation e;
    e.kind = Expectation::Kind::Lines;
    e.lines = std::move(l);
    return e;
}

const std::string kGetPods =
    "NAME           READY     STATUS    RESTARTS   AGE\n"
    "rcsise-6nq3k   1/1       Running   0          15m\n"
    "rcsise-nv8zm   1/1       Running   0          5s\n";

} // namespace

TEST_CASE("a lines expectation needs each line whole and in order, with others allowed between") {
    Simulation sim(ClusterConfig{}, 1);
    CHECK(checkExpectation(lines({"NAME           READY     STATUS    RESTARTS   AGE", "rcsise-nv8zm   1/1       Running   0          5s"}),
                           kGetPods, 0, sim).holds);
    CHECK_FALSE(checkExpectation(lines({"rcsise-nv8zm   1/1       Running   0          5s", "rcsise-6nq3k   1/1       Running   0          15m"}),
                                 kGetPods, 0, sim).holds);
    CHECK_FALSE(checkExpectation(lines({"rcsise-6nq3k"}), kGetPods, 0, sim).holds);  // a fragment is not a line
    auto miss = checkExpectation(lines({"NAME           READY     STATUS    RESTARTS   AGE", "rcsise-6nq3k   1/1       Running   0          14m"}),
                                 kGetPods, 0, sim);
    CHECK(miss.report ==
          "expected line missing (or out of order):\n"
          "    rcsise-6nq3k   1/1       Running   0          14m\n"
          "--- expected\n+++ actual\n@@ -1,2 +1,3 @@\n"
          " NAME           READY     STATUS    RESTARTS   AGE\n"
          "-rcsise-6nq3k   1/1       Running   0          14m\n"
          "+rcsise-6nq3k   1/1       Running   0          15m\n"
          "+rcsise-nv8zm   1/1       Running   0          5s\n");
}

TEST_CASE("exact, contains, regex and status expectations compare as their names say") {
    Simulation sim(ClusterConfig{}, 1);
    CHECK(checkExpectation(text(Expectation::Kind::Exact, kGetPods), kGetPods, 0, sim).holds);
    CHECK_FALSE(checkExpectation(text(Expectation::Kind::Exact, kGetPods + "\n"), kGetPods, 0, sim).holds);
    CHECK(checkExpectation(text(Expectation::Kind::Contains, "Running   0          5s"), kGetPods, 0, sim).holds);
    CHECK_FALSE(checkExpectation(text(Expectation::Kind::Contains, "CrashLoopBackOff"), kGetPods, 0, sim).holds);
    CHECK(checkExpectation(text(Expectation::Kind::Regex, "rcsise-[b-z0-9]{5} +1/1"), kGetPods, 0, sim).holds);
    CHECK_FALSE(checkExpectation(text(Expectation::Kind::Regex, "^rcsise-[a-z]{6}"), kGetPods, 0, sim).holds);
    Expectation status;
    status.kind = Expectation::Kind::Status;
    status.status = 1;
    CHECK(checkExpectation(status, "", 1, sim).holds);
    auto wrong = checkExpectation(status, "", 0, sim);
    CHECK_FALSE(wrong.holds);
    CHECK(wrong.report == "exit status 0, expected 1\n");
}

TEST_CASE("expected texts resolve variables before comparing") {
    Simulation sim(ClusterConfig{}, 1);
    Pod p;
    p.meta.name = "rcsise-abcde";
    p.meta.ns = "default";
    p.meta.labels = {{"app", "sise"}};
    sim.state().objects.pods["default/rcsise-abcde"] = p;
    CHECK(checkExpectation(text(Expectation::Kind::Contains, "pod \"${pod:app=sise:0}\" deleted"), "pod \"rcsise-abcde\" deleted\n", 0, sim).holds);
    CHECK_FALSE(checkExpectation(text(Expectation::Kind::Contains, "${pod:app=sise:1}"), "anything", 0, sim).holds);
}

TEST_CASE("the unified diff shows hunks with context and line ranges") {
    std::vector<std::string> a{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
    std::vector<std::string> b = a;
    b[1] = "two";
    b.erase(b.begin() + 10);
    CHECK(unifiedDiff(a, a).empty());
    CHECK(unifiedDiff(a, b, 1) ==
          "--- expected\n+++ actual\n"
          "@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"
          "@@ -10,3 +10,2 @@\n 10\n-11\n 12\n");
    CHECK(textLines("a\nb\n") == std::vector<std::string>{"a", "b"});
    CHECK(textLines("a\nb") == std::vector<std::string>{"a", "b"});
    CHECK(textLines("") == std::vector<std::string>{});
}
