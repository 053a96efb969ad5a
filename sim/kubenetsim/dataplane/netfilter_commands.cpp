#include <kubenetsim/dataplane/netfilter_commands.hpp>

#include <cstdio>
#include <ctime>
#include <optional>

#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/dataplane/fabric.hpp>
#include <kubenetsim/netfilter/list.hpp>
#include <kubenetsim/netfilter/restore.hpp>
#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/util/host_file.hpp>

namespace kns::dataplane {

using shell::CommandResult;

namespace {

CommandResult fail(const std::string& err, int status) { return CommandResult{"", err, status}; }

const char* const kRestoreTryHelp = "Try `iptables-restore -h' for more information.\n";

// Options the real iptables-restore has and the simulation does not model: named as such
// rather than called unknown.
std::optional<std::string> unmodelledRestoreOption(const std::string& a) {
    static const char* const kReal[] = {"-v", "--verbose", "-V", "--version", "-t", "--test", "-h", "--help", "-T", "--table",
                                        "-M", "--modprobe", "-4", "--ipv4", "-6", "--ipv6", "-w", "--wait", "-W", "--wait-interval"};
    const std::string name = a.substr(0, a.find('='));
    for (const char* r : kReal)
        if (name == r)
            return "iptables-restore: option " + name + " is not modelled; kubenetsim's iptables-restore takes --noflush (-n), --counters (-c) and a FILE\n";
    return std::nullopt;
}

} // namespace

std::string ctimeText(std::int64_t epochSeconds, int tzOffsetMinutes) {
    std::time_t t = static_cast<std::time_t>(epochSeconds + tzOffsetMinutes * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char b[64];
    std::snprintf(b, sizeof b, "%s %s %2d %02d:%02d:%02d %d", kDays[tm.tm_wday], kMonths[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min,
                  tm.tm_sec, tm.tm_year + 1900);
    return b;
}

CommandResult iptablesSave(Simulation& sim, const std::string& node, const std::vector<std::string>& argv) {
    net::NetNamespace* ns = findNodeNamespace(sim, node);
    if (!ns) return fail("iptables-save: no network namespace for node " + node + "\n", 1);
    netfilter::SaveOptions o;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "-c" || a == "--counters") o.counters = true;
        else if ((a == "-t" || a == "--table") && i + 1 < argv.size()) {
            auto t = netfilter::parseTableName(argv[++i]);
            if (!t) return fail("iptables-save v1.8.9 (nf_tables): table '" + argv[i] + "' does not exist\n", 1);
            o.onlyTable = *t;
        } else if (a.rfind("--table=", 0) == 0) {
            auto t = netfilter::parseTableName(a.substr(8));
            if (!t) return fail("iptables-save v1.8.9 (nf_tables): table '" + a.substr(8) + "' does not exist\n", 1);
            o.onlyTable = *t;
        } else {
            return fail("iptables-save v1.8.9 (nf_tables): unrecognized option '" + a + "'\n"
                        "Usage: iptables-save [-c] [-t table] [-M program] [-f file]\n", 1);
        }
    }
    o.timestamp = ctimeText(sim.wallSeconds(sim.now()), sim.config().tzOffsetMinutes);
    return CommandResult{netfilter::saveRuleset(ns->rules, o), "", 0};
}

CommandResult iptablesRestore(Simulation& sim, const std::string& node, const std::vector<std::string>& argv, const std::string& input) {
    net::NetNamespace* ns = findNodeNamespace(sim, node);
    if (!ns) return fail("iptables-restore: no network namespace for node " + node + "\n", 1);
    // Options as getopt_long reads them (anywhere on the line, short ones bundled, `--` ends
    // them); what is left is the input file, read instead of standard input.
    netfilter::RestoreOptions o;
    std::vector<std::string> operands;
    bool optionsEnded = false;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (optionsEnded || a.size() < 2 || a[0] != '-') operands.push_back(a);
        else if (a == "--") optionsEnded = true;
        else if (a == "--noflush") o.noflush = true;
        else if (a == "--counters") o.counters = true;
        else if (auto e = unmodelledRestoreOption(a)) return fail(*e, 2);
        else if (a[1] == '-') return fail("iptables-restore: unrecognized option '" + a + "'\n" + kRestoreTryHelp, 1);
        else {
            for (std::size_t k = 1; k < a.size(); ++k) {
                if (a[k] == 'n') o.noflush = true;
                else if (a[k] == 'c') o.counters = true;
                else if (auto e = unmodelledRestoreOption(std::string("-") + a[k])) return fail(*e, 2);
                else return fail(std::string("iptables-restore: invalid option -- '") + a[k] + "'\n" + kRestoreTryHelp, 1);
            }
        }
    }
    // xtables-restore.c: one operand is the file, more are refused, none means standard input.
    if (operands.size() > 1) return fail("Unknown arguments found on commandline\n", 1);
    std::string fromFile;
    if (operands.size() == 1) {
        Expected<std::string> file = readHostFile(operands[0]);
        if (!file) return fail("Can't open " + operands[0] + ": " + file.error().message + "\n", 1);
        fromFile = std::move(*file);
    }
    netfilter::RestoreResult r = netfilter::restoreRuleset(ns->rules, operands.empty() ? input : fromFile, o);
    return CommandResult{"", r.ok ? "" : r.errorText, r.exitStatus};
}

CommandResult iptables(Simulation& sim, const std::string& node, const std::vector<std::string>& argv) {
    net::NetNamespace* ns = findNodeNamespace(sim, node);
    if (!ns) return fail("iptables: no network namespace for node " + node + "\n", 1);
    netfilter::TableId tableId = netfilter::TableId::Filter;
    netfilter::ListOptions lo;
    char command = 0;
    std::optional<std::string> chain;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        std::string a = argv[i];
        if (a == "-t" || a == "--table") {
            if (i + 1 >= argv.size()) return fail("iptables v1.8.9 (nf_tables): option \"-t\" requires an argument\n", 2);
            auto t = netfilter::parseTableName(argv[++i]);
            if (!t) return fail("iptables v1.8.9 (nf_tables): table '" + argv[i] + "' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", 3);
            tableId = *t;
        } else if (a == "-L" || a == "--list" || a == "-S" || a == "--list-rules" || a == "-Z" || a == "--zero") {
            command = a == "-L" || a == "--list" ? 'L' : a == "-S" || a == "--list-rules" ? 'S' : 'Z';
            if (i + 1 < argv.size() && argv[i + 1][0] != '-') chain = argv[++i];
        } else if (a == "--line-numbers") {
            lo.lineNumbers = true;
        } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
            // Bundled short flags: -nvL, -vnx ...
            for (std::size_t k = 1; k < a.size(); ++k) {
                switch (a[k]) {
                case 'n': lo.numeric = true; break;
                case 'v': lo.verbose = true; break;
                case 'x': lo.exact = true; break;
                case 'L': command = 'L'; break;
                case 'S': command = 'S'; break;
                case 'Z': command = 'Z'; break;
                default: return fail("iptables v1.8.9 (nf_tables): unknown option \"" + a + "\"\nTry `iptables -h' or 'iptables --help' for more information.\n", 2);
                }
            }
            if ((command == 'L' || command == 'S' || command == 'Z') && i + 1 < argv.size() && argv[i + 1][0] != '-') chain = argv[++i];
        } else {
            return fail("iptables v1.8.9 (nf_tables): unknown option \"" + a + "\"\nTry `iptables -h' or 'iptables --help' for more information.\n", 2);
        }
    }
    if (!command) return fail("iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", 2);
    netfilter::Table& table = ns->rules.ensureTable(tableId);
    if (command == 'Z') {
        for (const auto& c : table.chains()) {
            if (chain && c.name != *chain) continue;
            netfilter::Chain* m = table.find(c.name);
            m->counters = {};
            for (auto& r : m->rules) r.counters = {};
        }
        return CommandResult{};
    }
    auto out = command == 'L' ? netfilter::listChains(table, chain, lo) : netfilter::listRulesS(table, chain);
    if (!out) return fail(out.error().message + "\n", 1);
    return CommandResult{*out, "", 0};
}

CommandResult conntrack(Simulation& sim, const std::string& node, const std::vector<std::string>& argv) {
    net::NetNamespace* ns = findNodeNamespace(sim, node);
    if (!ns) return fail("conntrack: no network namespace for node " + node + "\n", 1);
    if (argv.size() < 2 || (argv[1] != "-L" && argv[1] != "--dump"))
        return fail("conntrack v1.4.7 (conntrack-tools): kubenetsim supports `conntrack -L`\n", 2);
    ns->conntrack.expire(sim.now());  // an entry due this instant whose expiry event has not run yet
    std::string out;
    std::size_t n = 0;
    for (const auto& [id, e] : ns->conntrack.entries())
        if (e.confirmed) {
            out += net::formatConntrackEntry(e, sim.now()) + "\n";
            ++n;
        }
    return CommandResult{out, "conntrack v1.4.7 (conntrack-tools): " + std::to_string(n) + " flow entries have been shown.\n", 0};
}

} // namespace kns::dataplane
