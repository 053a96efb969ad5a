#pragma once
// Label selectors as kubectl's `-l`/`--selector` takes them:
//   app=sise   app==sise   app!=sise   app in (a,b)   app notin (a,b)   app   !app
// joined by commas, all of which must hold. Mirrors the grammar of Kubernetes' labels.Parse
// (apimachinery pkg/labels/selector.go): a small lexer, keywords `in`/`notin` that are plain
// values inside parentheses, and its error wording ("unable to parse requirement: found '',
// expected: ',' or ')'") so that a broken selector reads as it does on a real cluster.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::kubectl {

// Every requirement becomes one matchExpressions entry, in the order written (a key may appear
// twice: `app=a,app!=b`). The error message carries no "error: " prefix; kubectl adds it.
// Deliberate simplification: the `gt`/`lt` operators of node selectors are not accepted.
Expected<LabelSelector, std::string> parseLabelSelector(const std::string& text, Era era);

// Label key and value rules shared with `kubectl label` and `run --labels`: a key is an
// optional DNS subdomain prefix and '/', then a name of at most 63 characters; a value is at
// most 63 characters; both start and end alphanumeric and may hold '-', '_' and '.'.
// Returns an empty string when valid, else the reason.
std::string labelKeyError(const std::string& key);
std::string labelValueError(const std::string& value);

} // namespace kns::kubectl
