#include <doctest/doctest.h>

#include <kubenetsim/proxy/proxy_rules.hpp>

#include "../support/generated_rules.hpp"

using namespace kns;

TEST_CASE("kube-proxy's per-service cache writes the restore input a fresh computation writes") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        ClusterState objects = testing::generatedServices(30);
        netfilter::Ruleset rules;
        proxy::SyncCache cache;
        auto check = [&] {
            const proxy::SyncOutput cached = testing::generatedSync(era, objects, rules, &cache);
            const proxy::SyncOutput fresh = testing::generatedSync(era, objects, rules);
            CHECK(cached.restoreText() == fresh.restoreText());
            CHECK(cached.lines == fresh.lines);
            CHECK(cached.serviceChains == fresh.serviceChains);
            CHECK(cached.endpointChains == fresh.endpointChains);
            REQUIRE(proxy::applySync(rules, cached).ok);
        };
        check();
        CHECK(cache.services.size() == 30);
        // A new endpoint under a new resourceVersion is seen; a service that goes is forgotten.
        objects.endpoints["gen/svc-004"].subsets.at(0).addresses.push_back(EndpointAddress{"10.244.8.8", "node-a", std::nullopt});
        objects.endpoints["gen/svc-004"].meta.resourceVersion = 1000;
        EndpointSliceEndpoint e;
        e.addresses = {"10.244.8.8"};
        e.ready = true;
        e.nodeName = "node-a";
        objects.endpointSlices["gen/svc-004-x"].endpoints.push_back(e);
        objects.endpointSlices["gen/svc-004-x"].meta.resourceVersion = 1001;
        objects.services.erase("gen/svc-006");
        check();
        CHECK(cache.services.size() == 29);
        check();
    }
}

TEST_CASE("objects without a resourceVersion are never taken from the cache") {
    ClusterState objects = testing::generatedServices(3, 0);  // versions 0, 1, 2 ...: the first service's is 0
    netfilter::Ruleset rules;
    proxy::SyncCache cache;
    testing::generatedSync(Era::Legacy, objects, rules, &cache);
    CHECK(cache.services.count("gen/svc-000") == 0);
    CHECK(cache.services.count("gen/svc-001") == 1);
}
