#include <ui/panels/cluster_view.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <ui/app/draw_text.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"title", "Cluster", "クラスタ"},
    {"fit", "Fit to window", "全体を表示"},
    {"api", "API server", "API サーバー"},
    {"proxy", "kube-proxy", "kube-proxy"},
    {"watch", "watch", "watch"},
    {"vip", "virtual IP (no interface)", "仮想 IP (インターフェイスなし)"},
    {"veths", "host ends of the pods' veths", "pod の veth の node 側"},
    {"segment", "node network", "node のネットワーク"},
    {"notReady", "NotReady", "NotReady"},
    {"legend", "circle: request   square: reply   drag: pan   wheel: zoom",
     "丸: 往路   四角: 復路   ドラッグ: 移動   ホイール: 拡大縮小"},
    {"inspectHint", "click: details in the Inspector", "クリック: 詳細パネルに表示"},
    {"ready", "Ready", "Ready (準備完了)"},
    {"unready", "not Ready", "Ready ではない"},
    {"bridge", "bridge", "ブリッジ"},
    {"virtual", "(no interface has this address)", "(このアドレスを持つインターフェイスはありません)"},
};

ImU32 withAlpha(ImU32 c, float a) {
    const auto alpha = static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * 255.0f);
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

} // namespace

const char* ClusterView::title(Lang lang) const { return kLabels.get("title", lang); }

ImVec2 ClusterView::toScreen(Point p) const { return ImVec2(m_origin.x + m_offset.x + p.x * m_zoom, m_origin.y + m_offset.y + p.y * m_zoom); }

Point ClusterView::toWorld(ImVec2 p) const { return Point{(p.x - m_origin.x - m_offset.x) / m_zoom, (p.y - m_origin.y - m_offset.y) / m_zoom}; }

void ClusterView::fit(ImVec2 size) {
    const Box& b = m_layouts.layout().bounds;
    if (b.w <= 0 || b.h <= 0 || size.x <= 40 || size.y <= 40) return;
    m_zoom = std::clamp(std::min((size.x - 40) / b.w, (size.y - 40) / b.h), 0.05f, 2.0f);
    m_offset = ImVec2((size.x - b.w * m_zoom) / 2 - b.x * m_zoom, (size.y - b.h * m_zoom) / 2 - b.y * m_zoom);
}

void ClusterView::drawCluster(UiContext& ctx, ImDrawList* list) {
    const Palette& pal = ctx.palette;
    const ClusterLayout& layout = m_layouts.layout();
    // Below this zoom the boxes are too small to hold any legible text: boxes only. Above it,
    // text never shrinks below a legible size (drawCanvas sets the font scale) and each label is
    // clipped to the box it names, so a zoomed-out view shows truncated names rather than none.
    const bool labels = m_zoom >= 0.3f;
    const float round = 4.0f * m_zoom;
    auto rect = [&](const Box& b, ImU32 fill, ImU32 border, float thick = 1.5f) {
        const ImVec2 a = toScreen({b.x, b.y}), z = toScreen({b.x + b.w, b.y + b.h});
        list->AddRectFilled(a, z, fill, round);
        list->AddRect(a, z, border, round, 0, thick);
    };
    auto label = [&](Point at, ImU32 colour, const std::string& s, const Box* within = nullptr) {
        if (!labels) return;
        if (within) list->PushClipRect(toScreen({within->x, within->y}), toScreen({within->x + within->w, within->y + within->h}), true);
        drawListText(ctx, list, toScreen(at), colour, s);
        if (within) list->PopClipRect();
    };
    const ImVec2 clipMin = m_origin, clipMax(m_origin.x + m_size.x, m_origin.y + m_size.y);
    auto visible = [&](const Box& b) {
        const ImVec2 a = toScreen({b.x, b.y}), z = toScreen({b.x + b.w, b.y + b.h});
        return z.x >= clipMin.x && a.x <= clipMax.x && z.y >= clipMin.y && a.y <= clipMax.y;
    };
    const bool selectedNode = ctx.selection.kind == "node";

    // The API server, and each kube-proxy's watch on it.
    rect(layout.apiServer, withAlpha(pal.apiServer, 0.35f), pal.apiServer);
    label({layout.apiServer.x + 10, layout.apiServer.y + 8}, pal.text, kLabels.get("api", ctx.lang));
    for (const NodeLayout& n : layout.nodes) {
        const Point from = {n.kubeProxy.x + n.kubeProxy.w / 2, n.kubeProxy.y};
        const Point to = {layout.apiServer.x + layout.apiServer.w / 2, layout.apiServer.y + layout.apiServer.h};
        list->AddLine(toScreen(from), toScreen(to), withAlpha(pal.kubeProxy, 0.7f), 1.5f);
        label({(from.x + to.x) / 2 + 4, (from.y + to.y) / 2}, pal.dimText, kLabels.get("watch", ctx.lang));
    }
    // Virtual IPs, apart from every node.
    for (const VipLayout& v : layout.vips) {
        const bool sel = ctx.selection.selected("service", v.vip.key);
        rect(v.box, withAlpha(pal.vip, 0.18f), sel ? pal.evaluating : pal.vip, sel ? 3.0f : 1.5f);
        const std::string ports = v.vip.ports.size() > 16 ? v.vip.ports.substr(0, 14) + ".." : v.vip.ports;
        label({v.box.x + 8, v.box.y + 4}, pal.text, v.vip.key.substr(v.vip.key.find('/') + 1), &v.box);
        label({v.box.x + 8, v.box.y + 24}, pal.vip, v.vip.ip + "  " + ports, &v.box);
    }
    if (!layout.vips.empty()) label({layout.vips.front().box.x, layout.vips.front().box.y - 20}, pal.dimText, kLabels.get("vip", ctx.lang));
    // The nodes' shared segment.
    if (!layout.nodes.empty()) {
        const float left = layout.nodes.front().segmentAnchor.x, right = layout.nodes.back().segmentAnchor.x;
        list->AddLine(toScreen({left - 40, layout.segmentY}), toScreen({right + 40, layout.segmentY}), pal.link, 3.0f);
        label({left - 40, layout.segmentY + 4}, pal.dimText, kLabels.get("segment", ctx.lang));
    }
    for (const NodeLayout& n : layout.nodes) {
        list->AddLine(toScreen(n.segmentAnchor), toScreen({n.segmentAnchor.x, layout.segmentY}), pal.link, 3.0f);
        if (!visible(n.box)) continue;
        const bool sel = selectedNode && ctx.selection.key == n.name;
        rect(n.box, withAlpha(pal.node, 0.08f), sel ? pal.evaluating : pal.node, sel ? 3.0f : 2.0f);
        label({n.box.x + 10, n.box.y + 6}, pal.text, n.name + "  " + n.internalIP + (n.ready ? "" : std::string("  ") + kLabels.get("notReady", ctx.lang)));
        rect(n.kubeProxy, withAlpha(pal.kubeProxy, 0.3f), pal.kubeProxy);
        label({n.kubeProxy.x + 8, n.kubeProxy.y + 3}, pal.text, kLabels.get("proxy", ctx.lang), &n.kubeProxy);
        for (const auto& [iface, box] : n.interfaces) {
            rect(box, withAlpha(iface.kind == "bridge" ? pal.bridge : pal.node, 0.2f), iface.kind == "bridge" ? pal.bridge : pal.node);
            label({box.x + 6, box.y + 2}, pal.text, iface.name, &box);
            label({box.x + 6, box.y + 19}, pal.dimText, iface.address, &box);
        }
        rect(n.bridgeBar, withAlpha(pal.bridge, n.bridge.empty() ? 0.08f : 0.3f), pal.bridge);
        label({n.bridgeBar.x + 8, n.bridgeBar.y + 3}, pal.text, n.bridge.empty() ? kLabels.get("veths", ctx.lang) : n.bridge + " (" + kLabels.get("bridge", ctx.lang) + ")", &n.bridgeBar);
    }
    for (const PodLayout& p : layout.pods) {
        if (!visible(p.box)) continue;
        const float a = p.alpha;
        if (!p.pod.hostNetwork) {
            list->AddLine(toScreen(p.anchor), toScreen(p.port), withAlpha(pal.link, a), 2.0f);
            if (!p.pod.hostVeth.empty()) label({p.port.x + 4, p.port.y + 4}, withAlpha(pal.dimText, a), p.pod.hostVeth);
        }
        const bool sel = ctx.selection.selected("pod", p.pod.key);
        const ImU32 colour = p.pod.ready ? pal.pod : pal.podUnready;
        rect(p.box, withAlpha(colour, 0.25f * a), sel ? pal.evaluating : withAlpha(colour, a), sel ? 3.0f : 1.5f);
        label({p.box.x + 6, p.box.y + 4}, withAlpha(pal.text, a), p.pod.name, &p.box);
        label({p.box.x + 6, p.box.y + 23}, withAlpha(pal.text, a), p.pod.ip.empty() ? "-" : p.pod.ip, &p.box);
        label({p.box.x + 6, p.box.y + 42}, withAlpha(colour, a), p.pod.phase + (p.pod.ready ? "  1/1" : "  0/1"), &p.box);
    }
}

void ClusterView::handleInput(UiContext& ctx, bool hovered) {
    ImGuiIO& io = ImGui::GetIO();
    const ClusterLayout& layout = m_layouts.layout();
    if (hovered && io.MouseWheel != 0.0f) {
        const Point before = toWorld(io.MousePos);
        m_zoom = std::clamp(m_zoom * std::pow(1.15f, io.MouseWheel), 0.05f, 4.0f);
        const ImVec2 after = toScreen(before);
        m_offset.x += io.MousePos.x - after.x;
        m_offset.y += io.MousePos.y - after.y;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
        m_offset.x += io.MouseDelta.x;
        m_offset.y += io.MouseDelta.y;
        m_dragged = true;
    }
    // The packet under the mouse, if any, wins over what is drawn beneath it.
    const PacketLayer::Marker* packet = hovered ? m_packets.hit(io.MousePos, m_zoom) : nullptr;
    const auto thing = hovered ? layout.hit(toWorld(io.MousePos)) : std::nullopt;
    if (hovered && (packet || thing)) {
        ImGui::BeginTooltip();
        if (packet) {
            m_packets.tooltip(ctx, *packet);
        } else if (thing->first == "pod") {
            const PodLayout* p = layout.pod(thing->second);
            text(ctx, "pod " + p->pod.key);
            text(ctx, "IP " + (p->pod.ip.empty() ? std::string("-") : p->pod.ip) + "  node " + p->pod.node);
            text(ctx, p->pod.phase + "  " + kLabels.get(p->pod.ready ? "ready" : "unready", ctx.lang));
            if (!p->pod.hostVeth.empty()) text(ctx, "veth " + p->pod.hostVeth);
            textColored(ctx, ctx.palette.dimText, kLabels.get("inspectHint", ctx.lang));
        } else if (thing->first == "node" && layout.node(thing->second)) {
            const NodeLayout& n = *layout.node(thing->second);
            text(ctx, "node " + n.name + "  " + n.internalIP + "  " + kLabels.get(n.ready ? "ready" : "unready", ctx.lang));
            for (const auto& [iface, box] : n.interfaces) text(ctx, iface.name + "  " + iface.address);
            textColored(ctx, ctx.palette.dimText, kLabels.get("inspectHint", ctx.lang));
        } else if (thing->first == "service") {
            text(ctx, "service " + thing->second);
            for (const VipLayout& v : layout.vips)
                if (v.vip.key == thing->second) text(ctx, v.vip.ip + "  " + v.vip.ports + "  " + kLabels.get("virtual", ctx.lang));
            textColored(ctx, ctx.palette.dimText, kLabels.get("inspectHint", ctx.lang));
        } else {
            text(ctx, thing->first + " " + thing->second);
        }
        ImGui::EndTooltip();
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        if (hovered && !m_dragged) {
            if (packet) {
                PacketLayer::click(ctx, *packet);
            } else if (thing) {
                ctx.selection.kind = thing->first;
                ctx.selection.key = thing->second;
                ctx.selection.focusPanel = "inspector";
                if (thing->first == "node") ctx.selection.node = thing->second;
            }
        }
        m_dragged = false;
    }
}

void ClusterView::drawContent(UiContext& ctx) {
    m_layouts.update(ctx.session);
    recordLabel(ctx, kLabels.get("fit", ctx.lang));
    if (ImGui::Button(kLabels.get("fit", ctx.lang))) m_fitPending = true;
    ImGui::SameLine();
    textColored(ctx, ctx.palette.dimText, std::to_string(static_cast<int>(std::lround(m_zoom * 100))) + "%   " + kLabels.get("legend", ctx.lang));

    m_origin = ImGui::GetCursorScreenPos();
    m_size = ImGui::GetContentRegionAvail();
    m_size.x = std::max(m_size.x, 50.0f);
    m_size.y = std::max(m_size.y, 50.0f);
    if (m_fitPending) {
        fit(m_size);
        m_fitPending = false;
    }
    ImGui::InvisibleButton("canvas", m_size, ImGuiButtonFlags_MouseButtonLeft);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRect(m_origin, ImVec2(m_origin.x + m_size.x, m_origin.y + m_size.y), true);
    list->AddRectFilled(m_origin, ImVec2(m_origin.x + m_size.x, m_origin.y + m_size.y), ctx.palette.background);
    // Labels shrink and grow with the zoom (the draw list takes the window's font size), but never
    // below 70% of the UI's font: smaller text is unreadable on a projector.
    ImGui::SetWindowFontScale(std::clamp(m_zoom, 0.7f, 1.5f));
    drawCluster(ctx, list);
    ImGui::SetWindowFontScale(1.0f);
    const auto screen = [this](Point p) { return toScreen(p); };
    m_packets.update(ctx, m_layouts.layout(), screen);
    m_packets.drawPaths(ctx, list, m_packets.followedPaths(ctx, m_layouts.layout(), screen), m_zoom);
    m_packets.draw(ctx, list, m_zoom);
    list->PopClipRect();
    handleInput(ctx, hovered);
}

} // namespace kns::ui
