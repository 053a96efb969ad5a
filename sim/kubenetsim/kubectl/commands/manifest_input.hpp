#pragma once
// What `-f` gives kubectl: the objects of every named source (a file, a bundled
// Kubernetes-by-Example URL, or `-` for stdin), decoded by manifest/. All or nothing: one bad
// document anywhere and no object comes back.
#include <string>
#include <variant>
#include <vector>

#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/manifest/manifest.hpp>

namespace kns::kubectl {

using AnyObject = ApiObject;  // manifest/manifest.hpp

struct InputObject {
    AnyObject object;
    std::string source;  // the -f argument it came from ("rc.yaml", a URL, "STDIN")

    Kind kind() const;
    const ObjectMeta& meta() const;
    ObjectMeta& meta();
    const std::string& name() const { return meta().name; }
    const std::string& ns() const { return meta().ns; }
};

// Reads every -f source in order. The error is the full message kubectl prints (with "error: ").
// Warnings (unknown fields) are appended to warnings as "Warning: ..." lines.
Expected<std::vector<InputObject>, std::string> readManifests(Context& ctx, std::string* warnings = nullptr);

} // namespace kns::kubectl
