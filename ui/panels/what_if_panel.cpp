#include <ui/panels/what_if_panel.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include <kubenetsim/dataplane/data_plane_state.hpp>

#include <ui/app/draw_text.hpp>
#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {
namespace {

const Labels kLabels{
    {"title", "What if", "もしも"},
    {"nodes", "Nodes", "node"},
    {"down", "Down", "停止"},
    {"up", "Up", "起動"},
    {"bridge_nf", "bridge-nf", "bridge-nf"},
    {"hairpin", "hairpin", "hairpin"},
    {"loss", "loss %", "損失 %"},
    {"apply_loss", "Apply loss", "損失を適用"},
    {"pods", "Pods", "pod"},
    {"unready", "Unready", "準備未完了に"},
    {"ready", "Ready", "準備完了に"},
    {"is_ready", "ready", "準備完了"},
    {"not_ready", "not ready", "未完了"},
    {"era", "kube-proxy era", "kube-proxy の世代"},
    {"legacy", "legacy (iptables, 2017)", "legacy (iptables、2017 年)"},
    {"modern", "modern (1.30)", "modern (1.30)"},
    {"load", "Load generator", "負荷生成"},
    {"requests", "requests", "リクエスト数"},
    {"send", "Send", "送信"},
    {"no_services", "No Service with a cluster IP yet.", "cluster IP を持つ Service はまだありません。"},
    {"branch", "Branch and compare", "分岐して比べる"},
    {"keep", "Keep this run as the original", "この実行を元の実行として残す"},
    {"back", "Step back", "一歩戻る"},
    {"run_on", "Run on to where the original was", "元の実行と同じところまで進める"},
    {"forget", "Forget the original", "元の実行を破棄"},
    {"branch_hint", "Keep the run, step back, change something above, run on, then compare.",
     "実行を残し、一歩戻って上で何かを変え、先へ進めてから比べます。"},
    {"original", "Original", "元の実行"},
    {"this_run", "This run", "この実行"},
    {"endpoint", "Endpoint", "endpoint"},
    {"hits", "Requests answered per endpoint", "endpoint ごとの応答数"},
    {"differs", "The runs differ from console entry", "二つの実行はこのコンソール項目から異なります:"},
    {"same", "The consoles agree so far.", "ここまでのコンソールは同じです。"},
    {"identical", "identical entries before these are not shown.", "件の同じ項目は表示していません。"},
};

bool checkbox(UiContext& ctx, const std::string& label, bool value, bool& changed) {
    recordLabel(ctx, label);
    changed = ImGui::Checkbox(label.c_str(), &value);
    return value;
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v * 100.0);
    return buf;
}

} // namespace

const char* WhatIfPanel::title(Lang lang) const { return kLabels.get("title", lang); }

void WhatIfPanel::drawContent(UiContext& ctx) {
    if (m_session != &ctx.session) {
        m_session = &ctx.session;
        m_branch.forget();
        m_podsListed = false;
    }
    drawNodes(ctx);
    drawPods(ctx);
    drawProxyEra(ctx);
    drawLoad(ctx);
    drawBranch(ctx);
}

void WhatIfPanel::drawNodes(UiContext& ctx) {
    const Lang lang = ctx.lang;
    const Simulation& sim = ctx.session.sim();
    recordLabel(ctx, kLabels.get("nodes", lang));
    if (!ImGui::CollapsingHeader(kLabels.get("nodes", lang), ImGuiTreeNodeFlags_DefaultOpen)) return;
    for (const auto& [name, node] : sim.objects().nodes) {
        ImGui::PushID(name.c_str());
        auto kubelet = sim.state().controllers.kubelets.find(name);
        const bool down = kubelet != sim.state().controllers.kubelets.end() && kubelet->second.down;
        text(ctx, name);
        ImGui::SameLine();
        if (button(ctx, kLabels.get(down ? "up" : "down", lang))) ctx.session.run(std::string("sim node ") + (down ? "up " : "down ") + name);
        const auto& namespaces = sim.state().dataPlane.namespaces;
        if (auto ns = namespaces.find(nodeNamespaceKey(name)); ns != namespaces.end()) {
            bool changed = false;
            ImGui::SameLine();
            const bool nf = checkbox(ctx, kLabels.get("bridge_nf", lang), ns->second.bridgeNfCallIptables, changed);
            if (changed) ctx.session.run(std::string("sim bridge-nf ") + (nf ? "on " : "off ") + name);
            bool hasBridge = false, hairpin = false;
            for (const auto& i : ns->second.interfaces) {
                hasBridge = hasBridge || i.kind == "bridge";
                hairpin = hairpin || (!i.master.empty() && i.hairpin);
            }
            if (hasBridge) {
                ImGui::SameLine();
                const bool on = checkbox(ctx, kLabels.get("hairpin", lang), hairpin, changed);
                if (changed) ctx.session.run(std::string("sim hairpin ") + (on ? "on " : "off ") + name);
            }
        }
        const double loss = linkSettings(sim.state().dataPlane, name).loss;
        text(ctx, std::string(kLabels.get("loss", lang)) + ": " + percent(loss));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120.0f * ctx.scale);
        ImGui::SliderFloat("##loss", &m_loss, 0.0f, 50.0f, "%.0f%%");
        ImGui::SameLine();
        char lossText[32];
        std::snprintf(lossText, sizeof lossText, "%g%%", static_cast<double>(m_loss));
        if (button(ctx, kLabels.get("apply_loss", lang))) ctx.session.run("sim link " + name + " loss " + lossText);
        ImGui::PopID();
    }
}

void WhatIfPanel::drawPods(UiContext& ctx) {
    const Lang lang = ctx.lang;
    const Simulation& sim = ctx.session.sim();
    recordLabel(ctx, kLabels.get("pods", lang));
    if (!ImGui::CollapsingHeader(kLabels.get("pods", lang), ImGuiTreeNodeFlags_DefaultOpen)) return;
    const auto& failing = sim.state().controllers.readinessFailing;
    // One row per pod, a thousand in a big cluster: only the rows on screen are drawn, and the list
    // of keys is read again only when the objects changed.
    const ObjectsStamp stamp = objectsStamp(ctx.session);
    if (!m_podsListed || stamp != m_podsStamp) {
        m_podKeys.clear();
        for (const auto& [key, pod] : sim.objects().pods) m_podKeys.push_back(key);
        m_podsStamp = stamp;
        m_podsListed = true;
    }
    std::string command;  // run after the list, which it may change
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_podKeys.size()));
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::string& key = m_podKeys[static_cast<std::size_t>(row)];
            auto it = sim.objects().pods.find(key);
            if (it == sim.objects().pods.end()) {
                ImGui::NewLine();  // keeps the rows' height even
                continue;
            }
            const Pod& pod = it->second;
            ImGui::PushID(key.c_str());
            text(ctx, pod.meta.name + "  " + (pod.status.isReady() ? kLabels.get("is_ready", lang) : kLabels.get("not_ready", lang)));
            ImGui::SameLine();
            const bool isFailing = failing.count(key) > 0;
            const std::string ns = pod.meta.ns == "default" ? "" : "-n " + pod.meta.ns + " ";
            if (button(ctx, kLabels.get(isFailing ? "ready" : "unready", lang)))
                command = std::string("sim pod ") + (isFailing ? "ready " : "unready ") + ns + pod.meta.name;
            ImGui::PopID();
        }
    if (!command.empty()) ctx.session.run(command);
}

void WhatIfPanel::drawProxyEra(UiContext& ctx) {
    const Lang lang = ctx.lang;
    const Simulation& sim = ctx.session.sim();
    const Era era = sim.state().dataPlane.proxyEra.value_or(sim.config().era);
    text(ctx, kLabels.get("era", lang));
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("legacy", lang));
    if (ImGui::RadioButton(kLabels.get("legacy", lang), era == Era::Legacy) && era != Era::Legacy) ctx.session.run("sim proxy-era legacy");
    ImGui::SameLine();
    recordLabel(ctx, kLabels.get("modern", lang));
    if (ImGui::RadioButton(kLabels.get("modern", lang), era == Era::Modern) && era != Era::Modern) ctx.session.run("sim proxy-era modern");
}

void WhatIfPanel::drawLoad(UiContext& ctx) {
    const Lang lang = ctx.lang;
    const Simulation& sim = ctx.session.sim();
    recordLabel(ctx, kLabels.get("load", lang));
    if (!ImGui::CollapsingHeader(kLabels.get("load", lang), ImGuiTreeNodeFlags_DefaultOpen)) return;
    std::vector<std::string> targets;  // "IP:PORT"
    std::vector<std::string> names;
    std::size_t newest = 0;  // until the user picks one: the Service created last (the lesson's own)
    SimTime newestTime = SimTime::zero();
    for (const auto& [key, svc] : sim.objects().services) {
        if (svc.clusterIP.empty() || svc.clusterIP == "None") continue;
        for (const auto& p : svc.ports) {
            if (p.protocol != "TCP") continue;
            if (targets.empty() || svc.meta.creationTimestamp > newestTime) {
                newest = targets.size();
                newestTime = svc.meta.creationTimestamp;
            }
            targets.push_back(svc.clusterIP + ":" + std::to_string(p.port));
            names.push_back(svc.meta.name + " " + targets.back());
        }
    }
    if (targets.empty()) {
        textColored(ctx, ctx.palette.dimText, kLabels.get("no_services", lang));
        return;
    }
    if (m_loadService < 0 || m_loadService >= static_cast<int>(targets.size())) m_loadService = static_cast<int>(newest);
    ImGui::SetNextItemWidth(260.0f * ctx.scale);
    recordLabel(ctx, names[static_cast<std::size_t>(m_loadService)]);
    if (ImGui::BeginCombo("##service", names[static_cast<std::size_t>(m_loadService)].c_str())) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == m_loadService)) m_loadService = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100.0f * ctx.scale);
    recordLabel(ctx, kLabels.get("requests", lang));
    ImGui::InputInt(kLabels.get("requests", lang), &m_loadCount);
    if (m_loadCount < 1) m_loadCount = 1;
    if (m_loadCount > 100000) m_loadCount = 100000;
    ImGui::SameLine();
    if (button(ctx, kLabels.get("send", lang)))
        ctx.session.run("load --to " + targets[static_cast<std::size_t>(m_loadService)] + " --count " + std::to_string(m_loadCount));
}

void WhatIfPanel::drawBranch(UiContext& ctx) {
    const Lang lang = ctx.lang;
    UiSession& session = ctx.session;
    ScenarioStepper& stepper = session.stepper();
    recordLabel(ctx, kLabels.get("branch", lang));
    if (!ImGui::CollapsingHeader(kLabels.get("branch", lang), ImGuiTreeNodeFlags_DefaultOpen)) return;
    textWrapped(ctx, kLabels.get("branch_hint", lang));
    if (button(ctx, kLabels.get("keep", lang))) m_branch.keepOriginal(session);
    ImGui::SameLine();
    if (button(ctx, kLabels.get("back", lang), stepper.current() > 0)) stepper.previous();
    if (!m_branch.hasOriginal()) return;
    ImGui::SameLine();
    if (button(ctx, kLabels.get("run_on", lang), m_branch.originalStep() > stepper.current())) {
        stepper.runThrough(m_branch.originalStep() - 1);
        session.setViewTime(session.sim().now());
    }
    ImGui::SameLine();
    if (button(ctx, kLabels.get("forget", lang))) {
        m_branch.forget();
        return;
    }

    // Both runs' comparisons, rebuilt only when they can have changed: the consoles when a
    // command ran or a snapshot was restored (a transcript may hold a long iptables-save), the
    // hits whenever the session moved, and both when an original is kept or forgotten.
    const bool kept = m_branch.revision() != m_revision;
    if (kept || session.stateEpoch() != m_consoleEpoch) {
        m_rows = m_branch.consoleRows(session);
        m_firstDifference = m_branch.firstDifference(session);
        m_consoleEpoch = session.stateEpoch();
    }
    if (kept || session.generation() != m_hitsGeneration) {
        m_hits = m_branch.hitRows(session);
        m_hitsGeneration = session.generation();
    }
    m_revision = m_branch.revision();

    // Endpoint hits, both runs.
    text(ctx, kLabels.get("hits", lang));
    if (ImGui::BeginTable("hits", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn(kLabels.get("endpoint", lang));
        ImGui::TableSetupColumn(kLabels.get("original", lang));
        ImGui::TableSetupColumn(kLabels.get("this_run", lang));
        ImGui::TableHeadersRow();
        for (const char* k : {"endpoint", "original", "this_run"}) recordLabel(ctx, kLabels.get(k, lang));
        for (const auto& row : m_hits) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            text(ctx, row.endpoint);
            ImGui::TableSetColumnIndex(1);
            text(ctx, std::to_string(row.original));
            ImGui::TableSetColumnIndex(2);
            textColored(ctx, row.current == row.original ? ctx.palette.text : ctx.palette.evaluating, std::to_string(row.current));
        }
        ImGui::EndTable();
    }

    // Consoles side by side, from the first entry where they differ.
    if (m_firstDifference) text(ctx, std::string(kLabels.get("differs", lang)) + " " + std::to_string(*m_firstDifference + 1));
    else text(ctx, kLabels.get("same", lang));
    if (m_rows.skipped > 0) textColored(ctx, ctx.palette.dimText, std::to_string(m_rows.skipped) + " " + kLabels.get("identical", lang));
    if (ImGui::BeginTable("consoles", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 14.0f))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(kLabels.get("original", lang));
        ImGui::TableSetupColumn(kLabels.get("this_run", lang));
        ImGui::TableHeadersRow();
        // Lines that differ are marked on both sides, not by colour alone.
        auto cell = [&](const BranchCompare::ConsoleRow& row, const std::string& line) {
            const std::string shown = (row.differs ? "\u2260 " : "  ") + line;
            if (row.differs) textColored(ctx, ctx.palette.evaluating, shown);
            else if (row.command) textColored(ctx, ctx.palette.dimText, shown);
            else text(ctx, shown);
        };
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(m_rows.rows.size()));
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const BranchCompare::ConsoleRow& row = m_rows.rows[static_cast<std::size_t>(r)];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                cell(row, row.original);
                ImGui::TableSetColumnIndex(1);
                cell(row, row.current);
            }
        ImGui::EndTable();
    }
}

} // namespace kns::ui
