#include <kubenetsim/scenario/question_answer.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

namespace kns::scenario {
namespace {

// The pod that answered: the server whose request count grew during the step (the first, by key,
// when several did).
QuestionAnswer endpointAnswer(const StepEvidence& e) {
    QuestionAnswer a;
    for (const auto& [key, total] : e.servedAfter) {
        auto before = e.servedBefore.find(key);
        if (before != e.servedBefore.end() && before->second >= total) continue;
        // key: "default/rcsise-nv8zm 172.17.0.4:9876"
        const auto space = key.find(' ');
        std::string pod = key.substr(0, space);
        const auto slash = pod.find('/');
        if (slash != std::string::npos) pod = pod.substr(slash + 1);
        const std::string address = space == std::string::npos ? "" : key.substr(space + 1);
        a.value = pod + (address.empty() ? "" : " " + address);
        a.keys = {pod};
        if (!address.empty()) a.keys.push_back(address.substr(0, address.find(':')));
        return a;
    }
    return a;
}

// At the pause point: the rule of the paused chain that matched and jumped, and its target.
QuestionAnswer nextChainAnswer(const StepEvidence& e) {
    QuestionAnswer a;
    if (!e.pause || !e.hops || e.pause->hop >= e.hops->size()) return a;
    const HopRecord& hop = (*e.hops)[e.pause->hop];
    const auto& steps = hop.result.steps[static_cast<std::size_t>(e.pause->stackStep)].trace.steps;
    for (std::size_t i = static_cast<std::size_t>(e.pause->traceStep); i < steps.size(); ++i) {
        const auto& t = steps[i];
        if (t.chain != e.pause->chain || !t.matched) continue;
        if (t.action.rfind("jump ", 0) == 0 || t.action.rfind("goto ", 0) == 0) {
            a.value = t.action.substr(5);
            a.keys = {a.value};
            return a;
        }
    }
    return a;
}

QuestionAnswer fromAnswer(const StepEvidence& e) {
    QuestionAnswer a;
    static const std::regex from("\"from\": *\"([^\"]*)\"");
    std::smatch m;
    if (std::regex_search(e.output, m, from)) {
        a.value = m[1].str();
        a.keys = {a.value};
    }
    return a;
}

bool containsWord(const std::string& text, const std::string& word) {
    for (auto pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos + 1)) {
        // "172.17.0.4" must not be found inside "172.17.0.40".
        const auto end = pos + word.size();
        const bool leftOk = pos == 0 || !(std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '.');
        const bool rightOk = end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-');
        if (leftOk && rightOk) return true;
    }
    return false;
}

} // namespace

const std::vector<std::string>& knownAnswerNames() {
    static const std::vector<std::string> names{"endpoint-of-next-connection", "endpoint", "next-chain", "curl-from", "from"};
    return names;
}

bool isKnownAnswerName(const std::string& name) {
    const auto& names = knownAnswerNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

QuestionAnswer computeAnswer(const Question& question, const StepEvidence& evidence) {
    QuestionAnswer a;
    const std::string& name = question.answerFrom;
    if (name == "endpoint-of-next-connection" || name == "endpoint") a = endpointAnswer(evidence);
    else if (name == "next-chain") a = nextChainAnswer(evidence);
    else if (name == "curl-from" || name == "from") a = fromAnswer(evidence);
    for (std::size_t i = 0; i < question.choices.size() && !a.keys.empty(); ++i) {
        const std::string& text = question.choices[i].en;
        if (std::any_of(a.keys.begin(), a.keys.end(), [&](const std::string& k) { return containsWord(text, k); })) {
            a.choice = i;
            break;
        }
    }
    return a;
}

std::string describeQuestion(const Question& question, Lang lang) {
    std::string text = (lang == Lang::Ja ? "問い: " : "Question: ") + question.prompt.in(lang) + "\n";
    for (std::size_t i = 0; i < question.choices.size(); ++i)
        text += "  " + std::string(1, static_cast<char>('a' + i)) + ") " + question.choices[i].in(lang) + "\n";
    return text;
}

std::string describeAnswer(const Question& question, const QuestionAnswer& answer, Lang lang) {
    const bool ja = lang == Lang::Ja;
    std::string text = ja ? "答え: " : "Answer: ";
    if (answer.value.empty()) return text + (ja ? "(シミュレーションからは求められませんでした)\n" : "(the simulation could not tell)\n");
    text += answer.value;
    if (answer.choice) text += " (" + std::string(1, static_cast<char>('a' + *answer.choice)) + ") " + question.choices[*answer.choice].in(lang);
    return text + "\n";
}

} // namespace kns::scenario
