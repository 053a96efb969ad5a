#pragma once
// The Inspector panel (ui/model/inspector.hpp): the object selected in the cluster view (a
// click on a pod, a node or a Service's virtual IP) as `kubectl describe` and `ip` show it. It
// opens when something is clicked and follows the selection; the text is rebuilt for a new
// selection or a command at once, and every quarter second or so while time passes.
#include <cstdint>
#include <string>
#include <vector>

#include <ui/app/panel.hpp>
#include <ui/model/inspector.hpp>

namespace kns::ui {

class InspectorPanel : public Panel {
public:
    const char* id() const override { return "inspector"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    std::vector<InspectorSection> m_sections;
    std::string m_kind, m_key;               // the selection m_sections were built for
    std::uint64_t m_generation = ~0ULL;      // and the session's generation and epoch then
    std::uint64_t m_epoch = ~0ULL;
    int m_frames = 0;                        // frames drawn since
};

} // namespace kns::ui
