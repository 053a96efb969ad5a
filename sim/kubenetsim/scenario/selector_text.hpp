#pragma once
// Label selectors written as text, as kubectl's -l takes them: "app=sise", "app==sise",
// "tier!=db", "env in (a,b)", "env notin (a)", "tier", "!tier", comma-separated requirements.
// Scenarios add one field match, "metadata.name=NAME", to pick an object by name.
#include <string>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::scenario {

struct ObjectSelector {
    LabelSelector labels;
    std::string name;  // from metadata.name=NAME; empty matches any name
    std::string text;  // as written, for messages
    bool matches(const ObjectMeta& meta) const {
        return (name.empty() || meta.name == name) && labels.matches(meta.labels);
    }
};

// An empty text selects everything. Errors name the offending requirement.
Expected<ObjectSelector> parseObjectSelector(const std::string& text);

} // namespace kns::scenario
