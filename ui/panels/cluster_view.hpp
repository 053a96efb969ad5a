#pragma once
// The cluster view, the window's main canvas: nodes, interfaces, the bridge or veths, pods, the
// Services' virtual IPs, kube-proxy watching the API server, and the packets moving along their
// links at the view time (the Packets layer, packet_layer.hpp). Pan by dragging, zoom with the
// wheel, fit to the window; hovering shows details; a click selects a pod, node or Service (the
// Inspector shows it), or follows a packet in the Chains view.
#include <cstdint>
#include <optional>

#include <imgui.h>

#include <ui/app/panel.hpp>
#include <ui/model/cluster_layout_cache.hpp>
#include <ui/panels/packet_layer.hpp>

namespace kns::ui {

class ClusterView : public Panel {
public:
    const char* id() const override { return "cluster"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;
    const PacketLayer& packets() const { return m_packets; }  // as the last frame placed them

private:
    ImVec2 toScreen(Point p) const;
    Point toWorld(ImVec2 p) const;
    void fit(ImVec2 size);
    void drawCluster(UiContext& ctx, ImDrawList* list);
    void handleInput(UiContext& ctx, bool hovered);

    ClusterLayoutCache m_layouts;
    PacketLayer m_packets;  // the Packets layer (packet_layer.hpp)
    ImVec2 m_origin{0, 0};  // the canvas' top-left on screen
    ImVec2 m_size{0, 0};
    ImVec2 m_offset{20, 20};
    float m_zoom = 1.0f;
    bool m_fitPending = true;
    bool m_dragged = false;
};

} // namespace kns::ui
