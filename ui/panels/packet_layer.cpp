#include <ui/panels/packet_layer.hpp>

#include <algorithm>
#include <cmath>

#include <ui/app/draw_text.hpp>
#include <ui/model/packet_headers.hpp>

namespace kns::ui {

namespace {

const Labels kLabels{
    {"inside", "inside", "処理中"},
    {"clickHint", "click: follow it in the Chains view", "クリック: チェーンビューで追う"},
    {"request", "request", "往路"},
    {"reply", "reply", "復路"},
};

constexpr float kMarkerRadius = 7.0f;

} // namespace

float PacketLayer::radius(float zoom) { return kMarkerRadius * std::clamp(zoom, 0.6f, 1.5f); }

void PacketLayer::update(UiContext& ctx, const ClusterLayout& layout, const std::function<ImVec2(Point)>& toScreen) {
    const Simulation& sim = ctx.session.sim();
    m_timeline.update(sim);
    const SimTime t = ctx.session.viewTime();
    m_markers.clear();
    ArrivalTimes arrivals;
    if (!sim.state().dataPlane.transport.inFlight.empty() && t >= sim.now())
        arrivals = inFlightArrivals(ctx.session.mutableSim().kernel().pending());  // read only
    for (const PacketOnLink& p : m_timeline.onLinksAt(sim, t, arrivals)) {
        auto at = layout.along(p.fromNs, p.toNs, p.position);
        if (!at) continue;
        m_markers.push_back(Marker{toScreen(*at), p.fromHop, p.reply, p.packet, p.fromNs + " -> " + p.toNs});
    }
    const auto& hops = sim.state().dataPlane.transport.hops;
    for (int h : PacketTimeline::hopsAt(hops, t)) {
        const HopRecord& hop = hops[static_cast<std::size_t>(h)];
        auto at = layout.placeOf(hop.ns);
        if (!at) continue;
        const int j = m_timeline.journeyOf(h);
        m_markers.push_back(Marker{toScreen(*at), h, j >= 0 && m_timeline.journeys()[static_cast<std::size_t>(j)].reply, hop.before,
                                   std::string(kLabels.get("inside", ctx.lang)) + " " + hop.ns});
    }
}

std::vector<PacketLayer::Path> PacketLayer::followedPaths(UiContext& ctx, const ClusterLayout& layout,
                                                          const std::function<ImVec2(Point)>& toScreen) const {
    std::vector<Path> paths;
    const Selection::PacketCursor c = ctx.selection.cursor;
    const auto& hops = ctx.session.sim().state().dataPlane.transport.hops;
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops.size()) return paths;
    const int j = m_timeline.journeyOf(c.hop);
    if (j < 0) return paths;
    auto pathOf = [&](int journey) {
        const PacketJourney& pj = m_timeline.journeys()[static_cast<std::size_t>(journey)];
        Path p;
        p.reply = pj.reply;
        for (int h : pj.hops)
            if (auto at = layout.placeOf(hops[static_cast<std::size_t>(h)].ns)) p.points.push_back(toScreen(*at));
        if (p.points.size() >= 2) paths.push_back(std::move(p));
    };
    pathOf(j);
    if (const int r = m_timeline.replyJourney(hops, j); r >= 0) pathOf(r);
    return paths;
}

void PacketLayer::drawPaths(UiContext& ctx, ImDrawList* list, const std::vector<Path>& paths, float zoom) const {
    const float thickness = 3.0f * std::clamp(zoom, 0.6f, 1.5f);
    for (const Path& p : paths) {
        const ImU32 colour = (p.reply ? ctx.palette.reply : ctx.palette.packet) & ~IM_COL32_A_MASK;
        const ImU32 faint = colour | (static_cast<ImU32>(170) << IM_COL32_A_SHIFT);
        // A reply's path is dashed as well as differently coloured.
        for (std::size_t i = 1; i < p.points.size(); ++i) {
            const ImVec2 a = p.points[i - 1], b = p.points[i];
            if (!p.reply) {
                list->AddLine(a, b, faint, thickness);
                continue;
            }
            const float dx = b.x - a.x, dy = b.y - a.y;
            const float length = std::sqrt(dx * dx + dy * dy);
            const int dashes = std::max(1, static_cast<int>(length / 12.0f));
            for (int d = 0; d < dashes; d += 2) {
                const float t0 = static_cast<float>(d) / static_cast<float>(dashes), t1 = static_cast<float>(d + 1) / static_cast<float>(dashes);
                list->AddLine(ImVec2(a.x + dx * t0, a.y + dy * t0), ImVec2(a.x + dx * t1, a.y + dy * t1), faint, thickness);
            }
        }
    }
}

void PacketLayer::draw(UiContext& ctx, ImDrawList* list, float zoom) const {
    const float r = radius(zoom);
    for (const Marker& m : m_markers) {
        const bool current = ctx.selection.cursor.valid() && ctx.selection.cursor.hop == m.hop;
        const ImU32 colour = m.reply ? ctx.palette.reply : ctx.palette.packet;
        if (m.reply) list->AddRectFilled(ImVec2(m.at.x - r, m.at.y - r), ImVec2(m.at.x + r, m.at.y + r), colour);
        else list->AddCircleFilled(m.at, r, colour);
        if (current) list->AddCircle(m.at, r + 4, ctx.palette.evaluating, 0, 2.5f);
    }
}

const PacketLayer::Marker* PacketLayer::hit(ImVec2 mouse, float zoom) const {
    const float reach = radius(zoom) + 4;
    float best = reach * reach;
    const Marker* found = nullptr;
    for (const Marker& m : m_markers) {
        const float dx = m.at.x - mouse.x, dy = m.at.y - mouse.y;
        if (dx * dx + dy * dy <= best) {
            best = dx * dx + dy * dy;
            found = &m;
        }
    }
    return found;
}

void PacketLayer::tooltip(UiContext& ctx, const Marker& m) const {
    const ImU32 colour = m.reply ? ctx.palette.reply : ctx.palette.packet;
    textColored(ctx, colour, std::string(kLabels.get(m.reply ? "reply" : "request", ctx.lang)) + "  " + m.where);
    for (const std::string& line : headerLines(m.packet)) text(ctx, line);
    textColored(ctx, ctx.palette.dimText, kLabels.get("clickHint", ctx.lang));
}

void PacketLayer::click(UiContext& ctx, const Marker& m) {
    ctx.selection.cursor = PacketTimeline::firstRuleOf(ctx.session.sim().state().dataPlane.transport.hops, m.hop);
    ctx.selection.focusPanel = "chains";
}

} // namespace kns::ui
