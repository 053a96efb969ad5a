#pragma once
// The Statistics panel (ui/model/statistics_model.hpp): hits per endpoint against the expected
// 1/N, each node's rule count, kube-proxy's syncs with their modelled durations, and conntrack.
#include <cstdint>

#include <ui/app/panel.hpp>
#include <ui/model/statistics_model.hpp>

namespace kns::ui {

class StatisticsPanel : public Panel {
public:
    const char* id() const override { return "statistics"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    StatisticsModel m_model;
    std::uint64_t m_generation = 0;
    int m_frames = 0;
};

} // namespace kns::ui
