#pragma once
// The Inspector panel (ui/model/inspector.hpp): the object selected in the cluster view (a
// click on a pod, a node or a Service's virtual IP) as `kubectl describe` and `ip` show it. It
// opens when something is clicked and follows the selection; the text is rebuilt when the
// selection or the simulation changes.
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
    std::uint64_t m_generation = ~0ULL;      // and the session's generation then
};

} // namespace kns::ui
