#pragma once
// The Chains view: the packet under the cursor crossing one namespace's netfilter, rule by rule
// (ui/model/chains_model.hpp computes what it shows). Steps the cursor rule by rule and hop by
// hop; moving to another hop asks the app to bring the view time there.
#include <cstdint>

#include <ui/app/panel.hpp>
#include <ui/model/chains_model.hpp>
#include <ui/model/packet_timeline.hpp>

namespace kns::ui {

class ChainsView : public Panel {
public:
    const char* id() const override { return "chains"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    void drawControls(UiContext& ctx);
    void drawPath(UiContext& ctx);
    void drawSection(UiContext& ctx, const ChainSection& section);
    void drawRewrites(UiContext& ctx);
    void moveTo(UiContext& ctx, Selection::PacketCursor c);

    PacketTimeline m_timeline;
    ChainsModel m_model;
    // What m_model was built from: rebuilt only when one of these moves.
    std::uint64_t m_generation = 0;
    Selection::PacketCursor m_builtFor;
    Lang m_builtLang = Lang::En;
    bool m_scrollToCurrent = false;
    int m_frames = 0;
};

} // namespace kns::ui
