#pragma once
// Variables let a scenario name generated things (pod names, addresses) without knowing the seed.
//
// Syntax, anywhere in a command or an expected text:
//     ${KIND:SELECTOR:INDEX}     ${KIND:SELECTOR}  (INDEX 0)     ${KIND@NAMESPACE:SELECTOR:INDEX}
//   KIND      pod, pod-ip, pod-node, service, cluster-ip, rc, rs, deployment, node, node-ip
//   SELECTOR  a label selector as kubectl -l takes it (selector_text.hpp), or metadata.name=NAME;
//             empty selects every object of the kind
//   INDEX     0 is the oldest match, 1 the next ...; -1 is the newest. Objects are ordered by
//             creationTimestamp, then name, so the order does not depend on random names.
//   NAMESPACE defaults to "default"; ignored for nodes.
// Examples: ${pod:app=sise:0} (the first sise pod's name), ${pod-ip:app=sise:-1},
//           ${cluster-ip:metadata.name=simpleservice}.
// "$${" writes a literal "${". A "${" not followed by a known KIND and ':' (for example the
// shell's own ${i}) is left as written.
#include <string>
#include <vector>

#include <kubenetsim/scenario/selector_text.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns {
class Simulation;
}

namespace kns::scenario {

struct VariableRef {
    std::string kind;
    std::string ns = "default";
    ObjectSelector selector;
    int index = 0;
    std::string text;    // "${pod:app=sise:0}"
    std::size_t offset;  // where it starts in the containing text
};

// Every variable in text, or the first malformed one (Error::location = "column N", 1-based).
Expected<std::vector<VariableRef>> findVariables(const std::string& text);

// text with every variable replaced by its value in the simulation's current state. Fails when a
// variable is malformed or selects nothing at its index.
Expected<std::string> substituteVariables(const std::string& text, const Simulation& sim);

const std::vector<std::string>& variableKinds();

} // namespace kns::scenario
