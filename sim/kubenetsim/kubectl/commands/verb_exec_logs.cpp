// kubectl exec POD [-c C] -- CMD ... and kubectl logs POD [-c C].
#include <kubenetsim/kubectl/commands/command_context.hpp>
#include <kubenetsim/kubectl/commands/output.hpp>

#include <cstdio>

namespace kns::kubectl {

namespace {

// The container a command addresses: -c NAME, else the only one, else the first (with the
// era's notice on stderr). nullptr with err set when -c names no container of the pod.
const Container* pickContainer(const Context& ctx, const Pod& pod, std::string& notice, std::string& err) {
    if (auto name = ctx.args.get("container")) {
        for (const auto& c : pod.spec.containers)
            if (c.name == *name) return &c;
        err = "Error from server (BadRequest): container " + *name + " is not valid for pod " + pod.meta.name;
        return nullptr;
    }
    if (pod.spec.containers.size() > 1) {
        if (ctx.verb == "logs") {
            std::string names;
            for (const auto& c : pod.spec.containers) names += (names.empty() ? "" : " ") + c.name;
            err = "Error from server (BadRequest): a container name must be specified for pod " + pod.meta.name + ", choose one of: [" + names + "]";
            return nullptr;
        }
        if (ctx.era() == Era::Legacy) {
            notice = "Defaulting container name to " + pod.spec.containers[0].name + ".\n";
        } else {
            std::string names;
            for (const auto& c : pod.spec.containers) names += (names.empty() ? "" : ", ") + c.name;
            notice = "Defaulted container \"" + pod.spec.containers[0].name + "\" out of: " + names + "\n";
        }
    }
    return &pod.spec.containers.front();
}

const ContainerStatus* statusOf(const Pod& pod, const std::string& container) {
    for (const auto& s : pod.status.containerStatuses)
        if (s.name == container) return &s;
    return nullptr;
}

// "2017-04-25T13:47:46" in UTC, from Unix seconds (civil-from-days, proleptic Gregorian).
std::string isoUtc(std::int64_t t) {
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) secs += 86400, --days;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(y), static_cast<long long>(m),
                  static_cast<long long>(d), static_cast<long long>(secs / 3600), static_cast<long long>((secs % 3600) / 60),
                  static_cast<long long>(secs % 60));
    return buf;
}

std::string envOr(const Container& c, const std::string& name, const std::string& fallback) {
    for (const auto& e : c.env)
        if (e.name == name) return e.value;
    return fallback;
}

// What the container has written so far. The simpleservice app (the tutorials' image) logs
// its start-up line through Python's logging; other images are silent. Deliberate
// simplification: request lines are not logged.
std::string containerLog(const Simulation& sim, const Container& c, const ContainerStatus& s) {
    if (c.image.find("simpleservice") == std::string::npos) return {};
    std::string version = c.image.substr(c.image.rfind(':') == std::string::npos ? c.image.size() : c.image.rfind(':') + 1);
    version = envOr(c, "SIMPLE_SERVICE_VERSION", version.empty() ? "0.5.0" : version);
    const std::string port = envOr(c, "PORT0", "9876");
    return isoUtc(sim.wallSeconds(s.startedAt)) + " INFO This is simple service in version v" + version + " listening on port " + port +
           " [at line 142]\n";
}

} // namespace

CommandResult runExec(Context& ctx) {
    std::vector<std::string> command = ctx.args.afterDashDash;
    const auto& words = ctx.args.positional;
    std::string deprecation;
    if (!ctx.args.sawDashDash && words.size() > 1) {
        command.assign(words.begin() + 1, words.end());
        if (ctx.era() == Era::Modern)
            deprecation = "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n";
    }
    if (words.empty() || command.empty())
        return usageError(ctx, "expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command");
    std::string podName = words[0];
    if (auto slash = podName.find('/'); slash != std::string::npos) {
        auto kind = resolveResourceType(podName.substr(0, slash), ctx.era());
        if (!kind) return fail(unknownTypeError(podName.substr(0, slash)));
        if (*kind != Kind::Pod) return fail("error: cannot exec into " + podName.substr(0, slash) + " (only pods are supported here)");
        podName = podName.substr(slash + 1);
    }
    const Pod* pod = ctx.api().get<Pod>(ctx.ns, podName);
    if (!pod) return fail(notFoundError(Kind::Pod, podName, ctx.era()));
    std::string notice, err;
    const Container* container = pickContainer(ctx, *pod, notice, err);
    if (!container) return fail(err);
    const ContainerStatus* status = statusOf(*pod, container->name);
    if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed")
        return fail("error: cannot exec into a container in a completed pod; current phase is " + pod->status.phase);
    if (!status || status->state != "running")
        return fail("error: unable to upgrade connection: container not found (\"" + container->name + "\")");

    std::string program = command[0];
    if (auto slash = program.rfind('/'); slash != std::string::npos) program = program.substr(slash + 1);
    const ContainerCommandFn* fn = ctx.containers.find(program);
    if (!fn) {
        CommandResult r;
        r.err = deprecation + notice;
        if (ctx.era() == Era::Legacy)
            r.err += "rpc error: code = 2 desc = oci runtime error: exec failed: container_linux.go:247: starting container process caused \"exec: \\\"" +
                     command[0] + "\\\": executable file not found in $PATH\"\n\n";
        else
            r.err += "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + command[0] +
                     "\": executable file not found in $PATH: unknown\n";
        r.err += "command terminated with exit code 126\n";
        r.status = 126;
        return r;
    }
    ContainerInvocation inv{ctx.sim, *pod, *container, command, ctx.stdinText};
    CommandResult r = (*fn)(inv);
    r.err = deprecation + notice + r.err;
    if (r.status != 0) r.err += "command terminated with exit code " + std::to_string(r.status) + "\n";
    return r;
}

CommandResult runLogs(Context& ctx) {
    const auto& words = ctx.args.positional;
    if (words.empty()) return usageError(ctx, "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
    if (ctx.args.flag("follow")) return fail("error: following logs (-f) is not available in kubenetsim; run the command again to see new lines");
    std::string podName = words[0];
    if (auto slash = podName.find('/'); slash != std::string::npos) {
        auto kind = resolveResourceType(podName.substr(0, slash), ctx.era());
        if (!kind) return fail(unknownTypeError(podName.substr(0, slash)));
        if (*kind != Kind::Pod) return fail("error: cannot get logs of " + podName.substr(0, slash) + " (only pods are supported here)");
        podName = podName.substr(slash + 1);
    }
    if (words.size() > 1 && !ctx.args.has("container")) ctx.args.values["container"].push_back(words[1]);
    const Pod* pod = ctx.api().get<Pod>(ctx.ns, podName);
    if (!pod) return fail(notFoundError(Kind::Pod, podName, ctx.era()));
    std::string notice, err;
    const Container* container = pickContainer(ctx, *pod, notice, err);
    if (!container) return fail(err);
    const ContainerStatus* status = statusOf(*pod, container->name);
    if (!status || status->state == "waiting") {
        const std::string reason = status && !status->reason.empty() ? status->reason : "ContainerCreating";
        return fail("Error from server (BadRequest): container \"" + container->name + "\" in pod \"" + pod->meta.name +
                    "\" is waiting to start: " + reason);
    }
    std::string text = containerLog(ctx.sim, *container, *status);
    if (auto tail = ctx.args.get("tail")) {
        const int n = std::stoi(*tail);
        if (n >= 0) {
            std::vector<std::string> lines;
            std::size_t start = 0;
            while (start < text.size()) {
                auto nl = text.find('\n', start);
                lines.push_back(text.substr(start, nl - start + 1));
                start = nl + 1;
            }
            text.clear();
            for (std::size_t i = lines.size() > static_cast<std::size_t>(n) ? lines.size() - n : 0; i < lines.size(); ++i) text += lines[i];
        }
    }
    return CommandResult{text, notice, 0};
}

} // namespace kns::kubectl
