// `sim`: the what-if controls a learner types next to kubectl. They act on the simulation
// directly (no API round trip) and take no simulated time of their own, except `sim advance`.
#include <kubenetsim/shell/sim_command.hpp>

#include <cassert>
#include <cstdio>
#include <ctime>

#include <kubenetsim/controllers/what_if.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::shell {

namespace {

const char* kUsage =
    "sim node down|up NODE | sim pod unready|ready [-n NAMESPACE] POD | sim snapshot NAME | "
    "sim restore NAME | sim snapshots | sim time | sim advance DURATION";

CommandResult ok(std::string out) { return CommandResult{std::move(out), "", 0}; }
CommandResult failure(std::string err) { return CommandResult{"", std::move(err), 1}; }

CommandResult nodeControl(Invocation& inv) {
    if (inv.argv.size() != 4 || (inv.argv[2] != "down" && inv.argv[2] != "up"))
        return usageError(inv, "expected `sim node down NODE' or `sim node up NODE'");
    const std::string& node = inv.argv[3];
    if (!inv.shell.sim().objects().nodes.count(node)) return failure("sim: node \"" + node + "\" not found\n");
    const bool down = inv.argv[2] == "down";
    if (auto e = setNodeDown(inv.shell.sim(), node, down)) return failure("sim: " + e->full() + "\n");
    return ok("node \"" + node + "\" is " + (down ? "down: its kubelet stopped reporting" : "up: its kubelet reports again") + "\n");
}

CommandResult podControl(Invocation& inv) {
    std::string ns = "default";
    std::vector<std::string> rest;
    for (std::size_t i = 3; i < inv.argv.size(); ++i) {
        if (inv.argv[i] == "-n" || inv.argv[i] == "--namespace") {
            if (i + 1 >= inv.argv.size()) return usageError(inv, "flag needs an argument: " + inv.argv[i]);
            ns = inv.argv[++i];
        } else {
            rest.push_back(inv.argv[i]);
        }
    }
    if (inv.argv.size() < 3 || (inv.argv[2] != "unready" && inv.argv[2] != "ready") || rest.size() != 1)
        return usageError(inv, "expected `sim pod unready POD' or `sim pod ready POD'");
    std::string key = rest[0];
    if (key.find('/') == std::string::npos) key = ns + "/" + key;
    if (!inv.shell.sim().objects().pods.count(key)) return failure("sim: pod \"" + key + "\" not found\n");
    const bool failing = inv.argv[2] == "unready";
    if (auto e = setPodReadinessFailing(inv.shell.sim(), key, failing)) return failure("sim: " + e->full() + "\n");
    return ok("pod \"" + key + "\": readiness probe " + (failing ? "now fails" : "succeeds again") + "\n");
}

CommandResult snapshot(Invocation& inv) {
    if (inv.argv.size() != 3) return usageError(inv, "expected `sim snapshot NAME'");
    Simulation& sim = inv.shell.sim();
    inv.shell.snapshots()[inv.argv[2]] = sim.snapshot();
    return ok("snapshot \"" + inv.argv[2] + "\" taken at " + sim.now().str() + "\n");
}

CommandResult restore(Invocation& inv) {
    if (inv.argv.size() != 3) return usageError(inv, "expected `sim restore NAME'");
    auto& snaps = inv.shell.snapshots();
    auto it = snaps.find(inv.argv[2]);
    if (it == snaps.end()) return failure("sim: no snapshot named \"" + inv.argv[2] + "\"\n");
    inv.shell.sim().restore(it->second);
    return ok("restored snapshot \"" + inv.argv[2] + "\" (simulated time " + inv.shell.sim().now().str() + ")\n");
}

CommandResult listSnapshots(Invocation& inv) {
    if (inv.argv.size() != 2) return usageError(inv, "expected `sim snapshots'");
    std::string out;
    for (const auto& [name, snap] : inv.shell.snapshots()) out += name + "\t" + snap.kernel.now.str() + "\n";
    return ok(out);
}

CommandResult time(Invocation& inv) {
    if (inv.argv.size() != 2) return usageError(inv, "expected `sim time'");
    const Simulation& sim = inv.shell.sim();
    return ok("simulated time: " + sim.now().str() + "\nwall clock:     " +
              formatWallClock(sim.wallSeconds(sim.now()), sim.config().tzOffsetMinutes) + "\n");
}

CommandResult advance(Invocation& inv) {
    if (inv.argv.size() != 3) return usageError(inv, "expected `sim advance DURATION' (e.g. 90s, 5m, 250ms)");
    SimTime d;
    if (!SimTime::parse(inv.argv[2], d)) return usageError(inv, "invalid duration \"" + inv.argv[2] + "\" (e.g. 90s, 5m, 250ms)");
    inv.shell.addTime(d);
    return {};
}

CommandResult sim(Invocation& inv) {
    if (inv.argv.size() < 2) return usageError(inv, "missing subcommand");
    const std::string& sub = inv.argv[1];
    if (sub == "node") return nodeControl(inv);
    if (sub == "pod") return podControl(inv);
    if (sub == "snapshot") return snapshot(inv);
    if (sub == "restore") return restore(inv);
    if (sub == "snapshots") return listSnapshots(inv);
    if (sub == "time") return time(inv);
    if (sub == "advance") return advance(inv);
    return usageError(inv, "unknown subcommand \"" + sub + "\"");
}

} // namespace

void registerSimCommands(Shell& shell) {
    CommandInfo info{sim, "what-if controls: node down/up, pod unready/ready, snapshots, time", kUsage};
    info.timed = false;
    shell.registerCommand("sim", std::move(info));
}

void addSimSubcommand(Shell& shell, const std::string& word, CommandFn fn, const std::string& usage) {
    const CommandInfo* existing = shell.findCommand("sim");
    assert(existing && "registerSimCommands() first");
    CommandInfo info = *existing;
    CommandFn previous = info.fn;
    info.fn = [word, fn = std::move(fn), previous = std::move(previous)](Invocation& inv) {
        if (inv.argv.size() >= 2 && inv.argv[1] == word) return fn(inv);
        return previous(inv);
    };
    info.usage += " | " + usage;
    shell.registerCommand("sim", std::move(info));
}

// "Tue, 25 Apr 2017 14:47:45 +0100" (RFC 1123 with a numeric zone, as kubectl describe shows).
std::string formatWallClock(std::int64_t epochSeconds, int tzOffsetMinutes) {
    const std::int64_t local = epochSeconds + std::int64_t{tzOffsetMinutes} * 60;
    // Civil date from days since 1970-01-01 (proleptic Gregorian calendar).
    std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const std::int64_t secs = local - days * 86400;
    const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int tz = tzOffsetMinutes < 0 ? -tzOffsetMinutes : tzOffsetMinutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %lld %02d:%02d:%02d %c%02d%02d", kDays[weekday], day, kMonths[month - 1],
                  static_cast<long long>(year), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60), tzOffsetMinutes < 0 ? '-' : '+', tz / 60, tz % 60);
    return buf;
}

} // namespace kns::shell
