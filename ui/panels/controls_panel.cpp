#include <ui/panels/controls_panel.hpp>

#include <algorithm>
#include <cstdio>

#include <ui/app/actions.hpp>
#include <ui/app/draw_text.hpp>
#include <ui/model/pacing.hpp>
#include <ui/app/scenario_control.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Controls", "操作"},
    {"play", "Play", "再生"},
    {"pause", "Pause", "一時停止"},
    {"event", "Step event", "1イベント"},
    {"hop", "Next hop", "次のホップ"},
    {"back", "Step back", "1つ戻る"},
    {"restart", "Restart", "最初から"},
    {"speed", "Speed", "速度"},
    {"fastest", "As fast as possible", "最高速"},
    {"view", "View time", "表示時刻"},
    {"sim", "simulation", "シミュレーション"},
    {"slow", "slow motion: a packet is in flight (1 ms takes 1 s at 1x)",
     "スロー再生中：パケットが移動中です（1倍速で1 msが1秒）"},
    {"paused", "paused", "一時停止中"},
    {"replicas", "Replicas", "レプリカ数"},
    {"none", "No ReplicationController, ReplicaSet or Deployment yet.",
     "ReplicationController・ReplicaSet・Deploymentはまだありません。"},
    {"ready", "ready", "準備完了"},
};

// The largest count a replicas control offers: room to grow without a slider too fine to use.
int sliderMax(int replicas) { return std::max(10, replicas * 2); }

std::string seconds(SimTime t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f s", t.toSeconds());
    return buf;
}

} // namespace

std::string scaleCommand(const std::string& kind, const std::string& key, int replicas) {
    const auto slash = key.find('/');
    const std::string ns = slash == std::string::npos ? "" : key.substr(0, slash);
    const std::string name = slash == std::string::npos ? key : key.substr(slash + 1);
    std::string line = "kubectl scale " + kind + " " + name + " --replicas=" + std::to_string(replicas);
    if (!ns.empty() && ns != "default") line += " -n " + ns;
    return line;
}

const char* ControlsPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void ControlsPanel::drawContent(UiContext& ctx) {
    const Lang lang = ctx.lang;
    PacingDriver& pacing = ctx.pacing;
    if (button(ctx, kLabels.get(pacing.paused() ? "play" : "pause", lang))) perform(Action::PlayPause, ctx);
    ImGui::SameLine();
    if (button(ctx, kLabels.get("event", lang))) perform(Action::StepEvent, ctx);
    ImGui::SameLine();
    if (button(ctx, kLabels.get("hop", lang))) perform(Action::NextHop, ctx);
    ImGui::BeginDisabled(scenario_control::current(ctx.session) == 0);
    if (button(ctx, kLabels.get("back", lang), scenario_control::canStepBack(ctx.session))) perform(Action::StepBack, ctx);
    ImGui::SameLine();
    if (button(ctx, kLabels.get("restart", lang))) perform(Action::Restart, ctx);
    ImGui::EndDisabled();
    drawSpeed(ctx);
    drawTime(ctx);
    ImGui::Separator();
    drawReplicas(ctx);
}

void ControlsPanel::drawSpeed(UiContext& ctx) {
    PacingDriver& pacing = ctx.pacing;
    const char* speedLabel = kLabels.get("speed", ctx.lang);
    recordLabel(ctx, speedLabel);
    float speed = static_cast<float>(pacing.speed());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    const std::string id = std::string(speedLabel) + "##speed";
    if (ImGui::SliderFloat(id.c_str(), &speed, static_cast<float>(PacingDriver::kMinSpeed),
                           static_cast<float>(PacingDriver::kMaxSpeed), "%.1fx", ImGuiSliderFlags_Logarithmic))
        pacing.setSpeed(speed);
    bool fastest = pacing.mode() == PacingDriver::Mode::Fastest;
    const char* fastLabel = kLabels.get("fastest", ctx.lang);
    recordLabel(ctx, fastLabel);
    if (ImGui::Checkbox(fastLabel, &fastest))
        pacing.setMode(fastest ? PacingDriver::Mode::Fastest : PacingDriver::Mode::RealTime);
}

void ControlsPanel::drawTime(UiContext& ctx) {
    const UiSession& s = ctx.session;
    text(ctx, std::string(kLabels.get("view", ctx.lang)) + " " + seconds(s.viewTime()));
    text(ctx, std::string("(") + kLabels.get("sim", ctx.lang) + " " + seconds(s.sim().now()) + ")");
    if (ctx.pacing.paused()) textColored(ctx, ctx.palette.dimText, kLabels.get("paused", ctx.lang));
    else if (PacingDriver::inSlowMotion(s)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.evaluating);
        textWrapped(ctx, kLabels.get("slow", ctx.lang));
        ImGui::PopStyleColor();
    }
}

void ControlsPanel::drawReplicas(UiContext& ctx) {
    textColored(ctx, ctx.palette.dimText, kLabels.get("replicas", ctx.lang));
    const ClusterState& objects = ctx.session.sim().objects();
    bool any = false;
    auto control = [&](const std::string& kind, const std::string& key, int replicas, int ready) {
        any = true;
        ImGui::PushID((kind + "/" + key).c_str());
        const std::string id = kind + "/" + key;
        auto editing = m_editing.find(id);
        int value = editing == m_editing.end() ? replicas : editing->second;
        text(ctx, kind + " " + key + "  " + std::to_string(ready) + "/" + std::to_string(replicas) + " " +
                      kLabels.get("ready", ctx.lang));
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::SliderInt("##replicas", &value, 0, sliderMax(replicas));
        if (ImGui::IsItemActive()) m_editing[id] = value;
        if (ImGui::IsItemDeactivated()) {
            m_editing.erase(id);
            if (value != replicas) ctx.session.run(scaleCommand(kind, key, value));
        }
        ImGui::PopID();
    };
    for (const auto& [key, rc] : objects.replicationControllers) control("rc", key, rc.replicas, rc.status.readyReplicas);
    for (const auto& [key, rs] : objects.replicaSets) control("rs", key, rs.replicas, rs.status.readyReplicas);
    for (const auto& [key, d] : objects.deployments) control("deployment", key, d.replicas, d.status.readyReplicas);
    if (!any) textWrapped(ctx, kLabels.get("none", ctx.lang));
}

} // namespace kns::ui
