#include <doctest/doctest.h>

#include <algorithm>

#include <ui/model/console_model.hpp>
#include <ui/model/scenario_stepper.hpp>
#include <ui/model/ui_session.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

std::unique_ptr<UiSession> openBare() {
    auto s = UiSession::open({.noScenario = true});
    REQUIRE(s.ok());
    return std::move(*s);
}

bool has(const std::vector<std::string>& v, const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); }

} // namespace

TEST_CASE("the console shows prompt, command and output as the CLI prints them once the view reaches the command's end") {
    auto s = openBare();
    ConsoleModel console(*s);
    console.input = "echo hello; sleep 1";
    REQUIRE(console.submit());
    CHECK(console.input.empty());
    // The view has not yet seen the command finish: its output is pending.
    auto lines = console.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].kind == ConsoleModel::Line::Kind::Command);
    CHECK(lines[0].text == s->sim().config().prompt + "echo hello; sleep 1");
    CHECK(lines[1].kind == ConsoleModel::Line::Kind::Pending);
    s->setViewTime(s->sim().now());
    CHECK(console.text() == s->sim().config().prompt + "echo hello; sleep 1\nhello\n");
}

TEST_CASE("the console keeps stdout and stderr in the order the terminal showed them") {
    auto s = openBare();
    ConsoleModel console(*s);
    console.input = "kubectl get pods nosuchpod; echo after";
    console.submit();
    s->setViewTime(s->sim().now());
    auto lines = console.lines();
    REQUIRE(lines.size() >= 3);
    CHECK(lines[1].kind == ConsoleModel::Line::Kind::Err);
    CHECK(lines.back().kind == ConsoleModel::Line::Kind::Out);
    CHECK(lines.back().text == "after");
    CHECK(console.entryText(0) == s->transcript()[0].result.err + s->transcript()[0].result.out);
}

TEST_CASE("a blank line runs nothing and clear empties the console") {
    auto s = openBare();
    ConsoleModel console(*s);
    console.input = "   ";
    CHECK_FALSE(console.submit());
    CHECK(s->transcript().empty());
    console.input = "echo one";
    console.submit();
    console.input = "clear";
    console.submit();
    console.input = "echo two";
    console.submit();
    s->setViewTime(s->sim().now());
    CHECK(console.text() == s->sim().config().prompt + "echo two\ntwo\n");
}

TEST_CASE("up and down walk the shell's history and come back to what was being typed") {
    auto s = openBare();
    ConsoleModel console(*s);
    console.input = "echo first";
    console.submit();
    console.input = "echo second";
    console.submit();
    console.input = "kub";
    console.historyUp();
    CHECK(console.input == "echo second");
    console.historyUp();
    CHECK(console.input == "echo first");
    console.historyUp();
    CHECK(console.input == "echo first");
    console.historyDown();
    CHECK(console.input == "echo second");
    console.historyDown();
    CHECK(console.input == "kub");
}

TEST_CASE("tab completes commands, kubectl verbs and resource types") {
    auto s = openBare();
    ConsoleModel console(*s);
    CHECK(console.complete("kubec").line == "kubectl ");
    CHECK(console.complete("kubectl desc").line == "kubectl describe ");
    auto get = console.complete("kubectl get ");
    CHECK(has(get.candidates, "pods"));
    CHECK(has(get.candidates, "svc"));
    auto r = console.complete("kubectl get r");
    CHECK(r.line == "kubectl get r");  // rc, replicasets, replicationcontrollers, rs: ambiguous
    CHECK(r.candidates.size() == 4);
    console.input = "iptables-sa";
    console.completeInput();
    CHECK(console.input == "iptables-save ");
}

TEST_CASE("tab completes object names from the simulation, after a pipe too") {
    auto s = UiSession::open({});
    REQUIRE(s.ok());
    UiSession& session = **s;
    session.stepper().runThrough(2);  // the rc, the service and its pod
    ConsoleModel console(session);
    CHECK(console.complete("kubectl describe svc simple").line == "kubectl describe svc simpleservice ");
    CHECK(console.complete("kubectl scale rc/rcs").line == "kubectl scale rc/rcsise ");
    CHECK(console.complete("kubectl get pods rcsise-6").line == "kubectl get pods rcsise-6nq3k ");
    CHECK(console.complete("kubectl get nodes | grep x; kubectl describe node local").line ==
          "kubectl get nodes | grep x; kubectl describe node localhost ");
    CHECK(console.complete("kubectl logs rc").line == "kubectl logs rcsise-6nq3k ");
}

TEST_CASE("tab completes sim subcommands and their arguments") {
    auto s = openBare();
    ConsoleModel console(*s);
    auto subs = console.complete("sim ");
    CHECK(has(subs.candidates, "node"));
    CHECK(has(subs.candidates, "hairpin"));
    CHECK(has(subs.candidates, "bridge-nf"));
    CHECK(has(subs.candidates, "proxy-era"));
    CHECK(console.complete("sim hairpin of").line == "sim hairpin off ");
    CHECK(console.complete("sim hairpin off loc").line == "sim hairpin off localhost ");
    CHECK(console.complete("sim proxy-era mo").line == "sim proxy-era modern ");
    CHECK(console.complete("sim node down ").candidates == std::vector<std::string>{"localhost"});
}

TEST_CASE("pasted text joins the input line and each newline runs the line before it") {
    auto s = openBare();
    ConsoleModel console(*s);
    console.paste("echo a\r\necho b\necho c");
    CHECK(s->transcript().size() == 2);
    CHECK(console.input == "echo c");
}
