#pragma once
// What the Console panel shows and how it edits its input line, without a window: the session's
// transcript as terminal lines (prompt, command, output as the CLI prints them), the input line
// with history (up/down) and tab completion of commands and object names, and the text to copy.
//
// An entry's output is revealed once the session's view time reaches the time its command
// finished (UiSession), so a curl's answer appears when its animated reply arrives; entries run
// later than the view (after a step back of the view) are not shown yet either.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <ui/model/ui_session.hpp>

namespace kns::ui {

class ConsoleModel {
public:
    explicit ConsoleModel(UiSession& session) : m_session(session) {}

    struct Line {
        enum class Kind : std::uint8_t { Command, Out, Err, Pending };
        Kind kind = Kind::Out;
        std::string text;  // without its newline
        std::size_t entry = 0;  // the transcript entry it belongs to
    };
    // The transcript as it stands at the view time: "PROMPT LINE", then stdout and stderr lines,
    // then a blank line, as `kubenetsim-cli shell` prints them; a command still running at the view
    // time shows one Pending line instead of its output.
    std::vector<Line> lines() const;
    // The same as plain text (what "copy all" puts on the clipboard).
    std::string text() const;
    // The output of one entry, as the CLI printed it (for copying one command's output).
    std::string entryText(std::size_t entry) const;

    const std::string& prompt() const;

    // The input line.
    std::string input;
    // Runs `input` through the session (unless blank) and clears it; returns false for a blank line.
    bool submit();
    // History: up goes back through the shell's history (scenario lines included), down comes forward
    // to what was being typed.
    void historyUp();
    void historyDown();

    struct Completion {
        std::string line;                     // the input with the word completed as far as it is unique
        std::vector<std::string> candidates;  // every word that fits (shown when more than one)
    };
    // Completes the last word of `line`: a command name, a kubectl verb, a resource type, an
    // object's name (pods, services, rcs, rs, deployments, nodes, endpoints, namespaces from the
    // simulation), a `sim` subcommand and its arguments (nodes, pods, on/off, eras).
    Completion complete(const std::string& line) const;
    // complete(input) applied to input.
    Completion completeInput();

    // Paste: inserts text at the end of the input; newlines run the lines before them.
    void paste(const std::string& text);

private:
    UiSession& m_session;
    // Position in history while browsing: history().size() means "not browsing".
    std::size_t m_historyPos = SIZE_MAX;
    std::string m_draft;  // what was typed before browsing
};

} // namespace kns::ui
