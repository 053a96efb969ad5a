// Broken kubectl commands: each prints kubectl's exact error, fails with status 1 and changes
// nothing in the cluster (no write reaches the API server: its resourceVersion stays put).
#include <doctest/doctest.h>

#include "kubectl_fixture.hpp"

using namespace kns;
using kns::test::KubectlFixture;

namespace {

struct BrokenCommand {
    Era era;
    std::vector<std::string> words;
    std::string err;
};

const char* kMissingResources =
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'\n";

const BrokenCommand kBroken[] = {
    {Era::Legacy, {"get", "pods", "x"}, "Error from server (NotFound): pods \"x\" not found\n"},
    {Era::Legacy, {"get", "foo"}, "error: the server doesn't have a resource type \"foo\"\n"},
    {Era::Modern, {"get", "pods", "--foo"}, "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"},
    {Era::Legacy, {"get", "pods", "-A"}, "Error: unknown shorthand flag: 'A' in -A\n\n\nUsage:\n  kubectl get [(-o|--output=)json|yaml|wide|name] (TYPE [NAME | -l label] | TYPE/NAME ...) [flags]\n"},
    {Era::Legacy, {"delete"}, kMissingResources},
    {Era::Legacy, {"delete", "pods"}, "error: resource(s) were provided, but no name, label selector, or --all flag specified\n"},
    {Era::Legacy, {"delete", "svc", "nope"}, "Error from server (NotFound): services \"nope\" not found\n"},
    {Era::Modern, {"scale", "rc/rcsise"}, "error: required flag(s) \"replicas\" not set\n"},
    {Era::Legacy, {"scale", "rc/rcsise"},
     "error: --replicas=COUNT is required, and COUNT must be greater than or equal to 0\nSee 'kubectl scale -h' for help and examples.\n"},
    {Era::Legacy, {"scale", "--replicas=2", "rc/nope"}, "Error from server (NotFound): replicationcontrollers \"nope\" not found\n"},
    {Era::Legacy, {"scale", "--replicas=2", "deploy/nope"}, "Error from server (NotFound): deployments.extensions \"nope\" not found\n"},
    {Era::Modern, {"scale", "--replicas=2", "deploy/nope"}, "Error from server (NotFound): deployments.apps \"nope\" not found\n"},
    {Era::Legacy, {"scale", "--replicas=two", "rc/rcsise"},
     "Error: invalid argument \"two\" for \"--replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax\n\n\nUsage:\n"
     "  kubectl scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)\n"},
    {Era::Legacy, {"label", "pods", "rcsise-6nq3k", "app=other"}, "error: 'app' already has a value (sise), and --overwrite is false\n"},
    {Era::Legacy, {"get", "pods", "-l", "app in (sise"}, "error: unable to parse requirement: found '', expected: ',' or ')'\n"},
    {Era::Legacy, {"frobnicate"}, "Error: unknown command \"frobnicate\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"},
    {Era::Legacy, {"run", "sise"}, "error: --image is required\nSee 'kubectl run -h' for help and examples.\n"},
    {Era::Modern, {"run", "sise"}, "error: required flag(s) \"image\" not set\n"},
    {Era::Legacy, {"expose", "rc", "nope", "--port=80"}, "Error from server (NotFound): replicationcontrollers \"nope\" not found\n"},
    {Era::Legacy, {"exec", "nope", "--", "env"}, "Error from server (NotFound): pods \"nope\" not found\n"},
    {Era::Legacy, {"logs", "nope"}, "Error from server (NotFound): pods \"nope\" not found\n"},
    {Era::Legacy, {"rollout", "status", "rc/rcsise"}, "error: no status viewer has been implemented for {\"\" \"ReplicationController\"}\n"},
    {Era::Legacy, {"rollout", "undo", "deploy/nope"}, "Error from server (NotFound): deployments.extensions \"nope\" not found\n"},
    {Era::Legacy, {"get", "pods", "-w"},
     "error: watching (-w) is not available in kubenetsim; run the command again after `sleep N` to see the changes\n"},
    {Era::Legacy, {"expose", "rc", "rcsise", "--port=80", "--type=Weird"},
     "The Service \"rcsise\" is invalid: spec.type: Unsupported value: \"Weird\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"\n"},
};

std::string joined(const std::vector<std::string>& words) {
    std::string out = "kubectl";
    for (const auto& w : words) out += " " + w;
    return out;
}

} // namespace

TEST_CASE("broken kubectl commands print kubectl's error, fail, and change nothing") {
    for (const auto& c : kBroken) {
        KubectlFixture f(c.era);
        f.addRc("rcsise", {{"app", "sise"}}, 1);
        f.addRunningPod("rcsise-6nq3k", {{"app", "sise"}});
        const std::uint64_t before = f.version();
        const std::size_t pods = f.sim.objects().pods.size(), services = f.sim.objects().services.size();
        auto r = f.kubectl(c.words);
        INFO(joined(c.words));
        CHECK(r.err == c.err);
        CHECK(r.status == 1);
        CHECK(r.out.empty());
        CHECK(f.version() == before);
        CHECK(f.sim.objects().pods.size() == pods);
        CHECK(f.sim.objects().services.size() == services);
        CHECK(f.sim.api().get<ReplicationController>("default", "rcsise")->replicas == 1);
    }
}
