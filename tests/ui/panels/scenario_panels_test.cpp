#include <doctest/doctest.h>

#include <ui/app/palette.hpp>
#include <ui/model/pacing.hpp>
#include <ui/model/scenario_stepper.hpp>
#include <ui/panels/console_panel.hpp>
#include <ui/panels/scenario_panel.hpp>
#include <ui/panels/what_if_panel.hpp>

#include "../app/headless_imgui.hpp"

using namespace kns;
using namespace kns::ui;

namespace {

// One panel drawn in its own window, with a context of its own; the recorder keeps the last frame.
struct PanelHarness {
    test::HeadlessImGui imgui;
    std::unique_ptr<UiSession> session;
    PacingDriver pacing;
    Selection selection;
    TextRecorder text;
    Lang lang = Lang::En;

    explicit PanelHarness(SessionOptions options = {}) {
        auto opened = UiSession::open(options);
        REQUIRE(opened.ok());
        session = std::move(*opened);
    }
    void draw(Panel& panel) {
        for (int i = 0; i < 2; ++i) {
            text.beginFrame();
            imgui.frame(1280, 800, [&] {
                UiContext ctx{*session, pacing, selection, text, Palette::standard(), lang, 1.0f};
                ImGui::SetNextWindowSize(ImVec2(900, 700));
                ImGui::Begin(panel.id());
                panel.drawContent(ctx);
                ImGui::End();
            });
        }
    }
};

} // namespace

TEST_CASE("the scenario panel shows the upcoming step's narration and, at the pause, the chain and the rule under evaluation") {
    PanelHarness h;
    ScenarioPanel panel;
    h.draw(panel);
    CHECK(h.text.contains("Run step"));
    CHECK(h.text.contains("Kubernetes by Example: Services"));
    CHECK(h.text.contains(h.session->stepper().step(0).narration.en));
    ScenarioStepper& stepper = h.session->stepper();
    stepper.runThrough(*stepper.firstPauseStep());
    h.draw(panel);
    CHECK(h.text.contains("KUBE-SVC-EZC6WLOVQADP4IAW"));
    CHECK(h.text.contains("-m statistic --mode random --probability 0.50000000000"));
    CHECK(h.text.contains("Which pod will answer this connection?"));
    CHECK(h.text.contains("Reveal"));
    h.lang = Lang::Ja;
    h.draw(panel);
    CHECK(h.text.contains(stepper.step(*stepper.firstPauseStep()).narration.ja));
    CHECK(h.text.contains("答えを見る"));
}

TEST_CASE("the scenario panel shows the last step's expectation report when it failed") {
    PanelHarness h;
    ScenarioPanel panel;
    // A command the scenario did not plan changes what the next step prints.
    h.session->stepper().runThrough(1);
    h.session->run("kubectl delete svc simpleservice");
    h.session->stepper().runThrough(2);
    h.draw(panel);
    CHECK_FALSE(h.session->stepper().lastReport().empty());
    CHECK(h.text.contains("The last step did not go as the scenario expects:"));
}

TEST_CASE("the console panel shows the prompt and the outputs the view has reached") {
    PanelHarness h({.noScenario = true});
    ConsolePanel panel;
    h.session->run("echo hello from the console; sleep 1");
    auto hasLine = [&](const std::string& line) {
        for (const auto& l : h.text.lines())
            if (l == line) return true;
        return false;
    };
    h.draw(panel);
    CHECK(hasLine(h.session->sim().config().prompt + "echo hello from the console; sleep 1"));
    CHECK(hasLine("(running...)"));
    CHECK_FALSE(hasLine("hello from the console"));
    h.session->setViewTime(h.session->sim().now());
    h.draw(panel);
    CHECK(hasLine("hello from the console"));
    CHECK(h.text.contains("Copy all"));
}

TEST_CASE("the what-if panel offers the sim commands and the branch comparison") {
    PanelHarness h;
    WhatIfPanel panel;
    h.session->stepper().runThrough(2);
    h.draw(panel);
    CHECK(h.text.contains("localhost"));
    CHECK(h.text.contains("bridge-nf"));
    CHECK(h.text.contains("hairpin"));
    CHECK(h.text.contains("rcsise-6nq3k"));
    CHECK(h.text.contains("simpleservice 172.30.228.255:80"));
    CHECK(h.text.contains("Keep this run as the original"));
}
