// simpleservice as the pods run it: /health delayed by HEALTH_MIN..HEALTH_MAX milliseconds, and
// SIMPLE_SERVICE_VERSION in /info's answer, reached over the data plane with curl.
#include <doctest/doctest.h>

#include <set>

#include <kubenetsim/dataplane/curl_command.hpp>
#include <kubenetsim/dataplane/data_plane_state.hpp>

#include "../support/cluster_fixture.hpp"

using namespace kns;

namespace {

// One simpleservice pod with `env`, and its Service.
struct EnvLab {
    test::BootedCluster cluster;
    Simulation& sim;
    std::string podIP, vip;
    EnvLab(const std::string& profile, std::vector<EnvVar> env) : cluster(profile), sim(cluster.sim) {
        ReplicationController rc = test::siseRC(1);
        rc.tmpl.spec.containers[0].env = std::move(env);
        REQUIRE(sim.api().create(rc, "test"));
        REQUIRE(sim.api().create(test::siseService(), "test"));
        sim.runFor(SimTime::s(30));
        REQUIRE(test::readyPods(sim, "sise") == 1);
        podIP = test::podsWith(sim, "sise").front()->status.podIP;
        vip = sim.api().get<Service>("default", "simpleservice")->clusterIP;
    }
    shell::CommandResult curl(const std::string& url) {
        return dataplane::curl(sim, nodeNamespaceKey(sim.config().shellNode), {"curl", "-s", url});
    }
    // The simulated time one request takes.
    SimTime timed(const std::string& url, shell::CommandResult& r) {
        const SimTime before = sim.now();
        r = curl(url);
        return sim.now() - before;
    }
};

} // namespace

TEST_CASE("simpleservice's /health answers {\"healthy\": true} after a delay drawn between HEALTH_MIN and HEALTH_MAX") {
    // As simpleservice.py 0.5.0 does: random.randrange(HEALTH_MIN, HEALTH_MAX) milliseconds of
    // time.sleep before the handler finishes; the body is json_encode({"healthy": True}).
    EnvLab lab("legacy", {{"HEALTH_MIN", "1000"}, {"HEALTH_MAX", "3000"}});
    std::set<std::int64_t> seen;
    for (int i = 0; i < 12; ++i) {
        shell::CommandResult r;
        const SimTime took = lab.timed(lab.podIP + ":9876/health", r);
        CAPTURE(took.nanos());
        CHECK(r.status == 0);
        CHECK(r.out == "{\"healthy\": true}");
        CHECK(took >= SimTime::ms(1000));
        CHECK(took < SimTime::ms(3000) + SimTime::ms(20));  // the network's and the application's own few milliseconds
        seen.insert(took.nanos() / 1'000'000);
    }
    CHECK(seen.size() > 6);  // drawn anew for every request
    // Only /health waits; through the Service too.
    shell::CommandResult info;
    CHECK(lab.timed(lab.vip + "/info", info) < SimTime::ms(20));
    CHECK(info.status == 0);
    shell::CommandResult viaVip;
    CHECK(lab.timed(lab.vip + "/health", viaVip) >= SimTime::ms(1000));
    CHECK(viaVip.out == "{\"healthy\": true}");
}

TEST_CASE("simpleservice's /health without HEALTH_MAX, or with a range Python 2 finds empty, answers at once") {
    struct Row {
        std::vector<EnvVar> env;
        SimTime atLeast, below;
    };
    const Row rows[] = {
        {{}, SimTime::zero(), SimTime::ms(20)},
        {{{"HEALTH_MIN", "1000"}}, SimTime::zero(), SimTime::ms(20)},  // HEALTH_MAX defaults to the number 0, below any string
        {{{"HEALTH_MAX", "500"}}, SimTime::zero(), SimTime::ms(520)},  // HEALTH_MIN defaults to 0: up to half a second
        {{{"HEALTH_MIN", "2000"}, {"HEALTH_MAX", "2000"}}, SimTime::zero(), SimTime::ms(20)},
        {{{"HEALTH_MIN", "1000"}, {"HEALTH_MAX", "1500.0"}}, SimTime::ms(1000), SimTime::ms(1520)},  // float() reads "1500.0"
    };
    for (const Row& row : rows) {
        CAPTURE(row.env.size());
        EnvLab lab("legacy", row.env);
        shell::CommandResult r;
        const SimTime took = lab.timed(lab.podIP + ":9876/health", r);
        CHECK(r.out == "{\"healthy\": true}");
        CHECK(took >= row.atLeast);
        CHECK(took < row.below);
    }
}

TEST_CASE("SIMPLE_SERVICE_VERSION reaches /info's \"version\" through the Service's VIP, in both eras") {
    for (const char* profile : {"legacy", "modern"}) {
        CAPTURE(profile);
        EnvLab lab(profile, {{"SIMPLE_SERVICE_VERSION", "0.9.1"}});
        auto r = lab.curl(lab.vip + "/info");
        CHECK(r.status == 0);
        CHECK(r.out.rfind("{\"host\": \"" + lab.vip + "\", \"version\": \"0.9.1\", \"from\": \"", 0) == 0);
    }
}

TEST_CASE("simpleservice's /health answers 404 with its body when randrange refuses the range") {
    // "500" > "1000" as strings, so the handler calls randrange(1000.0, 500.0): ValueError, caught,
    // set_status(404) after the body was written. Likewise for a value float() refuses or a fraction.
    for (const auto& env : {std::vector<EnvVar>{{"HEALTH_MIN", "1000"}, {"HEALTH_MAX", "500"}}, std::vector<EnvVar>{{"HEALTH_MAX", "soon"}},
                            std::vector<EnvVar>{{"HEALTH_MAX", "0x10"}}, std::vector<EnvVar>{{"HEALTH_MAX", "100.5"}}}) {
        CAPTURE(env.back().value);
        EnvLab lab("legacy", env);
        const SimTime before = lab.sim.now();
        auto r = dataplane::curl(lab.sim, nodeNamespaceKey(lab.sim.config().shellNode), {"curl", "-si", lab.podIP + ":9876/health"});
        CHECK(lab.sim.now() - before < SimTime::ms(20));
        CHECK(r.status == 0);
        INFO(r.out);
        CHECK(r.out.rfind("HTTP/1.1 404 Not Found\n", 0) == 0);
        CHECK(r.out.find("\n\n{\"healthy\": true}") != std::string::npos);
    }
}
