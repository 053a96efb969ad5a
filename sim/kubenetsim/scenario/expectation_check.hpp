#pragma once
// Checks one expectation against what a step printed and the cluster it left, and explains a
// failure the way a learner or a test log wants to read it: what was expected, what came, and a
// unified diff of the lines.
#include <string>

#include <kubenetsim/scenario/scenario.hpp>

namespace kns {
class Simulation;
}

namespace kns::scenario {

struct CheckOutcome {
    bool holds = false;
    std::string report;  // empty when it holds; otherwise lines ending in '\n'
};

// output: the step's terminal text (stdout and stderr as shown); lastStatus: the exit status of
// its last command. Variables in expected texts are resolved against sim first.
CheckOutcome checkExpectation(const Expectation& e, const std::string& output, int lastStatus, const Simulation& sim);

} // namespace kns::scenario
