#include <kubenetsim/shell/executor.hpp>

#include <algorithm>

#include <kubenetsim/util/host_file.hpp>

namespace kns::shell {

void Executor::runScript(const Script& script, std::string* capture) {
    for (const AndOr& item : script.items) {
        if (m_shell.exitRequested()) return;
        runAndOr(item, capture);
    }
}

void Executor::runAndOr(const AndOr& chain, std::string* capture) {
    int status = runPipeline(chain.pipelines[0], capture);
    for (std::size_t i = 0; i < chain.connectors.size(); ++i) {
        if (m_shell.exitRequested()) return;
        // `a && b` runs b only when a succeeded, `a || b` only when it failed; a skipped
        // pipeline leaves the status as it was (sh semantics).
        const bool run = chain.connectors[i] == Connector::And ? status == 0 : status != 0;
        if (run) status = runPipeline(chain.pipelines[i + 1], capture);
    }
}

int Executor::runPipeline(const Pipeline& pipeline, std::string* capture) {
    // Stages run one after the other at the same simulated instant, each reading the previous
    // one's output. The pipeline takes as long as its slowest stage (they would run in
    // parallel), applied once after the last stage.
    std::string data;
    bool hasData = false;
    SimTime longest = SimTime::zero();
    int status = 0;
    for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
        const bool last = i + 1 == pipeline.stages.size();
        std::string next;
        SimTime duration = SimTime::zero();
        status = runStage(pipeline.stages[i], hasData ? &data : nullptr, last ? capture : &next, duration);
        longest = std::max(longest, duration);
        if (!last) {
            data = std::move(next);
            hasData = true;
        }
    }
    if (longest > SimTime::zero()) m_shell.sim().runFor(longest);
    m_shell.m_lastStatus = status;
    return status;
}

int Executor::runStage(const Command& command, const std::string* stdinText, std::string* capture, SimTime& duration) {
    if (command.loop) return runLoop(*command.loop, capture);
    std::vector<std::string> argv = expand(command.words);
    std::optional<std::string> fromFile;
    if (!command.inputs.empty()) {
        // `< FILE` replaces whatever a pipe would have delivered.
        fromFile = readInputs(command.inputs, capture);
        if (!fromFile) return 1;
        stdinText = &*fromFile;
    }
    return runSimple(std::move(argv), stdinText, capture, duration);
}

std::optional<std::string> Executor::readInputs(const std::vector<InputRedirection>& inputs, std::string* capture) {
    // As bash performs redirections: after the words are expanded and before the command is
    // looked up, each in order; the target must expand to exactly one field, and the first file
    // that cannot be opened stops the command with status 1.
    std::string text;
    for (const InputRedirection& in : inputs) {
        const std::vector<std::string> fields = expand({in.file});
        if (fields.size() != 1) {
            write("bash: " + in.file.plainText() + ": ambiguous redirect\n", true, capture);
            return std::nullopt;
        }
        Expected<std::string> file = readHostFile(fields[0]);
        if (!file) {
            write("bash: " + fields[0] + ": " + file.error().message + "\n", true, capture);
            return std::nullopt;
        }
        text = std::move(*file);
    }
    return text;
}

int Executor::runLoop(const ForLoop& loop, std::string* capture) {
    // Each command of the body takes its own time, as typed one by one.
    int status = 0;
    for (const std::string& value : expand(loop.items)) {
        if (m_shell.exitRequested()) break;
        m_shell.m_variables[loop.variable] = value;
        runScript(loop.body, capture);
        status = m_shell.m_lastStatus;
    }
    return status;
}

int Executor::runSimple(std::vector<std::string> argv, const std::string* stdinText, std::string* capture, SimTime& duration) {
    // `sudo` is accepted and ignored: the shell already runs on the node as root.
    const bool sudo = !argv.empty() && argv[0] == "sudo";
    while (!argv.empty() && argv[0] == "sudo") argv.erase(argv.begin());
    if (argv.empty()) {
        // Expansions that came out empty run nothing; a bare sudo is misuse.
        if (!sudo) return 0;
        write("usage: sudo COMMAND [ARG]...\n", true, capture);
        return 1;
    }
    const CommandInfo* info = m_shell.findCommand(argv[0]);
    if (!info) {
        write("bash: " + argv[0] + ": command not found\n", true, capture);
        return 127;
    }
    if (m_shell.sim().tracing()) {
        std::string text;
        for (const auto& a : argv) text += (text.empty() ? "" : " ") + a;
        m_shell.sim().emit(TraceKind::Command, "shell", argv[0], text);
    }
    Invocation inv{m_shell, std::move(argv), stdinText ? *stdinText : std::string(), stdinText != nullptr};
    auto outer = std::exchange(m_shell.m_commandTime, std::nullopt);  // a command may run others
    CommandResult r = info->fn(inv);
    const auto declared = std::exchange(m_shell.m_commandTime, outer);
    duration = declared ? *declared : (info->timed ? m_shell.sim().config().latency.commandDefault : SimTime::zero());
    write(r.out, false, capture);
    write(r.err, true, capture);
    return r.status;
}

std::vector<std::string> Executor::expand(const std::vector<Word>& words) {
    std::vector<std::string> fields;
    for (const Word& w : words) {
        std::string cur;
        bool started = false;
        for (const WordPart& p : w.parts) {
            if (p.kind == WordPart::Kind::Literal) {
                cur += p.text;
                started = true;
                continue;
            }
            std::string value;
            if (p.kind == WordPart::Kind::Substitution) {
                value = substitute(*p.script);
            } else if (p.text == "?") {
                value = std::to_string(m_shell.m_lastStatus);
            } else {
                auto it = m_shell.m_variables.find(p.text);
                if (it != m_shell.m_variables.end()) value = it->second;
            }
            if (p.quoted) {
                cur += value;
                started = true;
                continue;
            }
            // Field splitting on blanks, as with the default IFS.
            for (char c : value) {
                if (c == ' ' || c == '\t' || c == '\n') {
                    if (started) fields.push_back(std::move(cur));
                    cur.clear();
                    started = false;
                } else {
                    cur += c;
                    started = true;
                }
            }
        }
        if (started) fields.push_back(std::move(cur));
    }
    return fields;
}

std::string Executor::substitute(const Script& script) {
    // $(...) captures stdout (its errors still reach the terminal) without trailing newlines.
    std::string out;
    runScript(script, &out);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

void Executor::write(const std::string& text, bool isError, std::string* capture) {
    if (text.empty()) return;
    if (capture && !isError) {
        *capture += text;
        return;
    }
    std::string shown = withFinalNewline(text);
    (isError ? m_result.err : m_result.out) += shown;
    if (m_onOutput) m_onOutput(shown, isError);
}

} // namespace kns::shell
