#include <kubenetsim/shell/shell.hpp>

#include <kubenetsim/shell/builtins.hpp>
#include <kubenetsim/shell/executor.hpp>
#include <kubenetsim/shell/parser.hpp>

namespace kns::shell {

Shell::Shell(Simulation& sim) : m_sim(sim) { registerBuiltins(*this); }

CommandResult Shell::run(const std::string& line, const OutputFn& onOutput) {
    CommandResult result;
    std::string entry = line;
    while (!entry.empty() && (entry.back() == '\n' || entry.back() == '\r')) entry.pop_back();
    if (entry.find_first_not_of(" \t\r\n") != std::string::npos) m_history.push_back(entry);

    auto script = parseScript(line);
    if (!script) {
        // Nothing of a line with a syntax error runs (bash parses the whole line first).
        result.err = "bash: " + script.error().full() + "\n";
        result.status = m_lastStatus = 2;
        if (onOutput) onOutput(result.err, true);
        return result;
    }
    Executor(*this, onOutput, result).runScript(*script, nullptr);
    result.status = m_lastStatus;
    return result;
}

void Shell::registerCommand(const std::string& name, CommandInfo info) { m_commands[name] = std::move(info); }

const CommandInfo* Shell::findCommand(const std::string& name) const {
    auto it = m_commands.find(name);
    return it == m_commands.end() ? nullptr : &it->second;
}

void Shell::addTime(SimTime d) { m_commandTime = m_commandTime.value_or(SimTime::zero()) + d; }

const std::string& hostNode(const Invocation& inv) {
    return inv.host.empty() ? inv.shell.sim().config().shellNode : inv.host;
}

CommandResult usageError(const Invocation& inv, const std::string& message) {
    CommandResult r;
    const std::string& name = inv.argv.empty() ? std::string() : inv.argv[0];
    r.err = name + ": " + message + "\n";
    if (const CommandInfo* info = inv.shell.findCommand(name); info && !info->usage.empty())
        r.err += "Usage: " + info->usage + "\n";
    r.status = 2;
    return r;
}

std::string withFinalNewline(std::string text) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    return text;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

} // namespace kns::shell
