#pragma once
// The Packets layer, drawn on the cluster view's canvas: a marker for every packet on a link at
// the view time, where the animation has got to along that link (requests as circles, replies as
// squares, so colour is never the only difference), and one for every packet inside a node's or
// pod's netfilter at that instant. Hovering one shows its headers (ui/model/packet_headers.hpp)
// and where it is; clicking one puts the packet cursor on its first rule and brings the Chains
// view forward (opening it if it was closed). The cluster view owns the layer and hands it its
// layout and its layout-to-screen mapping each frame.
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include <kubenetsim/net/stack.hpp>
#include <ui/app/ui_context.hpp>
#include <ui/model/cluster_layout.hpp>
#include <ui/model/packet_timeline.hpp>

namespace kns::ui {

class PacketLayer {
public:
    struct Marker {
        ImVec2 at;          // on screen
        int hop = -1;       // the hop the packet left from (or is inside)
        bool reply = false;
        net::Packet packet;
        std::string where;  // "node/localhost -> pod/default/web-1", or "inside NS"
    };

    // Places the markers for the session's view time.
    void update(UiContext& ctx, const ClusterLayout& layout, const std::function<ImVec2(Point)>& toScreen);
    void draw(UiContext& ctx, ImDrawList* list, float zoom) const;
    // The marker nearest the mouse within reach at this zoom, or null.
    const Marker* hit(ImVec2 mouse, float zoom) const;
    void tooltip(UiContext& ctx, const Marker& m) const;
    static void click(UiContext& ctx, const Marker& m);

    // The way the followed packet (the packet cursor's) went, namespace by namespace, and the way
    // its answer came back (PacketTimeline::replyJourney), as lines under the markers: the reply
    // path is visible before the reply has left.
    struct Path {
        std::vector<ImVec2> points;
        bool reply = false;
    };
    std::vector<Path> followedPaths(UiContext& ctx, const ClusterLayout& layout, const std::function<ImVec2(Point)>& toScreen) const;
    void drawPaths(UiContext& ctx, ImDrawList* list, const std::vector<Path>& paths, float zoom) const;

    const std::vector<Marker>& markers() const { return m_markers; }

private:
    static float radius(float zoom);

    PacketTimeline m_timeline;
    std::vector<Marker> m_markers;
};

} // namespace kns::ui
