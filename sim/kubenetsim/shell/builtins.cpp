// The shell's own commands besides the text filters: echo, seq, sleep, history, help, clear,
// exit, true, false. Messages follow bash and GNU coreutils.
#include <kubenetsim/shell/builtins.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <kubenetsim/shell/shell.hpp>

namespace kns::shell {

namespace {

constexpr long kMaxSeqNumbers = 100000;  // a guard against runaway loops, not a GNU limit

CommandResult fail(std::string err, int status) {
    CommandResult r;
    r.err = std::move(err);
    r.status = status;
    return r;
}

// echo [-n] [-e] [-E] ARG...: bash's builtin; options only before the first other argument.
CommandResult echo(Invocation& inv) {
    bool newline = true, escapes = false;
    std::size_t i = 1;
    for (; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a.size() < 2 || a[0] != '-' || a.find_first_not_of("neE", 1) != std::string::npos) break;
        for (std::size_t k = 1; k < a.size(); ++k) {
            if (a[k] == 'n') newline = false;
            else escapes = a[k] == 'e';
        }
    }
    std::string out;
    for (std::size_t first = i; i < inv.argv.size(); ++i) out += (i == first ? "" : " ") + inv.argv[i];
    if (escapes) {
        std::string decoded;
        for (std::size_t k = 0; k < out.size(); ++k) {
            if (out[k] != '\\' || k + 1 >= out.size()) { decoded += out[k]; continue; }
            const char c = out[++k];
            if (c == 'n') decoded += '\n';
            else if (c == 't') decoded += '\t';
            else if (c == '\\') decoded += '\\';
            else if (c == 'c') { newline = false; break; }
            else { decoded += '\\'; decoded += c; }
        }
        out = decoded;
    }
    if (newline) out += '\n';
    return CommandResult{out, "", 0};
}

bool parseInteger(const std::string& s, long& out) {
    if (s.empty() || s.size() > 12) return false;
    std::size_t k = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (k == s.size()) return false;
    for (std::size_t j = k; j < s.size(); ++j)
        if (!std::isdigit(static_cast<unsigned char>(s[j]))) return false;
    out = std::strtol(s.c_str(), nullptr, 10);
    return true;
}

// seq [FIRST [INCREMENT]] LAST. Simplification: integers only.
CommandResult seq(Invocation& inv) {
    const std::string tryHelp = "Try 'seq --help' for more information.\n";
    const std::size_t n = inv.argv.size() - 1;
    if (n == 0) return fail("seq: missing operand\n" + tryHelp, 1);
    if (n > 3) return fail("seq: extra operand '" + inv.argv[4] + "'\n" + tryHelp, 1);
    long v[3] = {1, 1, 0};
    for (std::size_t i = 0; i < n; ++i) {
        long x = 0;
        if (!parseInteger(inv.argv[i + 1], x)) return fail("seq: invalid floating point argument: '" + inv.argv[i + 1] + "'\n" + tryHelp, 1);
        v[i] = x;
    }
    long first = 1, step = 1, last = 0;
    if (n == 1) last = v[0];
    else if (n == 2) { first = v[0]; last = v[1]; }
    else { first = v[0]; step = v[1]; last = v[2]; }
    if (step == 0) return fail("seq: invalid Zero increment value: '" + inv.argv[2] + "'\n" + tryHelp, 1);
    const long count = (step > 0 ? last - first : first - last) / std::labs(step) + 1;
    if (count > kMaxSeqNumbers) return fail("seq: at most " + std::to_string(kMaxSeqNumbers) + " numbers in this shell\n", 1);
    std::string out;
    for (long x = first; step > 0 ? x <= last : x >= last; x += step) out += std::to_string(x) + "\n";
    return CommandResult{out, "", 0};
}

// sleep NUMBER[SUFFIX]...: waits the sum in simulated time (s, m, h, d as GNU sleep; fractions ok).
CommandResult sleep(Invocation& inv) {
    const std::string tryHelp = "Try 'sleep --help' for more information.\n";
    if (inv.argv.size() < 2) return fail("sleep: missing operand\n" + tryHelp, 1);
    SimTime total = SimTime::zero();
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        char* end = nullptr;
        const double v = std::strtod(a.c_str(), &end);
        const std::string unit(end ? end : "");
        double scale = 0;
        if (unit.empty() || unit == "s") scale = 1;
        else if (unit == "m") scale = 60;
        else if (unit == "h") scale = 3600;
        else if (unit == "d") scale = 86400;
        const bool numeric = end != a.c_str() && (std::isdigit(static_cast<unsigned char>(a[0])) || a[0] == '.');
        if (!numeric || scale == 0 || !std::isfinite(v) || v * scale > 1e9)
            return fail("sleep: invalid time interval '" + a + "'\n" + tryHelp, 1);
        total += SimTime::fromSeconds(v * scale);
    }
    inv.shell.addTime(total);
    return {};
}

// history [N]: bash's numbering and layout ("%5d  %s").
CommandResult history(Invocation& inv) {
    const auto& h = inv.shell.history();
    std::size_t start = 0;
    if (inv.argv.size() > 2) return fail("bash: history: too many arguments\n", 1);
    if (inv.argv.size() == 2) {
        long n = 0;
        if (!parseInteger(inv.argv[1], n) || n < 0) return fail("bash: history: " + inv.argv[1] + ": numeric argument required\n", 1);
        if (static_cast<std::size_t>(n) < h.size()) start = h.size() - static_cast<std::size_t>(n);
    }
    std::string out;
    for (std::size_t i = start; i < h.size(); ++i) {
        char num[32];
        std::snprintf(num, sizeof num, "%5zu", i + 1);
        out += std::string(num) + "  " + h[i] + "\n";
    }
    return CommandResult{out, "", 0};
}

CommandResult help(Invocation& inv) {
    const auto& commands = inv.shell.commands();
    if (inv.argv.size() >= 2) {
        CommandResult r;
        for (std::size_t i = 1; i < inv.argv.size(); ++i) {
            const std::string& name = inv.argv[i];
            auto it = commands.find(name);
            if (it == commands.end())
                return fail("bash: help: no help topics match `" + name + "'.  Try `help help' or `man -k " + name + "' or `info " + name + "'.\n", 1);
            r.out += name + ": " + it->second.summary + "\n";
            if (!it->second.usage.empty()) r.out += "Usage: " + it->second.usage + "\n";
        }
        return r;
    }
    std::size_t width = 0;
    for (const auto& [name, info] : commands) width = std::max(width, name.size());
    std::string out = "Commands of the kubenetsim shell:\n";
    for (const auto& [name, info] : commands) out += "  " + name + std::string(width - name.size() + 2, ' ') + info.summary + "\n";
    out += "Pipes (|), sequences (; && ||), for loops, quotes and $VAR work as in bash; sudo is accepted.\n";
    out += "Type `help NAME' for the usage of a command.\n";
    return CommandResult{out, "", 0};
}

CommandResult clear(Invocation& inv) {
    inv.shell.requestClear();
    return {};
}

CommandResult exitCommand(Invocation& inv) {
    long status = inv.shell.lastStatus();
    if (inv.argv.size() > 2) return fail("bash: exit: too many arguments\n", 1);
    if (inv.argv.size() == 2 && !parseInteger(inv.argv[1], status)) {
        inv.shell.requestExit(2);
        return fail("bash: exit: " + inv.argv[1] + ": numeric argument required\n", 2);
    }
    const int code = static_cast<int>(status & 0xff);
    inv.shell.requestExit(code);
    return CommandResult{"", "", code};
}

CommandInfo untimed(CommandFn fn, std::string summary, std::string usage) {
    CommandInfo info{std::move(fn), std::move(summary), std::move(usage)};
    info.timed = false;
    return info;
}

} // namespace

void registerShellBuiltins(Shell& shell) {
    shell.registerCommand("echo", untimed(echo, "print its arguments", "echo [-n] [-e] [ARG]..."));
    shell.registerCommand("seq", untimed(seq, "print a sequence of numbers", "seq [FIRST [INCREMENT]] LAST"));
    // sleep declares its own duration with addTime().
    shell.registerCommand("sleep", untimed(sleep, "wait a number of simulated seconds", "sleep NUMBER[s|m|h|d]..."));
    shell.registerCommand("history", untimed(history, "list the commands typed so far", "history [N]"));
    shell.registerCommand("help", untimed(help, "list the commands, or show how to use one", "help [NAME]..."));
    shell.registerCommand("clear", untimed(clear, "clear the screen", "clear"));
    shell.registerCommand("exit", untimed(exitCommand, "leave the shell", "exit [N]"));
    shell.registerCommand("true", untimed([](Invocation&) { return CommandResult{}; }, "do nothing, successfully", "true"));
    shell.registerCommand("false", untimed([](Invocation&) { return CommandResult{"", "", 1}; }, "do nothing, unsuccessfully", "false"));
}

void registerBuiltins(Shell& shell) {
    registerShellBuiltins(shell);
    registerTextFilters(shell);
}

} // namespace kns::shell
