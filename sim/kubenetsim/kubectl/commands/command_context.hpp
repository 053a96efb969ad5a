#pragma once
// Internal to kubectl/commands: what every verb receives, the verb table, and the helpers for
// kubectl's error shapes. Verbs never write to the cluster before all their checks passed.
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/kubectl/commands/container_commands.hpp>
#include <kubenetsim/kubectl/commands/flag_parser.hpp>
#include <kubenetsim/kubectl/commands/resource_types.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::kubectl {

using shell::CommandResult;

struct Context {
    Simulation& sim;
    const ContainerCommands& containers;
    std::string verb;            // "get", "rollout" ...
    ParsedArgs args;
    std::string ns;              // -n, else "default"
    bool allNamespaces = false;  // -A / --all-namespaces
    std::string stdinText;
    bool hasStdin = false;

    Era era() const { return sim.era(); }
    Api api() { return sim.api(); }
};

CommandResult ok(std::string out);
// "error: MSG" (or a message already carrying its prefix, such as "Error from server ...").
CommandResult fail(const std::string& message);
// A usage error: "error: MSG" then "See 'kubectl VERB -h' for help and examples."
CommandResult usageError(const Context& ctx, const std::string& message);
std::string unknownTypeError(const std::string& word);  // error: the server doesn't have a resource type "foo"
// An API server error as kubectl prints it: "Error from server (Reason): message", or
// "The Service \"x\" is invalid: ..." for validation errors; legacy group names in kubectl 1.5.
std::string serverError(const Context& ctx, const ApiError& e);

// Resolves "TYPE NAME..." / "TYPE/NAME ..." arguments into (kind, name) pairs. With allowTypeOnly
// a lone TYPE gives (kind, "") meaning "every object of the kind". Errors are full messages.
struct ResourceRef {
    Kind kind;
    std::string name;
};
Expected<std::vector<ResourceRef>, std::string> resolveResourceArgs(const Context& ctx, const std::vector<std::string>& words,
                                                                    bool allowTypeOnly);

// The selector of -l/--selector, when given.
Expected<std::optional<LabelSelector>, std::string> selectorOf(const Context& ctx);

// Keys of the objects of kind in ctx's namespace scope, filtered by an optional selector.
std::vector<std::string> listKeys(Context& ctx, Kind kind, const LabelSelector* sel);
// Namespace of a kind's objects for this command ("" for cluster-scoped kinds).
std::string scopeNamespace(const Context& ctx, Kind kind);
bool objectExists(Context& ctx, Kind kind, const std::string& ns, const std::string& name);

// Verbs, one per file (verb_*.cpp).
CommandResult runGet(Context& ctx);
CommandResult runDescribe(Context& ctx);
CommandResult runApply(Context& ctx);  // apply and create
CommandResult runDelete(Context& ctx);
CommandResult runScale(Context& ctx);
CommandResult runRun(Context& ctx);
CommandResult runExpose(Context& ctx);
CommandResult runExec(Context& ctx);
CommandResult runRollout(Context& ctx);
CommandResult runLabel(Context& ctx);
CommandResult runLogs(Context& ctx);
CommandResult runPortForward(Context& ctx);
CommandResult runVersion(Context& ctx);
CommandResult runClusterInfo(Context& ctx);

} // namespace kns::kubectl
