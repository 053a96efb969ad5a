#pragma once
// A small language for what the cluster must look like after a step, so that a scenario can
// check state rather than only printed text:
//
//     pods with app=sise ready == 2
//     endpoints named simpleservice addresses == 1 and services in default count >= 1
//
// Grammar (words separated by spaces; operators need spaces around them):
//     predicate := term { "and" term }
//     term      := KIND [ "in" NAMESPACE ] [ "with" SELECTOR ] [ "named" NAME ] [ MEASURE ] OP INTEGER
//     KIND      := pods | services | endpoints | rc | rs | deployments | nodes | namespaces
//                  (singular forms and the kubectl short names po, svc, ep, deploy, no, ns work too)
//     NAMESPACE := a namespace, or "*" for all; default "default" (ignored for nodes, namespaces)
//     SELECTOR  := a label selector without spaces: app=sise, app!=x, tier, !tier, a=b,c=d
//     OP        := == | != | < | <= | > | >=
//     MEASURE   := what is counted over the matching objects (default: count, the number of them)
//       pods:                       count, ready (Ready condition True), notready, running (phase
//                                   Running and not terminating), pending, terminating (being deleted)
//       endpoints:                  count, addresses (ready addresses), notready (not-ready addresses)
//       rc, rs, deployments:        count, replicas (status.replicas summed), ready (status.readyReplicas)
//       nodes:                      count, ready
//       services, namespaces:       count
#include <string>
#include <vector>

#include <kubenetsim/scenario/selector_text.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns {
class Simulation;
}

namespace kns::scenario {

struct PredicateTerm {
    std::string kind;     // canonical plural: pods, services, endpoints, rc, rs, deployments, nodes, namespaces
    std::string ns = "default";  // "*" for all namespaces
    ObjectSelector selector;
    std::string measure = "count";
    std::string op;       // == != < <= > >=
    long long value = 0;
    std::string text;     // the term as written
};

struct StatePredicate {
    std::vector<PredicateTerm> terms;
    std::string text;
};

// Error::location is "column N" (1-based) of the offending word.
Expected<StatePredicate> parseStatePredicate(const std::string& text);

struct PredicateOutcome {
    bool holds = false;
    // One line per term: "pods with app=sise ready == 2: 1 (fails)".
    std::string explanation;
};
PredicateOutcome evaluatePredicate(const StatePredicate& predicate, const Simulation& sim);

} // namespace kns::scenario
