#pragma once
// The Event log panel (ui/model/event_log_model.hpp): every record the simulation reported with
// its time, filtered by kind and text; clicking one moves the views to its time and selects its
// subject.
#include <array>

#include <ui/app/panel.hpp>
#include <ui/model/event_log_model.hpp>

namespace kns::ui {

class EventLogPanel : public Panel {
public:
    const char* id() const override { return "eventlog"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    EventLogModel m_model;
    EventLogFilter m_filter;
    std::array<char, 256> m_text{};
    bool m_follow = true;  // keep the newest record in sight
    std::size_t m_selected = static_cast<std::size_t>(-1);
};

} // namespace kns::ui
