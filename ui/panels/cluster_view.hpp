#pragma once
// The cluster view, the window's main canvas: nodes, interfaces, the bridge or veths, pods, the
// Services' virtual IPs, kube-proxy watching the API server, and the packets moving along their
// links at the view time (replies drawn as squares, requests as circles). Pan by dragging, zoom
// with the wheel, fit to the window; hovering shows details; a click selects a pod, node or
// Service, or puts the packet cursor on a packet and brings the Chains view forward.
#include <cstdint>
#include <optional>

#include <imgui.h>

#include <ui/app/panel.hpp>
#include <ui/model/cluster_layout_cache.hpp>
#include <ui/model/packet_timeline.hpp>

namespace kns::ui {

class ClusterView : public Panel {
public:
    const char* id() const override { return "cluster"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    struct Marker {
        ImVec2 at;
        int hop = -1;  // the hop the packet left from (or is inside)
        bool reply = false;
        net::Packet packet;
        std::string where;  // "node/localhost -> pod/default/web-1"
    };

    ImVec2 toScreen(Point p) const;
    Point toWorld(ImVec2 p) const;
    void fit(ImVec2 size);
    void drawCluster(UiContext& ctx, ImDrawList* list);
    void drawPackets(UiContext& ctx, ImDrawList* list);
    void handleInput(UiContext& ctx, bool hovered);

    PacketTimeline m_timeline;
    ClusterLayoutCache m_layouts;
    std::vector<Marker> m_markers;
    ImVec2 m_origin{0, 0};  // the canvas' top-left on screen
    ImVec2 m_size{0, 0};
    ImVec2 m_offset{20, 20};
    float m_zoom = 1.0f;
    bool m_fitPending = true;
    bool m_dragged = false;
};

} // namespace kns::ui
