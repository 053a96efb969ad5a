#include <ui/model/cluster_layout.hpp>

#include <algorithm>
#include <cmath>

namespace kns::ui {

namespace {

// World units: a pod card fits "rcsise-6nq3k", its IP and "Running 1/1" at zoom 1.
constexpr float kPodW = 170, kPodH = 64, kPodGap = 12;
constexpr float kPad = 16, kHeaderH = 28, kIfaceW = 160, kIfaceH = 38, kBarH = 22, kVethDrop = 44;
constexpr float kNodeGap = 60, kNodeMinW = 2 * kIfaceW + 3 * kPad + 140;
constexpr float kApiW = 230, kApiH = 52, kVipW = 250, kVipH = 46, kVipGap = 16, kTopRowGap = 90;
constexpr float kProxyW = 130, kProxyH = 22;

int columnsFor(std::size_t pods) {
    if (pods <= 2) return 2;
    return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(pods) * 1.5)));
}

float length(Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y); }

} // namespace

LayoutInput layoutInput(const Simulation& sim, SimTime viewTime) {
    LayoutInput in;
    in.viewTime = viewTime;
    const auto& namespaces = sim.state().dataPlane.namespaces;
    for (const NodeDef& def : sim.config().nodes) {
        LayoutInput::NodeIn n;
        n.name = def.name;
        n.internalIP = def.internalIP;
        auto obj = sim.objects().nodes.find(def.name);
        if (obj != sim.objects().nodes.end()) n.ready = obj->second.isReady();
        auto ns = namespaces.find(nodeNamespaceKey(def.name));
        if (ns != namespaces.end())
            for (const net::Interface& i : ns->second.interfaces) {
                if (i.kind == "veth" || i.kind == "loopback") continue;
                std::string address = i.addresses.empty() ? "" : i.addresses.front().address.str() + "/" + std::to_string(i.addresses.front().prefix);
                n.interfaces.push_back(LayoutInput::Iface{i.name, address, i.kind});
                if (i.kind == "bridge" && n.bridge.empty()) n.bridge = i.name;
            }
        in.nodes.push_back(std::move(n));
    }
    // The node end of each pod's veth, by the pod's namespace (one pass over each node's interfaces).
    std::unordered_map<std::string, std::string> hostVeths;
    for (const NodeDef& def : sim.config().nodes) {
        auto ns = namespaces.find(nodeNamespaceKey(def.name));
        if (ns == namespaces.end()) continue;
        for (const net::Interface& i : ns->second.interfaces)
            if (!i.peerNamespace.empty()) hostVeths[i.peerNamespace] = i.name;
    }
    for (const auto& [key, pod] : sim.objects().pods) {
        if (pod.meta.creationTimestamp > viewTime || pod.spec.nodeName.empty()) continue;
        LayoutInput::PodIn p;
        p.key = key;
        p.name = pod.meta.name;
        p.node = pod.spec.nodeName;
        p.ip = pod.status.podIP;
        p.phase = pod.meta.deletionTimestamp ? "Terminating" : pod.status.phase;
        p.ready = pod.status.isReady();
        p.terminating = pod.meta.deletionTimestamp.has_value();
        p.hostNetwork = pod.spec.hostNetwork;
        p.created = pod.meta.creationTimestamp;
        auto veth = hostVeths.find(podNamespaceKey(key));
        if (veth != hostVeths.end()) p.hostVeth = veth->second;
        in.pods.push_back(std::move(p));
    }
    for (const auto& [key, svc] : sim.objects().services) {
        if (svc.clusterIP.empty() || svc.clusterIP == "None" || svc.meta.creationTimestamp > viewTime) continue;
        std::string ports;
        for (const ServicePort& p : svc.ports) ports += (ports.empty() ? "" : ",") + std::to_string(p.port) + "/" + p.protocol;
        in.vips.push_back(LayoutInput::VipIn{key, svc.clusterIP, ports});
    }
    return in;
}

ClusterLayout layoutCluster(const LayoutInput& in) {
    ClusterLayout out;
    out.apiServer = Box{0, 0, kApiW, kApiH};

    // Pods by node, in key order (the input's order).
    std::vector<std::vector<std::size_t>> podsOf(in.nodes.size());
    for (std::size_t i = 0; i < in.pods.size(); ++i)
        for (std::size_t n = 0; n < in.nodes.size(); ++n)
            if (in.pods[i].node == in.nodes[n].name) podsOf[n].push_back(i);
    auto nodeWidth = [&](std::size_t n) {
        const float podsW = static_cast<float>(columnsFor(podsOf[n].size())) * (kPodW + kPodGap) - kPodGap;
        const float ifacesW = static_cast<float>(in.nodes[n].interfaces.size()) * (kIfaceW + kPad) - kPad;
        return std::max({kNodeMinW, podsW + 2 * kPad, ifacesW + kProxyW + 3 * kPad});
    };
    float nodesW = 0;
    for (std::size_t n = 0; n < in.nodes.size(); ++n) nodesW += nodeWidth(n) + (n > 0 ? kNodeGap : 0);

    // The virtual IPs in a grid beside the API server, no wider than the nodes' row (two columns
    // at least), so that fitting the view to the window keeps the nodes legible.
    const int vipCols = std::max(2, static_cast<int>((nodesW - kApiW - kNodeGap + kVipGap) / (kVipW + kVipGap)));
    float vipBottom = kApiH;
    for (std::size_t i = 0; i < in.vips.size(); ++i) {
        const int c = static_cast<int>(i) % vipCols, r = static_cast<int>(i) / vipCols;
        const Box b{kApiW + kNodeGap + static_cast<float>(c) * (kVipW + kVipGap), static_cast<float>(r) * (kVipH + kVipGap), kVipW, kVipH};
        out.vips.push_back(VipLayout{in.vips[i], b});
        vipBottom = std::max(vipBottom, b.y + b.h);
    }

    const float top = vipBottom + kTopRowGap;
    float x = 0;
    float bottom = top;
    for (std::size_t n = 0; n < in.nodes.size(); ++n) {
        const auto& ni = in.nodes[n];
        NodeLayout node;
        node.name = ni.name;
        node.internalIP = ni.internalIP;
        node.ready = ni.ready;
        node.bridge = ni.bridge;
        const int cols = columnsFor(podsOf[n].size());
        const int rows = static_cast<int>((podsOf[n].size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
        const float w = nodeWidth(n);
        float y = top + kHeaderH;
        node.kubeProxy = Box{x + w - kPad - kProxyW, top + 4, kProxyW, kProxyH};
        for (std::size_t i = 0; i < ni.interfaces.size(); ++i)
            node.interfaces.emplace_back(ni.interfaces[i], Box{x + kPad + static_cast<float>(i) * (kIfaceW + kPad), y, kIfaceW, kIfaceH});
        y += kIfaceH + kPad;
        node.bridgeBar = Box{x + kPad, y, w - 2 * kPad, kBarH};
        y += kBarH + kVethDrop;
        for (std::size_t k = 0; k < podsOf[n].size(); ++k) {
            const int c = static_cast<int>(k) % cols, r = static_cast<int>(k) / cols;
            PodLayout p;
            p.pod = in.pods[podsOf[n][k]];
            p.box = Box{x + kPad + static_cast<float>(c) * (kPodW + kPodGap), y + static_cast<float>(r) * (kPodH + kPodGap), kPodW, kPodH};
            p.anchor = Point{p.box.x + kPodW / 2, p.box.y};
            p.port = Point{p.anchor.x, node.bridgeBar.y + kBarH};
            p.alpha = podAlpha(p.pod, in.viewTime);
            out.podIndex[p.pod.key] = out.pods.size();
            out.pods.push_back(std::move(p));
        }
        const float h = (y - top) + static_cast<float>(rows) * (kPodH + kPodGap) + kPad;
        node.box = Box{x, top, w, h};
        node.segmentAnchor = Point{x + w / 2, top + h};
        bottom = std::max(bottom, top + h);
        out.nodes.push_back(std::move(node));
        x += w + kNodeGap;
    }
    out.segmentY = bottom + 40;
    float right = std::max(x - kNodeGap, kApiW);
    for (const VipLayout& v : out.vips) right = std::max(right, v.box.x + kVipW);
    out.bounds = Box{0, 0, right, out.segmentY + 20};
    return out;
}

float podAlpha(const LayoutInput::PodIn& pod, SimTime viewTime) {
    const SimTime age = viewTime - pod.created;
    float alpha = age >= ClusterLayout::kFadeIn ? 1.0f : std::max(0.05f, static_cast<float>(age.toSeconds() / ClusterLayout::kFadeIn.toSeconds()));
    if (pod.terminating) alpha = std::min(alpha, 0.45f);
    return alpha;
}

const NodeLayout* ClusterLayout::node(const std::string& name) const {
    for (const auto& n : nodes)
        if (n.name == name) return &n;
    return nullptr;
}

const PodLayout* ClusterLayout::pod(const std::string& key) const {
    auto it = podIndex.find(key);
    return it == podIndex.end() ? nullptr : &pods[it->second];
}

std::vector<Point> ClusterLayout::linkPath(const std::string& fromNs, const std::string& toNs) const {
    auto podOf = [&](const std::string& ns) { return ns.rfind("pod/", 0) == 0 ? pod(ns.substr(4)) : nullptr; };
    auto nodeOf = [&](const std::string& ns) { return ns.rfind("node/", 0) == 0 ? node(ns.substr(5)) : nullptr; };
    const PodLayout* podFrom = podOf(fromNs);
    const PodLayout* podTo = podOf(toNs);
    const NodeLayout* nodeFrom = nodeOf(fromNs);
    const NodeLayout* nodeTo = nodeOf(toNs);
    if (podFrom && nodeTo && podFrom->pod.node == nodeTo->name) return {podFrom->anchor, podFrom->port};
    if (nodeFrom && podTo && podTo->pod.node == nodeFrom->name) return {podTo->port, podTo->anchor};
    if (nodeFrom && nodeTo && nodeFrom != nodeTo)
        return {nodeFrom->segmentAnchor, Point{nodeFrom->segmentAnchor.x, segmentY}, Point{nodeTo->segmentAnchor.x, segmentY}, nodeTo->segmentAnchor};
    return {};
}

std::optional<Point> ClusterLayout::along(const std::string& fromNs, const std::string& toNs, double position) const {
    const std::vector<Point> path = linkPath(fromNs, toNs);
    if (path.empty()) return std::nullopt;
    float total = 0;
    for (std::size_t i = 1; i < path.size(); ++i) total += length(path[i - 1], path[i]);
    float want = static_cast<float>(std::clamp(position, 0.0, 1.0)) * total;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const float seg = length(path[i - 1], path[i]);
        if (want <= seg || i + 1 == path.size()) {
            const float f = seg > 0 ? std::min(want / seg, 1.0f) : 0.0f;
            return Point{path[i - 1].x + (path[i].x - path[i - 1].x) * f, path[i - 1].y + (path[i].y - path[i - 1].y) * f};
        }
        want -= seg;
    }
    return path.back();
}

std::optional<Point> ClusterLayout::placeOf(const std::string& ns) const {
    if (ns.rfind("pod/", 0) == 0)
        if (const PodLayout* p = pod(ns.substr(4))) return p->box.centre();
    if (ns.rfind("node/", 0) == 0)
        if (const NodeLayout* n = node(ns.substr(5))) return n->bridgeBar.centre();
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> ClusterLayout::hit(Point p) const {
    for (const auto& pod : pods)
        if (pod.box.contains(p)) return std::make_pair(std::string("pod"), pod.pod.key);
    for (const auto& v : vips)
        if (v.box.contains(p)) return std::make_pair(std::string("service"), v.vip.key);
    for (const auto& n : nodes)
        if (n.box.contains(p)) return std::make_pair(std::string("node"), n.name);
    return std::nullopt;
}

} // namespace kns::ui
