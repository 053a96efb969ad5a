#pragma once
// Runs a parsed Script against a Shell: expansion, pipelines, loops, and the simulated time each
// command takes. Internal to the shell; front ends call Shell::run().
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/shell/shell.hpp>
#include <kubenetsim/shell/syntax.hpp>

namespace kns::shell {

class Executor {
public:
    Executor(Shell& shell, const Shell::OutputFn& onOutput, CommandResult& result)
        : m_shell(shell), m_onOutput(onOutput), m_result(result) {}

    // Runs every item; stdout goes to *capture when given, to the terminal otherwise.
    void runScript(const Script& script, std::string* capture);

private:
    void runAndOr(const AndOr& chain, std::string* capture);
    int runPipeline(const Pipeline& pipeline, std::string* capture);
    int runStage(const Command& command, const std::string* stdinText, std::string* capture, SimTime& duration);
    int runLoop(const ForLoop& loop, std::string* capture);
    // The text of the last `< FILE`, or nothing after printing bash's error.
    std::optional<std::string> readInputs(const std::vector<InputRedirection>& inputs, std::string* capture);
    int runSimple(std::vector<std::string> argv, const std::string* stdinText, std::string* capture, SimTime& duration);

    // sh word expansion: variables and $(...) substitute; unquoted results split into fields.
    std::vector<std::string> expand(const std::vector<Word>& words);
    std::string substitute(const Script& script);

    void write(const std::string& text, bool isError, std::string* capture);

    Shell& m_shell;
    const Shell::OutputFn& m_onOutput;
    CommandResult& m_result;
};

} // namespace kns::shell
