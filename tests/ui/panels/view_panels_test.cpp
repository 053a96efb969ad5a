#include <doctest/doctest.h>

#include <cstddef>
#include <memory>
#include <string>

#include <imgui.h>

#include <ui/app/palette.hpp>
#include <ui/model/cluster_layout_cache.hpp>
#include <ui/model/packet_timeline.hpp>
#include <ui/panels/chains_view.hpp>
#include <ui/panels/cluster_view.hpp>
#include <ui/panels/event_log_panel.hpp>
#include <ui/panels/packet_layer.hpp>
#include <ui/panels/rules_panel.hpp>
#include <ui/panels/statistics_panel.hpp>

#include "../model/tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

// An ImGui context without a window: a display size and a built font atlas are all a frame needs.
struct Headless {
    Headless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, 800);
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;
};

// The panels under test never touch the pacing driver; the context needs a reference to one.
PacingDriver& noPacing() {
    alignas(std::max_align_t) static unsigned char storage[1];
    return *reinterpret_cast<PacingDriver*>(storage);
}

// Runs one frame with the panel in a window, as the app does, and returns what it recorded.
void frame(Panel& panel, UiContext& ctx) {
    ctx.text.beginFrame();
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImGui::SetNextWindowSize(ImVec2(1200, 760));
    ImGui::Begin(panel.id());
    panel.drawContent(ctx);
    ImGui::End();
    ImGui::Render();
}

Selection::PacketCursor inServiceChain(const UiSession& s, int syn) {
    const auto& hops = s.sim().state().dataPlane.transport.hops;
    PacketTimeline timeline;
    timeline.update(s.sim());
    for (auto c = PacketTimeline::firstRuleOf(hops, syn); c.valid() && c.hop == syn; c = timeline.nextRule(hops, c))
        if (hops[static_cast<std::size_t>(c.hop)].result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps[static_cast<std::size_t>(c.rule)].chain == kSvcChain)
            return c;
    return {};
}

// Runs a curl from the node to the Service and puts the view where its SYN is half way along
// its first link; returns the SYN's hop.
int curlToMidLink(UiSession& s) {
    const std::size_t before = s.sim().state().dataPlane.transport.hops.size();
    s.run(std::string("curl ") + kVip + ":80/info");
    const int syn = findHop(s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    PacketTimeline timeline;
    timeline.update(s.sim());
    const int arrival = timeline.nextInJourney(syn);
    REQUIRE(arrival >= 0);
    const auto& hops = s.sim().state().dataPlane.transport.hops;
    const SimTime left = hops[static_cast<std::size_t>(syn)].at, arrived = hops[static_cast<std::size_t>(arrival)].at;
    s.setViewTime(left + SimTime::ns((arrived - left).nanos() / 2));
    return syn;
}

// The tutorial's cluster seen at that moment (curlToMidLink), with a panel's context to draw it.
struct MidLinkScene {
    Headless imgui;
    std::unique_ptr<UiSession> s = tutorialSession(true);
    int syn = curlToMidLink(*s);
    Selection selection;
    TextRecorder recorder;
    UiContext ctx{*s, noPacing(), selection, recorder, Palette::standard()};
};

} // namespace

TEST_CASE("the chains view draws the chain name and the rule under evaluation through the text hook") {
    Headless imgui;
    auto s = tutorialSession(true);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    s->run(std::string("curl ") + kVip + ":80/info");
    const int syn = findHop(*s, before, "node/localhost", kVip, true);
    REQUIRE(syn >= 0);
    Selection selection;
    selection.cursor = inServiceChain(*s, syn);
    REQUIRE(selection.cursor.valid());
    TextRecorder recorder;
    UiContext ctx{*s, noPacing(), selection, recorder, Palette::standard()};
    ChainsView view;
    frame(view, ctx);
    CHECK(recorder.contains(kSvcChain));
    CHECK(recorder.contains("-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -m statistic --mode random --probability 0.50000000000"));
    CHECK((recorder.contains(" < 0.50 -> jump") || recorder.contains(" >= 0.50 -> next rule")));
    CHECK(recorder.contains("KUBE-SERVICES"));
    CHECK(recorder.missingGlyphs() == 0);

    ctx.lang = Lang::Ja;
    frame(view, ctx);
    CHECK(recorder.contains("評価中のルール:"));
    CHECK(recorder.contains(kSvcChain));
}

TEST_CASE("the chains view offers to follow the latest packet when none is selected") {
    Headless imgui;
    auto s = tutorialSession(false);
    s->run(std::string("curl ") + kVip + ":80/info");
    Selection selection;
    TextRecorder recorder;
    UiContext ctx{*s, noPacing(), selection, recorder, Palette::standard()};
    ChainsView view;
    frame(view, ctx);
    CHECK(recorder.contains("No packet selected"));
    CHECK(recorder.contains("Follow the latest packet"));
}

TEST_CASE("the cluster view draws the node, its pods, the bridge and the Service's virtual IP, and a packet mid-link") {
    MidLinkScene scene;
    TextRecorder& recorder = scene.recorder;
    UiContext& ctx = scene.ctx;
    const int syn = scene.syn;
    ClusterView view;
    frame(view, ctx);
    frame(view, ctx);
    CHECK(recorder.contains("localhost"));
    CHECK(recorder.contains("rcsise-6nq3k"));
    CHECK(recorder.contains("172.17.0.4"));
    CHECK(recorder.contains("docker0"));
    CHECK(recorder.contains(kVip));
    CHECK(recorder.contains("kube-proxy"));
    CHECK(recorder.contains("API server"));
    bool synOnScreen = false;
    for (const auto& m : view.packets().markers()) synOnScreen = synOnScreen || m.hop == syn;
    CHECK(synOnScreen);
}

TEST_CASE("the packets layer puts the curl's SYN on its link, shows its headers on hover and follows it on a click") {
    MidLinkScene scene;
    TextRecorder& recorder = scene.recorder;
    UiContext& ctx = scene.ctx;
    Selection& selection = scene.selection;
    const int syn = scene.syn;
    ClusterLayoutCache layouts;
    layouts.update(*scene.s);
    PacketLayer layer;
    layer.update(ctx, layouts.layout(), [](Point p) { return ImVec2(p.x, p.y); });
    const PacketLayer::Marker* marker = nullptr;
    for (const auto& m : layer.markers())
        if (m.hop == syn) marker = &m;
    REQUIRE(marker != nullptr);
    CHECK_FALSE(marker->reply);
    CHECK(marker->packet.syn);
    CHECK(marker->where.rfind("node/localhost -> ", 0) == 0);
    CHECK(layer.hit(marker->at, 1.0f) == marker);
    CHECK(layer.hit(ImVec2(marker->at.x + 200, marker->at.y + 200), 1.0f) != marker);
    // Hovering: the headers, the IPv4 and TCP lines among them.
    recorder.beginFrame();
    ImGui::NewFrame();
    ImGui::Begin("tip");
    layer.tooltip(ctx, *marker);
    ImGui::End();
    ImGui::Render();
    // On the wire to the pod the SYN is already DNATed: the node rewrote it in OUTPUT.
    CHECK(recorder.contains("IPv4  10.0.2.15 -> 172.17.0."));
    CHECK(recorder.contains(" -> 9876  [SYN]  seq "));
    CHECK(recorder.contains("Chains view"));
    // Clicking: the cursor on the packet's first rule, the Chains view asked for.
    PacketLayer::click(ctx, *marker);
    CHECK(selection.cursor.hop == syn);
    CHECK(selection.cursor.valid());
    CHECK(selection.focusPanel == "chains");
    // Followed, its way there and its answer's way back are drawn: node to pod, then pod to node.
    const auto paths = layer.followedPaths(ctx, layouts.layout(), [](Point p) { return ImVec2(p.x, p.y); });
    REQUIRE(paths.size() == 2);
    CHECK_FALSE(paths[0].reply);
    CHECK(paths[1].reply);
    REQUIRE(paths[0].points.size() >= 2);
    REQUIRE(paths[1].points.size() >= 2);
    CHECK(paths[1].points.front().x == paths[0].points.back().x);  // the answer leaves where the request arrived
    CHECK(paths[1].points.back().y == paths[0].points.front().y);
}

TEST_CASE("the rules, statistics and event log panels draw what their models hold") {
    Headless imgui;
    auto s = tutorialSession(true);
    s->run(std::string("curl ") + kVip + ":80/info");
    Selection selection;
    TextRecorder recorder;
    UiContext ctx{*s, noPacing(), selection, recorder, Palette::standard()};
    RulesPanel rules;
    frame(rules, ctx);
    CHECK(recorder.contains(":INPUT ACCEPT ["));  // the top of the save, with counters
    CHECK(recorder.contains("added by the last kube-proxy sync"));
    StatisticsPanel statistics;
    frame(statistics, ctx);
    CHECK(recorder.contains("172.17.0.3:9876"));
    CHECK(recorder.contains("default/simpleservice"));
    EventLogPanel events;
    frame(events, ctx);
    CHECK(recorder.contains("shown"));
    CHECK(recorder.contains("[0.000000s] "));  // the first records, from the boot
}
