#include <ui/model/question.hpp>

namespace kns::ui {

bool QuestionModel::hasQuestion(std::size_t i) const { return i < m_stepper.stepCount() && m_stepper.step(i).question.has_value(); }

void QuestionModel::forgetUnrun() const {
    // A revealed state belongs to a run; once the stepper went back before the step, it is unrun
    // again and its prediction starts afresh.
    for (auto it = m_states.begin(); it != m_states.end();) {
        if (it->second.revealed && !ran(it->first)) it = m_states.erase(it);
        else ++it;
    }
}

std::optional<std::size_t> QuestionModel::step() const {
    forgetUnrun();
    const std::size_t next = m_stepper.current();
    const bool lastHas = next > 0 && hasQuestion(next - 1) && ran(next - 1);
    auto revealed = [&](std::size_t i) {
        auto it = m_states.find(i);
        return it != m_states.end() && it->second.revealed;
    };
    if (lastHas && !revealed(next - 1)) return next - 1;
    if (hasQuestion(next)) return next;
    if (lastHas) return next - 1;
    return std::nullopt;
}

const scenario::Question* QuestionModel::question() const {
    auto s = step();
    return s ? &*m_stepper.step(*s).question : nullptr;
}

QuestionModel::Phase QuestionModel::phase() const {
    auto s = step();
    if (!s) return Phase::None;
    auto it = m_states.find(*s);
    if (it == m_states.end()) return Phase::Asked;
    if (it->second.revealed) return Phase::Revealed;
    return it->second.choice ? Phase::Chosen : Phase::Asked;
}

void QuestionModel::choose(std::size_t i) {
    auto s = step();
    if (!s || i >= question()->choices.size()) return;
    State& state = m_states[*s];
    if (!state.revealed) state.choice = i;
}

std::optional<std::size_t> QuestionModel::choice() const {
    auto s = step();
    if (!s) return std::nullopt;
    auto it = m_states.find(*s);
    return it == m_states.end() ? std::nullopt : it->second.choice;
}

bool QuestionModel::canReveal() const {
    auto s = step();
    return s && ran(*s) && m_stepper.result(*s)->answer.has_value();
}

bool QuestionModel::reveal() {
    if (!canReveal()) return false;
    m_revealed = *step();
    m_states[*m_revealed].revealed = true;
    return true;
}

std::optional<std::size_t> QuestionModel::answeredStep() const {
    forgetUnrun();
    if (!m_revealed || !m_states.count(*m_revealed)) return std::nullopt;
    return m_revealed;
}

const scenario::QuestionAnswer* QuestionModel::answer() const {
    const auto s = answeredStep();
    if (!s) return nullptr;
    const scenario::StepRun* run = m_stepper.result(*s);
    return run && run->answer ? &*run->answer : nullptr;
}

std::optional<bool> QuestionModel::correct() const {
    const scenario::QuestionAnswer* a = answer();
    if (!a || !a->choice) return std::nullopt;
    const auto c = m_states.at(*answeredStep()).choice;
    if (!c) return std::nullopt;
    return *a->choice == *c;
}

} // namespace kns::ui
