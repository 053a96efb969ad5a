#include <kubenetsim/kubectl/commands/kubectl.hpp>

#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/selector_parser.hpp>

#include <algorithm>

namespace kns::kubectl {

namespace {

using T = FlagSpec::Type;

struct VerbDef {
    const char* name;
    CommandResult (*run)(Context&);
    const char* summary;
    const char* usage;
    std::vector<FlagSpec> flags;  // besides the global ones
};

// Flags every verb accepts, as kubectl's global flags.
std::vector<FlagSpec> globalFlags(Era era) {
    std::vector<FlagSpec> f = {{"namespace", 'n', T::String}, {"help", 'h', T::Bool}, {"kubeconfig", 0, T::String},
                               {"context", 0, T::String}, {"server", 's', T::String}, {"v", 'v', T::String}};
    (void)era;
    return f;
}

// -A arrived with kubectl 1.14; the legacy era knows only the long form.
FlagSpec allNamespacesFlag(Era era) { return {"all-namespaces", era == Era::Modern ? 'A' : '\0', T::Bool}; }

std::vector<VerbDef> verbTable(Era era) {
    const FlagSpec filename{"filename", 'f', T::StringArray};
    const FlagSpec selector{"selector", 'l', T::String};
    const FlagSpec output{"output", 'o', T::String};
    return {
        {"get", runGet, "Display one or many resources", "kubectl get [(-o|--output=)json|yaml|wide|name] (TYPE [NAME | -l label] | TYPE/NAME ...) [flags]",
         {filename, selector, output, allNamespacesFlag(era), {"show-labels", 0, T::Bool}, {"watch", 'w', T::Bool},
          {"no-headers", 0, T::Bool}, {"show-all", 'a', T::Bool}, {"label-columns", 'L', T::StringArray}}},
        {"describe", runDescribe, "Show details of a specific resource or group of resources",
         "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)", {filename, selector, allNamespacesFlag(era)}},
        {"apply", runApply, "Apply a configuration to a resource by filename or stdin", "kubectl apply -f FILENAME",
         {filename, output, {"record", 0, T::Bool}, {"validate", 0, T::Bool}, {"dry-run", 0, T::String}}},
        {"create", runApply, "Create a resource by filename or stdin", "kubectl create -f FILENAME",
         {filename, output, {"record", 0, T::Bool}, {"validate", 0, T::Bool}, {"save-config", 0, T::Bool}}},
        {"delete", runDelete, "Delete resources by filenames, stdin, resources and names, or by resources and label selector",
         "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)])",
         {filename, selector, {"all", 0, T::Bool}, {"now", 0, T::Bool}, {"grace-period", 0, T::Int}, {"force", 0, T::Bool},
          {"wait", 0, T::Bool}, {"cascade", 0, T::String}}},
        {"scale", runScale, "Set a new size for a Deployment, ReplicaSet, or Replication Controller",
         "kubectl scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
         {filename, {"replicas", 0, T::Int}, {"current-replicas", 0, T::Int}}},
        {"run", runRun, era == Era::Legacy ? "Run a particular image on the cluster" : "Run a particular image on the cluster",
         "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--replicas=replicas] [--labels=key=value]",
         {{"image", 0, T::String}, {"port", 0, T::String}, {"replicas", 'r', T::Int}, {"labels", 'l', T::String},
          {"env", 0, T::StringArray}, {"restart", 0, T::String}, {"expose", 0, T::Bool}, {"command", 0, T::Bool}}},
        {"expose", runExpose, "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes Service",
         "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP] [--target-port=number-or-name] [--name=name] [--type=type]",
         {filename, {"port", 0, T::String}, {"target-port", 0, T::String}, {"name", 0, T::String}, {"type", 0, T::String},
          {"protocol", 0, T::String}, {"selector", 0, T::String}, {"external-ip", 0, T::String}, {"cluster-ip", 0, T::String},
          {"session-affinity", 0, T::String}, {"labels", 'l', T::String}}},
        {"exec", runExec, "Execute a command in a container", "kubectl exec POD [-c CONTAINER] -- COMMAND [args...]",
         {{"container", 'c', T::String}, {"stdin", 'i', T::Bool}, {"tty", 't', T::Bool}}},
        {"port-forward", runPortForward, "Forward one or more local ports to a pod", "kubectl port-forward POD [LOCAL_PORT:]REMOTE_PORT [...]",
         {}},
        {"rollout", runRollout, "Manage a deployment rollout", "kubectl rollout SUBCOMMAND (status|history|undo) deployment/NAME",
         {{"revision", 0, T::Int}, {"to-revision", 0, T::Int}, {"watch", 'w', T::Bool}}},
        {"label", runLabel, "Update the labels on a resource",
         "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N",
         {filename, selector, {"overwrite", 0, T::Bool}, {"all", 0, T::Bool}, {"list", 0, T::Bool}}},
        {"logs", runLogs, "Print the logs for a container in a pod", "kubectl logs [-f] [-p] POD [-c CONTAINER]",
         {{"container", 'c', T::String}, {"follow", 'f', T::Bool}, {"previous", 'p', T::Bool}, {"tail", 0, T::Int},
          {"timestamps", 0, T::Bool}}},
        {"version", runVersion, "Print the client and server version information", "kubectl version", {{"short", 0, T::Bool}, {"client", 0, T::Bool}}},
        {"cluster-info", runClusterInfo, "Display cluster info", "kubectl cluster-info", {}},
    };
}

std::string topLevelHelp(Era era) {
    std::string out = "kubectl controls the Kubernetes cluster manager (simulated by kubenetsim).\n\nCommands:\n";
    for (const auto& v : verbTable(era)) {
        std::string name = v.name;
        name.resize(std::max<std::size_t>(name.size() + 2, 16), ' ');
        out += "  " + name + v.summary + "\n";
    }
    out += "\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\n";
    return out;
}

std::string verbHelp(const VerbDef& v) {
    std::string out = std::string(v.summary) + ".\n\nUsage:\n  " + v.usage + "\n";
    if (!v.flags.empty()) {
        out += "\nOptions:\n";
        for (const auto& f : v.flags) {
            std::string line = "  ";
            line += f.shorthand ? std::string("-") + f.shorthand + ", " : "    ";
            line += "--" + f.name;
            out += line + "\n";
        }
    }
    return out;
}

// The flag error as the era's kubectl prints it: cobra's "Error: ..." followed by the usage in
// 1.5; a one-line hint in today's kubectl.
CommandResult flagError(Era era, const VerbDef& v, const std::string& message) {
    if (era == Era::Legacy) return fail("Error: " + message + "\n\n\nUsage:\n  " + v.usage);
    return fail("error: " + message + "\nSee 'kubectl " + std::string(v.name) + " --help' for usage.");
}

} // namespace

CommandResult ok(std::string out) { return CommandResult{std::move(out), {}, 0}; }

CommandResult fail(const std::string& message) {
    std::string text = message;
    // Messages that carry their own prefix (server errors, validation errors, the long usage
    // texts) are printed as they are.
    const bool prefixed = text.rfind("error: ", 0) == 0 || text.rfind("Error", 0) == 0 || text.rfind("The ", 0) == 0 ||
                          text.rfind("You must", 0) == 0;
    if (!prefixed) text = "error: " + text;
    if (text.empty() || text.back() != '\n') text += '\n';
    return CommandResult{{}, text, 1};
}

CommandResult usageError(const Context& ctx, const std::string& message) {
    return fail("error: " + message + "\nSee 'kubectl " + ctx.verb + " -h' for help and examples.");
}

std::string unknownTypeError(const std::string& word) { return "error: the server doesn't have a resource type \"" + word + "\""; }

CommandResult runKubectl(Simulation& sim, const KubectlInput& input) {
    const ContainerCommands builtin = builtinContainerCommands();
    return runKubectl(sim, input, builtin);
}

CommandResult runKubectl(Simulation& sim, const KubectlInput& input, const ContainerCommands& containers) {
    const Era era = sim.era();
    std::vector<std::string> rest(input.argv.begin() + (input.argv.empty() ? 0 : 1), input.argv.end());
    // The verb is the first word that is not a flag (global flags may precede it).
    std::size_t verbAt = 0;
    while (verbAt < rest.size() && rest[verbAt].size() > 1 && rest[verbAt][0] == '-') {
        const std::string& w = rest[verbAt];
        const bool takesValue = w == "-n" || w == "--namespace" || w == "--context" || w == "--kubeconfig" || w == "-s" || w == "--server";
        verbAt += takesValue ? 2 : 1;
    }
    if (verbAt >= rest.size()) {
        for (const auto& w : rest)
            if (w == "--help" || w == "-h") return ok(topLevelHelp(era));
        if (rest.empty()) return ok(topLevelHelp(era));
        return fail(era == Era::Legacy ? "Error: unknown command for \"kubectl\"" : "error: unknown command for \"kubectl\"");
    }
    const std::string verb = rest[verbAt];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(verbAt));
    if (verb == "help") {
        if (rest.empty()) return ok(topLevelHelp(era));
        for (const auto& v : verbTable(era))
            if (rest[0] == v.name) return ok(verbHelp(v));
        return fail("Error: unknown help topic \"" + rest[0] + "\"");
    }
    const auto table = verbTable(era);
    const VerbDef* def = nullptr;
    for (const auto& v : table)
        if (verb == v.name) def = &v;
    if (!def) {
        if (era == Era::Legacy) return fail("Error: unknown command \"" + verb + "\" for \"kubectl\"\nRun 'kubectl --help' for usage.");
        return fail("error: unknown command \"" + verb + "\" for \"kubectl\"");
    }
    std::vector<FlagSpec> specs = globalFlags(era);
    specs.insert(specs.end(), def->flags.begin(), def->flags.end());
    auto parsed = parseFlags(rest, specs);
    if (!parsed) return flagError(era, *def, parsed.error());
    if (parsed->flag("help")) return ok(verbHelp(*def));

    Context ctx{sim, containers, verb, std::move(*parsed), "default", false, input.stdinText, input.hasStdin};
    if (auto ns = ctx.args.get("namespace")) ctx.ns = *ns;
    ctx.allNamespaces = ctx.args.flag("all-namespaces");
    return def->run(ctx);
}

SimTime kubectlDuration(const Simulation& sim, const std::vector<std::string>& argv) {
    const SimTime base = sim.config().latency.commandDefault;
    for (const auto& w : argv) {
        if (w == "apply" || w == "create") return base + SimTime::ms(200);  // read, diff and write
        if (w == "delete") return base + SimTime::ms(100);
        if (w == "get" || w == "describe" || w == "logs" || w == "version") return base;
    }
    return base;
}

// ---- shared helpers of the verbs ----------------------------------------------------------------

Expected<std::vector<ResourceRef>, std::string> resolveResourceArgs(const Context& ctx, const std::vector<std::string>& words,
                                                                    bool allowTypeOnly) {
    std::vector<ResourceRef> out;
    if (words.empty()) return out;
    const bool slashForm = words[0].find('/') != std::string::npos;
    if (slashForm) {
        for (const auto& w : words) {
            const auto slash = w.find('/');
            if (slash == std::string::npos)
                return std::string("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
            const std::string type = w.substr(0, slash), name = w.substr(slash + 1);
            auto kind = resolveResourceType(type, ctx.era());
            if (!kind) return unknownTypeError(type);
            if (name.empty()) return std::string("error: arguments in resource/name form must have a single resource and name");
            out.push_back({*kind, name});
        }
        return out;
    }
    // TYPE[,TYPE...] NAME...; a second word holding '/' is the mixed form kubectl rejects.
    std::vector<Kind> kinds;
    std::size_t start = 0;
    std::string typeWord = words[0];
    while (start <= typeWord.size()) {
        auto comma = typeWord.find(',', start);
        std::string t = typeWord.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto kind = resolveResourceType(t, ctx.era());
        if (!kind) return unknownTypeError(t);
        kinds.push_back(*kind);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (words.size() == 1) {
        if (!allowTypeOnly) return std::string("error: resource(s) were provided, but no name, label selector, or --all flag specified");
        for (Kind k : kinds) out.push_back({k, ""});
        return out;
    }
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i].find('/') != std::string::npos)
            return std::string("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
        for (Kind k : kinds) out.push_back({k, words[i]});
    }
    return out;
}

Expected<std::optional<LabelSelector>, std::string> selectorOf(const Context& ctx) {
    auto text = ctx.args.get("selector");
    if (!text) return std::optional<LabelSelector>{};
    auto sel = parseLabelSelector(*text, ctx.era());
    if (!sel) return "error: " + sel.error();
    return std::optional<LabelSelector>{*sel};
}

std::string scopeNamespace(const Context& ctx, Kind kind) {
    if (!isNamespaced(kind)) return {};
    return ctx.allNamespaces ? std::string{} : ctx.ns;
}

std::vector<std::string> listKeys(Context& ctx, Kind kind, const LabelSelector* sel) {
    const std::string ns = scopeNamespace(ctx, kind);
    Api api = ctx.api();
    return visitKind(kind, [&](auto tag) {
        using Obj = typename decltype(tag)::type;
        std::vector<std::string> keys;
        for (const Obj* o : api.list<Obj>(ns, sel)) keys.push_back(objectKey(*o));
        return keys;
    });
}

bool objectExists(Context& ctx, Kind kind, const std::string& ns, const std::string& name) {
    Api api = ctx.api();
    return visitKind(kind, [&](auto tag) {
        using Obj = typename decltype(tag)::type;
        return api.get<Obj>(ns, name) != nullptr;
    });
}

} // namespace kns::kubectl
