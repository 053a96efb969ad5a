#pragma once
// The Rules panel: a node's iptables-save with counters (ui/model/rules_model.hpp), a filter box,
// the lines kube-proxy's last sync wrote highlighted and the ones it removed listed beneath.
// Long rulesets are drawn with a list clipper; the lines are rebuilt only when the session's
// generation moves, and at most every few frames while the simulation runs.
#include <array>
#include <cstdint>
#include <string>

#include <ui/app/panel.hpp>
#include <ui/model/rules_model.hpp>

namespace kns::ui {

class RulesPanel : public Panel {
public:
    const char* id() const override { return "rules"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    RulesModel m_model;
    std::array<char, 256> m_filter{};
    std::uint64_t m_seenGeneration = 0;
    std::uint64_t m_seenSyncs = ~std::uint64_t{0};
    int m_framesSinceRebuild = 0;
    std::string m_node;
    bool m_onlyChanges = false;
};

} // namespace kns::ui
