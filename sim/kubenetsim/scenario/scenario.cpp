#include <kubenetsim/scenario/scenario.hpp>

namespace kns::scenario {

std::optional<Lang> parseLang(const std::string& text) {
    if (text == "en") return Lang::En;
    if (text == "ja") return Lang::Ja;
    return std::nullopt;
}

const char* expectationKindName(Expectation::Kind k) {
    switch (k) {
    case Expectation::Kind::Exact: return "exact";
    case Expectation::Kind::Contains: return "contains";
    case Expectation::Kind::Lines: return "lines";
    case Expectation::Kind::Regex: return "regex";
    case Expectation::Kind::Status: return "status";
    case Expectation::Kind::State: return "state";
    }
    return "?";
}

const std::vector<std::string>& knownFeatures() {
    // data-plane: curl, iptables-save and the packet path (the issue after the headless core).
    static const std::vector<std::string> kFeatures{"data-plane"};
    return kFeatures;
}

} // namespace kns::scenario
