#include <doctest/doctest.h>

#include <kubenetsim/manifest/manifest.hpp>
#include <kubenetsim/manifest/source.hpp>

#include <cstdlib>
#include <string>

using namespace kns;

namespace {
const std::string kRaw = "https://raw.githubusercontent.com/openshift-evangelists/kbe/";

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
} // namespace

TEST_CASE("the kbe master URLs resolve to the bundled 2017 manifests and main URLs to today's") {
    Expected<std::string> old = resolveManifestSource(kRaw + "master/specs/services/rc.yaml");
    REQUIRE(old.ok());
    CHECK(endsWith(*old, "scenarios/kbe/specs/2017/services/rc.yaml"));
    Expected<std::string> today = resolveManifestSource(kRaw + "main/specs/services/svc.yaml");
    REQUIRE(today.ok());
    CHECK(endsWith(*today, "scenarios/kbe/specs/main/services/svc.yaml"));
    // The 2017 pages linked the repository under its first owner.
    Expected<std::string> first = resolveManifestSource("https://raw.githubusercontent.com/mhausenblas/kbe/master/specs/sd/svc.yaml");
    REQUIRE(first.ok());
    CHECK(endsWith(*first, "scenarios/kbe/specs/2017/sd/svc.yaml"));
}

TEST_CASE("reading a kbe URL gives the text of its era's manifest, named by the URL") {
    Expected<ManifestSource> old = readManifestSource(kRaw + "master/specs/services/rc.yaml");
    REQUIRE(old.ok());
    CHECK(old->name == kRaw + "master/specs/services/rc.yaml");
    CHECK(old->text.find("image: mhausenblas/simpleservice:0.5.0") != std::string::npos);
    Expected<ManifestSource> today = readManifestSource(kRaw + "main/specs/services/rc.yaml");
    REQUIRE(today.ok());
    CHECK(today->text.find("image: quay.io/openshiftlabs/simpleservice:0.5.0") != std::string::npos);
    CHECK(decodeManifests(today->text, today->name).ok());
}

TEST_CASE("a kbe file that does not exist fails as a 404 would") {
    Expected<std::string> r = resolveManifestSource(kRaw + "master/specs/services/nope.yaml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().full() == "unable to read URL \"" + kRaw +
                                  "master/specs/services/nope.yaml\", server reported 404 Not Found, status code=404");
    CHECK_FALSE(resolveManifestSource(kRaw + "master/specs/../../../etc/passwd").ok());
}

TEST_CASE("any other URL fails and says the simulation is offline") {
    Expected<std::string> r = resolveManifestSource("https://example.com/app.yaml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().full() == "unable to read URL \"https://example.com/app.yaml\", server reported 404 Not Found, "
                              "status code=404 (kubenetsim is offline: only the Kubernetes by Example manifests are bundled)");
}

TEST_CASE("a missing local file fails with kubectl's message") {
    Expected<ManifestSource> r = readManifestSource("no-such-dir/x.yaml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().full() == "the path \"no-such-dir/x.yaml\" does not exist");
}

TEST_CASE("a local path and standard input are read as given") {
    const std::string path = std::string(KNS_SOURCE_DIR) + "/scenarios/kbe/specs/2017/sd/jumpod.yaml";
    Expected<ManifestSource> file = readManifestSource(path);
    REQUIRE(file.ok());
    CHECK(file->path == path);
    CHECK(file->text.find("name:       jumpod") != std::string::npos);

    const std::string input = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n";
    Expected<ManifestSource> in = readManifestSource("-", &input);
    REQUIRE(in.ok());
    CHECK(in->name == "STDIN");
    CHECK(in->text == input);
    CHECK_FALSE(readManifestSource("-").ok());
}

TEST_CASE("KUBENETSIM_DATA_DIR overrides where the bundled manifests are found") {
    const char* before = std::getenv("KUBENETSIM_DATA_DIR");
    const std::string saved = before ? before : "";
    ::setenv("KUBENETSIM_DATA_DIR", "/nonexistent-kubenetsim-data", 1);
    Expected<std::string> r = resolveManifestSource(kRaw + "master/specs/services/rc.yaml");
    CHECK_FALSE(r.ok());
    ::setenv("KUBENETSIM_DATA_DIR", KNS_SOURCE_DIR, 1);
    CHECK(resolveManifestSource(kRaw + "master/specs/services/rc.yaml").ok());
    if (before) ::setenv("KUBENETSIM_DATA_DIR", saved.c_str(), 1);
    else ::unsetenv("KUBENETSIM_DATA_DIR");
}
