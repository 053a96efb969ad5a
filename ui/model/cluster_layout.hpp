#pragma once
// Where the cluster view draws everything, in world units (pixels at zoom 1), computed without a
// window: the API server; each Service's virtual IP in a row of its own, apart from every node
// (no interface owns a virtual IP: that is what virtual means); the nodes side by side, each with
// its interfaces, its kube-proxy (watching the API server), its docker0 bridge (legacy) or the
// host ends of its pods' veths (modern), and its pods in a grid beneath; the nodes' shared
// segment under them. Links between namespaces (pod <-> its node, node <-> node) are polylines a
// packet marker moves along.
//
// Contract: boxes never overlap (pods inside their node; nodes, virtual IPs and the API server
// apart); the layout is a pure function of its input, so the same cluster is drawn the same way.
// Pods the view has not reached yet (created after the view time) are left out; pods fade in
// over kFadeIn after their creation and are drawn faded while terminating.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <kubenetsim/core/simulation.hpp>

namespace kns::ui {

struct Point {
    float x = 0, y = 0;
};

struct Box {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(Point p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
    bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
    bool inside(const Box& o) const { return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h; }
    Point centre() const { return {x + w / 2, y + h / 2}; }
};

// What the layout is computed from (layoutInput() reads it from a simulation).
struct LayoutInput {
    struct Iface {
        std::string name;
        std::string address;  // "10.0.2.15/24"
        std::string kind;     // ether | bridge | veth | loopback
    };
    struct NodeIn {
        std::string name;
        std::string internalIP;
        std::vector<Iface> interfaces;  // the node's own (veths to pods excluded)
        std::string bridge;             // docker0 (legacy) or "" (modern: a veth per pod)
        bool ready = true;
    };
    struct PodIn {
        std::string key;  // "default/rcsise-6nq3k"
        std::string name;
        std::string node;
        std::string ip;
        std::string phase;
        bool ready = false;
        bool terminating = false;
        bool hostNetwork = false;
        std::string hostVeth;  // the node's end of its veth ("veth1a2b3c"), when known
        SimTime created;
    };
    struct VipIn {
        std::string key;  // "default/simpleservice"
        std::string ip;
        std::string ports;  // "80/TCP"
    };
    std::vector<NodeIn> nodes;
    std::vector<PodIn> pods;
    std::vector<VipIn> vips;
    SimTime viewTime;
};

LayoutInput layoutInput(const Simulation& sim, SimTime viewTime);

struct NodeLayout {
    std::string name;
    std::string internalIP;
    bool ready = true;
    Box box;
    std::vector<std::pair<LayoutInput::Iface, Box>> interfaces;
    std::string bridge;  // "" in the modern era
    Box bridgeBar;       // the bridge (legacy) or the row of host-side veth ends (modern)
    Box kubeProxy;
    Point segmentAnchor;  // where the node meets the shared segment
};

struct PodLayout {
    LayoutInput::PodIn pod;
    Box box;
    float alpha = 1.0f;
    Point anchor;  // the pod's end of its veth (top of the box)
    Point port;    // the node's end (on the bridge bar)
};

struct VipLayout {
    LayoutInput::VipIn vip;
    Box box;
};

class ClusterLayout {
public:
    static constexpr SimTime kFadeIn = SimTime::ms(800);

    Box apiServer;
    std::vector<NodeLayout> nodes;
    std::vector<PodLayout> pods;
    std::vector<VipLayout> vips;
    float segmentY = 0;  // the nodes' shared segment
    Box bounds;          // everything
    std::unordered_map<std::string, std::size_t> podIndex;  // pod key -> pods[i]

    // The path a packet takes between two namespaces ("node/NAME", "pod/NS/NAME"): a pod and its
    // node are joined by the pod's veth, two nodes by the shared segment. Empty when unknown.
    std::vector<Point> linkPath(const std::string& fromNs, const std::string& toNs) const;
    // The point at `position` (0..1) along the link.
    std::optional<Point> along(const std::string& fromNs, const std::string& toNs, double position) const;
    // Where a namespace itself is drawn (a packet inside its stack).
    std::optional<Point> placeOf(const std::string& ns) const;

    const NodeLayout* node(const std::string& name) const;
    const PodLayout* pod(const std::string& key) const;
    // What is under a point: kind as Selection names it ("pod", "node", "service") and its key.
    std::optional<std::pair<std::string, std::string>> hit(Point p) const;
};

ClusterLayout layoutCluster(const LayoutInput& in);
// A pod's opacity at the view time: fading in over kFadeIn after its creation, at most 0.45 while
// it terminates.
float podAlpha(const LayoutInput::PodIn& pod, SimTime viewTime);

} // namespace kns::ui
