#include <doctest/doctest.h>

#include <ui/model/options.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

std::string errorOf(const std::vector<std::string>& args) {
    auto o = parseOptions(args);
    REQUIRE_FALSE(o.ok());
    return o.error().full();
}

} // namespace

TEST_CASE("no arguments open the tutorial interactively") {
    auto o = parseOptions({});
    REQUIRE(o.ok());
    CHECK(o->scenario.empty());
    CHECK(o->screenshot.empty());
    CHECK_FALSE(o->lang.has_value());
    CHECK(o->benchFrames == 0);
}

TEST_CASE("every option is read with its value") {
    auto o = parseOptions({"--scenario", "s.json", "--profile", "modern", "--seed", "42", "--lang", "ja",
                           "--screenshot", "out.png", "--at-step", "3", "--dump-text", "t.json"});
    REQUIRE(o.ok());
    CHECK(o->scenario == "s.json");
    CHECK(o->profile == "modern");
    CHECK(o->seed == 42u);
    CHECK(o->lang == Lang::Ja);
    CHECK(o->screenshot == "out.png");
    CHECK(o->at.kind == ShotPoint::Kind::Step);
    CHECK(o->at.step == 3);
    CHECK(o->dumpText == "t.json");
}

TEST_CASE("the screenshot point is a step number, last, pause or a simulated duration") {
    CHECK(parseOptions({"--screenshot", "a.png"})->at.kind == ShotPoint::Kind::PauseStep);
    CHECK(parseOptions({"--screenshot", "a.png", "--at-step", "last"})->at.kind == ShotPoint::Kind::LastStep);
    CHECK(parseOptions({"--screenshot", "a.png", "--at-step", "pause"})->at.kind == ShotPoint::Kind::PauseStep);
    auto t = parseOptions({"--screenshot", "a.png", "--at-time", "90s"});
    REQUIRE(t.ok());
    CHECK(t->at.kind == ShotPoint::Kind::Time);
    CHECK(t->at.time == SimTime::s(90));
}

TEST_CASE("wrong arguments are refused with the option at fault") {
    CHECK(errorOf({"--seed", "x"}) == "--seed: \"x\" is not a number");
    CHECK(errorOf({"--lang", "fr"}) == "--lang: \"fr\" is not en or ja");
    CHECK(errorOf({"--lang"}) == "--lang: needs a value");
    CHECK(errorOf({"--scenario", "--lang", "ja"}) == "--scenario: needs a value");
    CHECK(errorOf({"--colour"}) == "--colour: unknown option");
    CHECK(errorOf({"services.json"}) == "services.json: unexpected argument (options start with --)");
    CHECK(errorOf({"--screenshot", "a.png", "--at-step", "0"}) ==
          "--at-step: \"0\" is not a step number (1, 2, ...), last or pause");
    CHECK(errorOf({"--screenshot", "a.png", "--at-time", "soon"}) == "--at-time: \"soon\" is not a duration (90s, 250ms, 2m)");
    CHECK(errorOf({"--screenshot", "a.png", "--at-step", "2", "--at-time", "3s"}) ==
          "--at-time: give one of --at-step and --at-time, once");
    CHECK(errorOf({"--at-step", "2"}) == "--screenshot: --at-step and --at-time need --screenshot OUT.png");
    CHECK(errorOf({"--dump-text", "t.json"}) == "--dump-text: needs --screenshot OUT.png");
    CHECK(errorOf({"--bench-frames", "-3"}) == "--bench-frames: \"-3\" is not a positive number of frames");
}

TEST_CASE("--help and --has-window are flags") {
    auto o = parseOptions({"--help", "--has-window"});
    REQUIRE(o.ok());
    CHECK(o->help);
    CHECK(o->hasWindow);
    CHECK(usage().find("--at-step N|last|pause") != std::string::npos);
}
