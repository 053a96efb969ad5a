#pragma once
// The answer to a step's prediction question, computed from what the simulation did during the
// step (never written into the scenario): the learner predicts, the step runs, the answer is
// revealed.
//
// answer_from names what to compute:
//   "endpoint-of-next-connection" (or "endpoint"): the pod that answered the step's connection
//       (its name and address:port), from the servers' request counts;
//   "next-chain": at the step's pause point, the chain the packet jumps to next from the paused
//       chain (which endpoint chain the statistic draws picked);
//   "curl-from" (or "from"): what the `from` field of the step's curl answer says.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/dataplane/transport_state.hpp>
#include <kubenetsim/scenario/pause_point.hpp>
#include <kubenetsim/scenario/scenario.hpp>

namespace kns::scenario {

// The answer names the player resolves, for validation messages and docs.
const std::vector<std::string>& knownAnswerNames();
bool isKnownAnswerName(const std::string& name);

struct QuestionAnswer {
    std::string value;        // "rcsise-nv8zm 172.17.0.4:9876", "KUBE-SEP-PXYYII6AHMUWKLYX", "10.0.2.15"; empty: not computable
    std::vector<std::string> keys;  // words that identify it in a choice's text (pod name, address, chain)
    std::optional<std::size_t> choice;  // the question's choice naming it, if one does
};

// What the step left behind for answers to be computed from.
struct StepEvidence {
    std::string output;                                // the step's terminal text
    std::map<std::string, std::uint64_t> servedBefore;  // TransportState::served before the step
    std::map<std::string, std::uint64_t> servedAfter;
    const std::vector<HopRecord>* hops = nullptr;
    std::optional<PausePoint> pause;
};

QuestionAnswer computeAnswer(const Question& question, const StepEvidence& evidence);

// "Answer: rcsise-nv8zm 172.17.0.4:9876 (b)" in the player's narration.
std::string describeAnswer(const Question& question, const QuestionAnswer& answer, Lang lang);
// The question and its choices as the player prints them before the step.
std::string describeQuestion(const Question& question, Lang lang);

} // namespace kns::scenario
