#pragma once
// A step's prediction question as the scenario panel shows it: asked before the step runs, the
// class picks a choice, the step runs, and Reveal shows the answer the simulation computed
// (scenario/question_answer.hpp) and whether the choice was right.
//
// Which question is shown follows the stepper: the last step's question while it waits to be
// revealed, else the upcoming step's question (to predict), else the last step's, revealed. The
// answer revealed last stays available beside it.
// States are kept per step and forgotten when the stepper goes back before that step.
#include <cstddef>
#include <map>
#include <optional>

#include <kubenetsim/scenario/question_answer.hpp>

#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {

class QuestionModel {
public:
    enum class Phase : std::uint8_t {
        None,      // no question to show
        Asked,     // shown, nothing chosen yet
        Chosen,    // a choice made; the step has not run or the answer is not revealed
        Revealed,  // the simulation's answer is shown
    };

    explicit QuestionModel(const ScenarioStepper& stepper) : m_stepper(stepper) {}

    // The step whose question is shown, if any.
    std::optional<std::size_t> step() const;
    const scenario::Question* question() const;
    Phase phase() const;

    // Picks choice i of the shown question (before it is revealed).
    void choose(std::size_t i);
    std::optional<std::size_t> choice() const;

    // The answer can be revealed once the question's step has run.
    bool canReveal() const;
    bool reveal();  // false when it cannot be revealed yet
    // The answer revealed last, and its step: it stays available (the panel keeps showing it)
    // while the next step's question is already asked. nullptr once the stepper went back
    // before its step.
    const scenario::QuestionAnswer* answer() const;
    std::optional<std::size_t> answeredStep() const;
    // Whether the choice made for the answered step names the computed answer (nullopt: no
    // choice was made or the answer matches no choice).
    std::optional<bool> correct() const;

private:
    struct State {
        std::optional<std::size_t> choice;
        bool revealed = false;
    };
    bool hasQuestion(std::size_t i) const;
    bool ran(std::size_t i) const { return m_stepper.result(i) != nullptr; }
    // Drops states of steps the stepper went back before.
    void forgetUnrun() const;

    const ScenarioStepper& m_stepper;
    mutable std::map<std::size_t, State> m_states;
    std::optional<std::size_t> m_revealed;  // the step whose answer was revealed last
};

} // namespace kns::ui
