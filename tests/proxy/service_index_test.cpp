#include <doctest/doctest.h>

#include <string>

#include <kubenetsim/proxy/service_index.hpp>

using namespace kns;

namespace {

void addService(ClusterState& s, const std::string& ns, const std::string& name) {
    Service svc;
    svc.meta.ns = ns;
    svc.meta.name = name;
    s.services[ns + "/" + name] = svc;
}

void addSlice(ClusterState& s, const std::string& ns, const std::string& name, const std::string* service) {
    EndpointSlice slice;
    slice.meta.ns = ns;
    slice.meta.name = name;
    if (service) slice.meta.labels["kubernetes.io/service-name"] = *service;
    slice.meta.labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io";
    s.endpointSlices[ns + "/" + name] = slice;
}

} // namespace

TEST_CASE("the service index pairs each service with its Endpoints and the slices labelled with its name") {
    ClusterState s;
    addService(s, "default", "a");
    addService(s, "default", "b");
    addService(s, "other", "a");
    s.endpoints["default/a"].meta.name = "a";
    s.endpoints["other/a"].meta.name = "a";
    s.endpoints["default/zombie"].meta.name = "zombie";  // Endpoints of no service
    const std::string a = "a", b = "b", gone = "gone";
    addSlice(s, "default", "a-2", &a);  // key order, not insertion order, is the slices' order
    addSlice(s, "default", "a-1", &a);
    addSlice(s, "default", "b-x", &b);
    addSlice(s, "other", "a-1", &a);      // the same name in another namespace is another service
    addSlice(s, "default", "gone-1", &gone);  // a slice of no service
    addSlice(s, "default", "mine", nullptr);  // no service-name label

    const proxy::ServiceIndex index(s, proxy::ServiceIndex::Slices::Index);
    const proxy::ServiceObjects* da = index.find("default/a");
    REQUIRE(da);
    CHECK(da->service == &s.services.at("default/a"));
    CHECK(da->endpoints == &s.endpoints.at("default/a"));
    REQUIRE(da->slices.size() == 2);
    CHECK(da->slices[0] == &s.endpointSlices.at("default/a-1"));
    CHECK(da->slices[1] == &s.endpointSlices.at("default/a-2"));

    const proxy::ServiceObjects* db = index.find("default/b");
    REQUIRE(db);
    CHECK(db->endpoints == nullptr);
    REQUIRE(db->slices.size() == 1);
    CHECK(db->slices[0] == &s.endpointSlices.at("default/b-x"));

    const proxy::ServiceObjects* oa = index.find("other/a");
    REQUIRE(oa);
    CHECK(oa->endpoints == &s.endpoints.at("other/a"));
    REQUIRE(oa->slices.size() == 1);
    CHECK(oa->slices[0] == &s.endpointSlices.at("other/a-1"));

    CHECK(index.find("default/zombie") == nullptr);
    CHECK(index.find("default/gone") == nullptr);
    CHECK(index.find("a") == nullptr);

    // Without slices (the legacy era reads Endpoints only) every service has none.
    const proxy::ServiceIndex plain(s, proxy::ServiceIndex::Slices::Skip);
    REQUIRE(plain.find("default/a"));
    CHECK(plain.find("default/a")->endpoints == &s.endpoints.at("default/a"));
    CHECK(plain.find("default/a")->slices.empty());
}

TEST_CASE("the service index of an empty cluster finds nothing") {
    const ClusterState s;
    const proxy::ServiceIndex index(s, proxy::ServiceIndex::Slices::Index);
    CHECK(index.find("default/kubernetes") == nullptr);
}
