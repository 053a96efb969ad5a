#include <doctest/doctest.h>

#include <kubenetsim/kubectl/commands/flag_parser.hpp>

using namespace kns::kubectl;
using T = FlagSpec::Type;

namespace {
const std::vector<FlagSpec> kSpecs = {{"namespace", 'n', T::String}, {"replicas", 0, T::Int}, {"all", 0, T::Bool},
                                      {"stdin", 'i', T::Bool}, {"tty", 't', T::Bool}, {"filename", 'f', T::StringArray}};
}

TEST_CASE("flags take values in every pflag spelling and may appear anywhere") {
    auto p = parseFlags({"scale", "--replicas=2", "rc/rcsise", "-n", "demo"}, kSpecs);
    REQUIRE(p.ok());
    CHECK(p->positional == std::vector<std::string>{"scale", "rc/rcsise"});
    CHECK(p->getOr("replicas", "") == "2");
    CHECK(p->getOr("namespace", "") == "demo");
    auto q = parseFlags({"-ndemo", "--replicas", "3"}, kSpecs);
    REQUIRE(q.ok());
    CHECK(q->getOr("namespace", "") == "demo");
    CHECK(q->getOr("replicas", "") == "3");
}

TEST_CASE("boolean shorthands combine and a bare -- ends the flags") {
    auto p = parseFlags({"-it", "pod", "--", "ls", "-l"}, kSpecs);
    REQUIRE(p.ok());
    CHECK(p->flag("stdin"));
    CHECK(p->flag("tty"));
    CHECK(p->sawDashDash);
    CHECK(p->afterDashDash == std::vector<std::string>{"ls", "-l"});
    CHECK(p->positional == std::vector<std::string>{"pod"});
}

TEST_CASE("repeated array flags keep every value and --all=false turns a boolean off") {
    auto p = parseFlags({"-f", "a.yaml", "--filename=b.yaml", "--all=false"}, kSpecs);
    REQUIRE(p.ok());
    CHECK(p->all("filename") == std::vector<std::string>{"a.yaml", "b.yaml"});
    CHECK(p->has("all"));
    CHECK_FALSE(p->flag("all"));
}

TEST_CASE("flag errors read as pflag reports them") {
    CHECK(parseFlags({"--foo"}, kSpecs).error() == "unknown flag: --foo");
    CHECK(parseFlags({"-x"}, kSpecs).error() == "unknown shorthand flag: 'x' in -x");
    CHECK(parseFlags({"--replicas"}, kSpecs).error() == "flag needs an argument: --replicas");
    CHECK(parseFlags({"-n"}, kSpecs).error() == "flag needs an argument: 'n' in -n");
    CHECK(parseFlags({"--replicas=two"}, kSpecs).error() ==
          "invalid argument \"two\" for \"--replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax");
}
