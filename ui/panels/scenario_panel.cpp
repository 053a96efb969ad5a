#include <ui/panels/scenario_panel.hpp>

#include <cstdio>
#include <string>

#include <imgui.h>

#include <ui/app/draw_text.hpp>
#include <ui/model/chains_model.hpp>
#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {
namespace {

const Labels kLabels{
    {"title", "Scenario", "シナリオ"},
    {"none", "No scenario is loaded.", "シナリオが読み込まれていません。"},
    {"run", "Run step", "ステップ実行"},
    {"next", "Next", "次へ"},
    {"previous", "Previous", "前へ"},
    {"restart", "Restart", "最初から"},
    {"run_tip", "Run the next step and watch it", "次のステップを実行して様子を見る"},
    {"next_tip", "Run the next step and show where it ends (or pauses)", "次のステップを実行し、終わり (または一時停止点) を表示する"},
    {"step", "Step", "ステップ"},
    {"done", "All steps ran.", "すべてのステップを実行しました。"},
    {"upcoming", "Next: step", "次: ステップ"},
    {"running", "Step", "ステップ"},
    {"paused", "Paused", "一時停止中"},
    {"paused_at", "The packet is paused at", "パケットの一時停止位置"},
    {"back_to_pause", "Back to the pause point", "一時停止点に戻る"},
    {"draw_jump", "jump", "ジャンプ"},
    {"draw_fall", "fall through to the next rule", "次のルールへ"},
    {"question", "Predict", "予想しよう"},
    {"reveal", "Reveal", "答えを見る"},
    {"reveal_wait", "Run the step, then reveal the answer.", "ステップを実行してから答えを見ましょう。"},
    {"answer", "The simulation says", "シミュレーションの答え"},
    {"right", "Your prediction was right.", "予想は当たりました。"},
    {"wrong", "Your prediction was not right.", "予想は外れました。"},
    {"unknown", "The simulation could not tell.", "シミュレーションからは求められませんでした。"},
    {"failed", "The last step did not go as the scenario expects:", "直前のステップはシナリオの想定どおりになりませんでした:"},
    {"skipped", "skipped (needs", "スキップ (必要な機能:"},
};

} // namespace

const char* ScenarioPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void ScenarioPanel::drawContent(UiContext& ctx) {
    UiSession& session = ctx.session;
    if (m_session != &session || !m_question) {
        m_session = &session;
        m_question = std::make_unique<QuestionModel>(session.stepper());
    }
    const scenario::Scenario* sc = session.scenario();
    if (!sc) {
        textWrapped(ctx, kLabels.get("none", ctx.lang));
        return;
    }
    // A step run from elsewhere (the shortcut, the Controls panel) that stopped at a pause point
    // moves the packet cursor there once, as the buttons here do.
    ScenarioStepper& stepper = session.stepper();
    const auto& pause = stepper.pausePoint();
    const std::pair<std::size_t, std::size_t> seen{stepper.current(), pause ? pause->hop : SIZE_MAX};
    if (seen != m_pauseSeen) {
        m_pauseSeen = seen;
        followStepper(ctx);
    }
    textColored(ctx, ctx.palette.text, sc->title.in(ctx.lang));
    drawButtons(ctx);
    ImGui::Separator();
    drawStepList(ctx);
    ImGui::Separator();
    drawNarration(ctx);
    drawPause(ctx);
    drawQuestion(ctx);
    drawReport(ctx);
}

void ScenarioPanel::followStepper(UiContext& ctx) {
    ScenarioStepper& stepper = ctx.session.stepper();
    if (stepper.atPause()) ctx.selection.cursor = stepper.cursor();
}

void ScenarioPanel::drawButtons(UiContext& ctx) {
    ScenarioStepper& stepper = ctx.session.stepper();
    const Lang lang = ctx.lang;
    if (button(ctx, kLabels.get("run", lang), !stepper.finished(), kLabels.get("run_tip", lang))) {
        stepper.runNext();
        followStepper(ctx);
    }
    ImGui::SameLine();
    if (button(ctx, kLabels.get("next", lang), !stepper.finished(), kLabels.get("next_tip", lang))) {
        stepper.runThrough(stepper.current());
        followStepper(ctx);
    }
    ImGui::SameLine();
    if (button(ctx, kLabels.get("previous", lang), stepper.current() > 0)) {
        stepper.previous();
        followStepper(ctx);
    }
    ImGui::SameLine();
    if (button(ctx, kLabels.get("restart", lang), stepper.current() > 0)) stepper.restart();
    const std::string progress = std::string(kLabels.get("step", lang)) + " " + std::to_string(stepper.current()) + " / " +
                                 std::to_string(stepper.stepCount());
    ImGui::SameLine();
    text(ctx, progress);
}

void ScenarioPanel::drawStepList(UiContext& ctx) {
    ScenarioStepper& stepper = ctx.session.stepper();
    const float height = ImGui::GetTextLineHeightWithSpacing() * 6.0f;
    ImGui::BeginChild("steps", ImVec2(0, height), true);
    std::optional<std::size_t> clicked;
    for (std::size_t i = 0; i < stepper.stepCount(); ++i) {
        const scenario::Step& step = stepper.step(i);
        const scenario::StepRun* run = stepper.result(i);
        // Marks, not colours alone: ✓ ran, ✗ failed, > next, · not yet; [||] pauses, [?] asks.
        const char* mark = run ? (run->ok() ? "\u2713" : "\u2717") : (i == stepper.current() ? ">" : "\u00B7");
        std::string label = std::string(mark) + " " + std::to_string(i + 1) + ". " + (step.commands.empty() ? std::string() : stepper.shownCommand(i, 0));
        if (step.pauseAt) label += "  [||]";
        if (step.question) label += "  [?]";
        label += "##step" + std::to_string(i);
        recordLabel(ctx, label);
        if (ImGui::Selectable(label.c_str(), i + 1 == stepper.current())) clicked = i;
    }
    ImGui::EndChild();
    if (!clicked) return;
    // A later step: run up to it; an earlier one: go back until it is the last step run.
    if (*clicked >= stepper.current()) stepper.runThrough(*clicked);
    else
        while (stepper.current() > *clicked + 1) stepper.previous();
    followStepper(ctx);
}

void ScenarioPanel::drawNarration(UiContext& ctx) {
    ScenarioStepper& stepper = ctx.session.stepper();
    const Lang lang = ctx.lang;
    const std::optional<std::size_t> narrated = stepper.narratedStep();
    if (!narrated) {
        textWrapped(ctx, kLabels.get("done", lang));
        return;
    }
    const bool showingLast = stepper.narratingLast();
    const std::size_t i = *narrated;
    const scenario::Step& step = stepper.step(i);
    textColored(ctx, ctx.palette.dimText, std::string(kLabels.get(showingLast ? "running" : "upcoming", lang)) + " " + std::to_string(i + 1));
    textWrapped(ctx, step.narration.in(lang));
    if (const scenario::StepRun* run = stepper.result(i); run && run->status == scenario::StepRun::Status::Skipped)
        textColored(ctx, ctx.palette.dimText, std::string(kLabels.get("skipped", lang)) + " " + run->missingFeature + ")");
}

void ScenarioPanel::drawPause(UiContext& ctx) {
    ScenarioStepper& stepper = ctx.session.stepper();
    const auto& pause = stepper.pausePoint();
    if (!pause) return;
    const Lang lang = ctx.lang;
    ImGui::Separator();
    if (stepper.atPause()) {
        textColored(ctx, ctx.palette.evaluating, std::string(kLabels.get("paused_at", lang)) + ": " + pause->node + " " + pause->table + " " + pause->chain);
        textWrapped(ctx, pause->packet);
        textColored(ctx, ctx.palette.evaluating, pause->ruleText);
        if (pause->draw && pause->probability) {
            const bool jump = *pause->draw < *pause->probability;
            text(ctx, drawComparison(*pause->draw, *pause->probability) + " -> " + kLabels.get(jump ? "draw_jump" : "draw_fall", lang));
        }
    } else if (button(ctx, kLabels.get("back_to_pause", lang), true)) {
        stepper.goToPause();
        ctx.selection.cursor = stepper.cursor();
    }
}

void ScenarioPanel::drawQuestion(UiContext& ctx) {
    QuestionModel& q = *m_question;
    const scenario::Question* question = q.question();
    if (!question) return;
    const Lang lang = ctx.lang;
    ImGui::Separator();
    textColored(ctx, ctx.palette.evaluating, kLabels.get("question", lang));
    textWrapped(ctx, question->prompt.in(lang));
    const bool revealed = q.phase() == QuestionModel::Phase::Revealed;
    for (std::size_t i = 0; i < question->choices.size(); ++i) {
        const std::string label = std::string(1, static_cast<char>('a' + i)) + ") " + question->choices[i].in(lang) + "##choice" + std::to_string(i);
        recordLabel(ctx, label);
        if (revealed) ImGui::BeginDisabled();
        if (ImGui::RadioButton(label.c_str(), q.choice() == i)) q.choose(i);
        if (revealed) ImGui::EndDisabled();
    }
    if (!revealed) {
        if (button(ctx, kLabels.get("reveal", lang), q.canReveal())) q.reveal();
        if (!q.canReveal()) {
            ImGui::SameLine();
            textColored(ctx, ctx.palette.dimText, kLabels.get("reveal_wait", lang));
        }
    }
    // The answer revealed last: this question's, or the previous step's while this one is asked.
    const scenario::QuestionAnswer* a = q.answer();
    if (!a) return;
    std::string prefix = kLabels.get("answer", lang);
    if (q.answeredStep() != q.step()) prefix += " (" + std::string(kLabels.get("step", lang)) + " " + std::to_string(*q.answeredStep() + 1) + ")";
    if (a->value.empty()) {
        text(ctx, prefix + ": " + kLabels.get("unknown", lang));
        return;
    }
    std::string shown = prefix + ": " + a->value;
    if (a->choice) shown += "  (" + std::string(1, static_cast<char>('a' + *a->choice)) + ")";
    textColored(ctx, ctx.palette.matched, shown);
    if (auto right = q.correct())
        textColored(ctx, *right ? ctx.palette.matched : ctx.palette.notMatched,
                    std::string(*right ? "\u2713 " : "\u2717 ") + kLabels.get(*right ? "right" : "wrong", lang));
}

void ScenarioPanel::drawReport(UiContext& ctx) {
    const std::string& report = ctx.session.stepper().lastReport();
    if (report.empty()) return;
    ImGui::Separator();
    textColored(ctx, ctx.palette.drop, kLabels.get("failed", ctx.lang));
    textWrapped(ctx, report);
}

} // namespace kns::ui
