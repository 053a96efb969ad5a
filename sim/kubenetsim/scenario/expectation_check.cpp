#include <kubenetsim/scenario/expectation_check.hpp>

#include <regex>

#include <kubenetsim/scenario/line_diff.hpp>
#include <kubenetsim/scenario/state_predicate.hpp>
#include <kubenetsim/scenario/variables.hpp>

namespace kns::scenario {
namespace {

std::string indented(const std::string& text) {
    std::string out;
    for (const auto& line : textLines(text)) out += "    " + line + "\n";
    return out.empty() ? "    (nothing)\n" : out;
}

// Whether each of `wanted` is a whole line of `have`, in order; sets missing to the first that is not.
bool linesInOrder(const std::vector<std::string>& wanted, const std::vector<std::string>& have, std::string& missing) {
    std::size_t at = 0;
    for (const auto& w : wanted) {
        while (at < have.size() && have[at] != w) ++at;
        if (at == have.size()) {
            missing = w;
            return false;
        }
        ++at;
    }
    return true;
}

} // namespace

CheckOutcome checkExpectation(const Expectation& e, const std::string& output, int lastStatus, const Simulation& sim) {
    CheckOutcome r;
    // Resolve variables in what is expected.
    std::string text = e.text;
    std::vector<std::string> lines = e.lines;
    if (e.kind != Expectation::Kind::State && e.kind != Expectation::Kind::Status) {
        auto sub = substituteVariables(text, sim);
        if (!sub) return {false, "cannot resolve the expected text: " + sub.error().message + "\n"};
        text = *sub;
        for (auto& l : lines) {
            auto s = substituteVariables(l, sim);
            if (!s) return {false, "cannot resolve the expected lines: " + s.error().message + "\n"};
            l = *s;
        }
    }
    switch (e.kind) {
    case Expectation::Kind::Exact:
        r.holds = output == text;
        if (!r.holds) {
            r.report = "the output differs from the expected output\n" + unifiedDiff(textLines(text), textLines(output));
            if (textLines(text) == textLines(output)) r.report += "(the texts differ only in their final newline)\n";
        }
        break;
    case Expectation::Kind::Contains:
        r.holds = output.find(text) != std::string::npos;
        if (!r.holds) r.report = "the output does not contain\n" + indented(text) + "output:\n" + indented(output);
        break;
    case Expectation::Kind::Lines: {
        std::string missing;
        r.holds = linesInOrder(lines, textLines(output), missing);
        if (!r.holds)
            r.report = "expected line missing (or out of order):\n    " + missing + "\n" + unifiedDiff(lines, textLines(output));
        break;
    }
    case Expectation::Kind::Regex:
        r.holds = std::regex_search(output, std::regex(text, std::regex::ECMAScript));
        if (!r.holds) r.report = "no match for the regular expression /" + text + "/ in the output:\n" + indented(output);
        break;
    case Expectation::Kind::Status:
        r.holds = lastStatus == e.status;
        if (!r.holds) r.report = "exit status " + std::to_string(lastStatus) + ", expected " + std::to_string(e.status) + "\n";
        break;
    case Expectation::Kind::State: {
        auto p = parseStatePredicate(text);
        if (!p) return {false, "invalid state predicate: " + p.error().full() + "\n"};
        auto outcome = evaluatePredicate(*p, sim);
        r.holds = outcome.holds;
        if (!r.holds) r.report = "the cluster state does not satisfy \"" + text + "\"\n" + outcome.explanation;
        break;
    }
    }
    return r;
}

} // namespace kns::scenario
