#include <doctest/doctest.h>

#include <kubenetsim/kubectl/commands/selector_parser.hpp>

using namespace kns;
using kns::kubectl::parseLabelSelector;

namespace {
bool selects(const std::string& selector, const Labels& labels) {
    auto sel = parseLabelSelector(selector, Era::Legacy);
    REQUIRE_MESSAGE(sel.ok(), selector);
    return sel->matches(labels);
}
std::string errorOf(const std::string& selector, Era era = Era::Legacy) {
    auto sel = parseLabelSelector(selector, era);
    REQUIRE_MESSAGE(!sel.ok(), selector);
    return sel.error();
}
} // namespace

TEST_CASE("a label selector with = and == selects equal values only") {
    CHECK(selects("app=sise", {{"app", "sise"}}));
    CHECK(selects("app==sise", {{"app", "sise"}}));
    CHECK_FALSE(selects("app=sise", {{"app", "other"}}));
    CHECK_FALSE(selects("app=sise", {}));
}

TEST_CASE("a label selector with != also selects objects without the label") {
    CHECK(selects("app!=sise", {{"app", "other"}}));
    CHECK(selects("app!=sise", {}));
    CHECK_FALSE(selects("app!=sise", {{"app", "sise"}}));
}

TEST_CASE("a label selector with in and notin tests set membership") {
    CHECK(selects("env in (prod, dev)", {{"env", "dev"}}));
    CHECK_FALSE(selects("env in (prod,dev)", {{"env", "qa"}}));
    CHECK_FALSE(selects("env in (prod,dev)", {}));
    CHECK(selects("env notin (prod,dev)", {{"env", "qa"}}));
    CHECK(selects("env notin (prod,dev)", {}));
    CHECK_FALSE(selects("env notin (prod,dev)", {{"env", "prod"}}));
}

TEST_CASE("a bare key selects by existence and a ! key by absence") {
    CHECK(selects("app", {{"app", "x"}}));
    CHECK_FALSE(selects("app", {{"run", "x"}}));
    CHECK(selects("!app", {{"run", "x"}}));
    CHECK_FALSE(selects("!app", {{"app", "x"}}));
}

TEST_CASE("comma separated requirements must all hold") {
    CHECK(selects("app=sise,tier!=db,!canary", {{"app", "sise"}, {"tier", "web"}}));
    CHECK_FALSE(selects("app=sise,tier!=db", {{"app", "sise"}, {"tier", "db"}}));
    CHECK_FALSE(selects("app=sise,!canary", {{"app", "sise"}, {"canary", "true"}}));
}

TEST_CASE("in and notin are plain words inside a value list and as values") {
    CHECK(selects("word in (in,notin)", {{"word", "notin"}}));
    CHECK(selects("word=in", {{"word", "in"}}));
}

TEST_CASE("malformed selectors are refused with the Kubernetes parser's words") {
    CHECK(errorOf("app in (a") == "unable to parse requirement: found '', expected: ',' or ')'");
    CHECK(errorOf("app in a") == "unable to parse requirement: found 'a', expected: '('");
    CHECK(errorOf("=sise") == "found '=', expected: !, identifier, or 'end of string'");
    CHECK(errorOf("app=sise,") == "found '', expected: identifier after ','");
    CHECK(errorOf("app=sise foo") == "found 'foo', expected: ',' or 'end of string'");
    CHECK(errorOf("app sise") == "unable to parse requirement: found 'sise', expected: '=', '!=', '==', 'in', notin'");
    CHECK(errorOf("app sise", Era::Modern) == "unable to parse requirement: found 'sise', expected: in, notin, =, ==, !=, gt, lt");
    CHECK(errorOf("app=(x)") == "unable to parse requirement: found '(', expected: identifier");
}

TEST_CASE("invalid label keys and values in a selector are refused") {
    CHECK(errorOf("-app=x").find("invalid label key \"-app\"") != std::string::npos);
    CHECK(errorOf("app=x/y").find("invalid label value: \"x/y\"") != std::string::npos);
}
