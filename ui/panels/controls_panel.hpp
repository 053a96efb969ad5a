#pragma once
// Controls: play/pause, step one event, step the followed packet to its next hop, the speed,
// step back and restart (the scenario stepper's snapshots), and on each ReplicationController,
// ReplicaSet and Deployment a replicas control that issues `kubectl scale` through the session,
// exactly as a user would type it in the console (the console shows the command and its output).
#include <map>
#include <string>

#include <ui/app/panel.hpp>

namespace kns::ui {

// The command a replicas control issues: kind as kubectl names it ("rc", "rs", "deployment"),
// the object's key ("ns/name") and the wanted count.
std::string scaleCommand(const std::string& kind, const std::string& key, int replicas);

class ControlsPanel : public Panel {
public:
    const char* id() const override { return "controls"; }
    const char* title(Lang lang) const override;
    void drawContent(UiContext& ctx) override;

private:
    void drawTime(UiContext& ctx);
    void drawSpeed(UiContext& ctx);
    void drawReplicas(UiContext& ctx);
    // A drag being edited keeps its value here until released (then the command runs once).
    std::map<std::string, int> m_editing;
};

} // namespace kns::ui
