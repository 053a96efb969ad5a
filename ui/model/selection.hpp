#pragma once
// What the user has selected, shared by every panel: clicking a pod, a node or a Service in the
// cluster view shows it in the Inspector (and a node becomes the Rules panel's node); clicking an
// event in the log moves the views to its time.
// Per-panel transient state stays inside the panel; only cross-panel state lives here.
#include <optional>
#include <string>

#include <kubenetsim/time/sim_time.hpp>

namespace kns::ui {

struct Selection {
    // An API object or a node: kind as kubectl names it ("pod", "service", "node", ...) and
    // its key ("default/rcsise-6nq3k"; a node's name).
    std::string kind;
    std::string key;
    // The packet the Packets and Chains views follow, down to the rule under evaluation:
    // hop indexes the recorded hops (DataPlaneState.transport.hops), stackStep the hop's
    // StackResult.steps, rule that step's netfilter trace steps; -1 means "none" at each level.
    struct PacketCursor {
        int hop = -1;
        int stackStep = -1;
        int rule = -1;
        bool valid() const { return hop >= 0; }
    };
    PacketCursor cursor;
    // The node whose rules the Rules panel shows; empty: the shell's node.
    std::string node;
    // Set by a click in the event log; the app moves the view there and clears it.
    std::optional<SimTime> goToTime;
    // Set by a panel that wants another panel brought to the front (its Panel::id(): "chains"
    // when a packet is clicked in the cluster view, "inspector" when an object is); the workspace
    // opens that window if it was closed, focuses it and clears this.
    std::string focusPanel;

    bool selected(const std::string& k, const std::string& name) const { return kind == k && key == name; }
};

} // namespace kns::ui
