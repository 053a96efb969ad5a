#include <ui/app/actions.hpp>

#include <iterator>

#include <ui/model/pacing.hpp>
#include <ui/app/scenario_control.hpp>

namespace kns::ui {

namespace {

const Shortcut kShortcuts[] = {
    {Action::PlayPause, "Space / F5", {"play", "Play or pause the simulation", "シミュレーションの再生・一時停止"}},
    {Action::StepEvent, "E / F6", {"event", "Step one event", "イベントを1つ進める"}},
    {Action::NextHop, "H / F7", {"hop", "Step the packet to its next hop", "パケットを次のホップへ進める"}},
    {Action::NextStep, "S / F8", {"step", "Run the next scenario step", "シナリオの次のステップを実行"}},
    {Action::StepBack, "B / F9", {"back", "Step back (before the last command or scenario step)", "1つ戻る（直前のコマンドまたはステップの前へ）"}},
    {Action::Restart, "R / Ctrl+R", {"restart", "Restart the scenario", "シナリオを最初からやり直す"}},
    {Action::Help, "F1 / ?", {"help", "Show or hide this help", "このヘルプの表示・非表示"}},
    {Action::Quit, "Ctrl+Q", {"quit", "Quit (the settings are saved)", "終了（設定は保存されます）"}},
};

} // namespace

const Shortcut* shortcuts(std::size_t& count) {
    count = std::size(kShortcuts);
    return kShortcuts;
}

std::optional<Action> shortcutFor(const sf::Event::KeyEvent& key, bool textInput) {
    switch (key.code) {
    case sf::Keyboard::F1: return Action::Help;
    case sf::Keyboard::F5: return Action::PlayPause;
    case sf::Keyboard::F6: return Action::StepEvent;
    case sf::Keyboard::F7: return Action::NextHop;
    case sf::Keyboard::F8: return Action::NextStep;
    case sf::Keyboard::F9: return Action::StepBack;
    default: break;
    }
    if (key.control && key.code == sf::Keyboard::R) return Action::Restart;
    if (key.control && key.code == sf::Keyboard::Q) return Action::Quit;
    if (textInput || key.control || key.alt || key.system) return std::nullopt;
    switch (key.code) {
    case sf::Keyboard::Space: return Action::PlayPause;
    case sf::Keyboard::E: return Action::StepEvent;
    case sf::Keyboard::H: return Action::NextHop;
    case sf::Keyboard::S: return Action::NextStep;
    case sf::Keyboard::B: return Action::StepBack;
    case sf::Keyboard::R: return Action::Restart;
    case sf::Keyboard::Slash: return key.shift ? std::optional<Action>(Action::Help) : std::nullopt;
    default: return std::nullopt;
    }
}

std::optional<Action> actionFor(const sf::Event& event, bool textInput) {
    if (event.type != sf::Event::KeyPressed) return std::nullopt;
    return shortcutFor(event.key, textInput);
}

bool perform(Action action, UiContext& ctx) {
    PacingDriver& pacing = ctx.pacing;
    UiSession& session = ctx.session;
    switch (action) {
    case Action::PlayPause:
        pacing.togglePause();
        return true;
    case Action::StepEvent:
        pacing.setMode(PacingDriver::Mode::Paused);
        return session.stepOneEvent();
    case Action::NextHop:
        pacing.setMode(PacingDriver::Mode::Paused);
        return PacingDriver::stepToNextHop(session, ctx.selection);
    case Action::NextStep:
        return scenario_control::runNext(session);
    case Action::StepBack:
        if (!scenario_control::stepBack(session)) return false;
        pacing.setMode(PacingDriver::Mode::Paused);
        ctx.selection.cursor = {};
        return true;
    case Action::Restart:
        if (!scenario_control::restart(session)) return false;
        pacing.setMode(PacingDriver::Mode::Paused);
        ctx.selection.cursor = {};
        return true;
    case Action::Help:
    case Action::Quit:
        return false;
    }
    return false;
}

} // namespace kns::ui
