#include <doctest/doctest.h>

#include <ui/app/actions.hpp>

using namespace kns::ui;

namespace {

sf::Event::KeyEvent key(sf::Keyboard::Key code, bool ctrl = false, bool shift = false) {
    return sf::Event::KeyEvent{code, false, ctrl, shift, false};
}

} // namespace

TEST_CASE("letter shortcuts act only when no text field is being edited; function keys always") {
    CHECK(shortcutFor(key(sf::Keyboard::Space), false) == Action::PlayPause);
    CHECK_FALSE(shortcutFor(key(sf::Keyboard::Space), true).has_value());
    CHECK(shortcutFor(key(sf::Keyboard::F5), true) == Action::PlayPause);
    CHECK(shortcutFor(key(sf::Keyboard::E), false) == Action::StepEvent);
    CHECK(shortcutFor(key(sf::Keyboard::H), false) == Action::NextHop);
    CHECK(shortcutFor(key(sf::Keyboard::S), false) == Action::NextStep);
    CHECK(shortcutFor(key(sf::Keyboard::F8), true) == Action::NextStep);
    CHECK(shortcutFor(key(sf::Keyboard::B), false) == Action::StepBack);
    CHECK(shortcutFor(key(sf::Keyboard::R, true), true) == Action::Restart);
    CHECK(shortcutFor(key(sf::Keyboard::F1), true) == Action::Help);
    CHECK(shortcutFor(key(sf::Keyboard::Slash, false, true), false) == Action::Help);
    CHECK_FALSE(shortcutFor(key(sf::Keyboard::C, true), false).has_value());  // Ctrl+C is the console's copy
}

TEST_CASE("every action has a shortcut listed for the help window in both languages") {
    std::size_t n = 0;
    const Shortcut* all = shortcuts(n);
    for (Action a : {Action::PlayPause, Action::StepEvent, Action::NextHop, Action::NextStep, Action::StepBack,
                     Action::Restart, Action::Help}) {
        bool listed = false;
        for (std::size_t i = 0; i < n; ++i)
            if (all[i].action == a) {
                listed = true;
                CHECK(std::string(all[i].what.en).size() > 0);
                CHECK(std::string(all[i].what.ja).size() > 0);
            }
        CHECK(listed);
    }
}
