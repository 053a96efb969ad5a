#pragma once
// A small line editor for the interactive shell (no readline dependency).
//
// Two layers, so the editing rules are testable without a terminal:
//  - KeyDecoder turns terminal bytes into keys (VT100/xterm escape sequences, UTF-8 characters).
//  - LineEditor applies keys to the line and its history and renders the line for a terminal.
// readTerminalLine() puts the terminal in raw mode for one line and restores it afterwards.
//
// Keys: left/right, home/end, backspace, delete, up/down (history), and the emacs controls
// ctrl-a/e (home/end), ctrl-b/f (left/right), ctrl-p/n (history), ctrl-k (kill to end),
// ctrl-u (kill to start), ctrl-w (kill the word before), ctrl-l (clear screen), ctrl-c (abandon
// the line), ctrl-d (end of input on an empty line, delete otherwise).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kns::cli {

enum class Key {
    Text,  // printable text (one UTF-8 character)
    Enter,
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    Up,
    Down,
    KillToEnd,
    KillToStart,
    KillWord,
    ClearScreen,
    Interrupt,
    EndOfInput,
    Ignored,
};

struct KeyEvent {
    Key key = Key::Ignored;
    std::string text;  // Key::Text
};

class KeyDecoder {
public:
    // Feeds one byte; returns a key when the byte completes one.
    std::optional<KeyEvent> feed(unsigned char byte);

private:
    std::string m_pending;  // an escape sequence or UTF-8 character in progress
};

class LineEditor {
public:
    enum class Outcome { Editing, Accepted, Abandoned, EndOfInput, ClearScreen };

    // Starts a new empty line.
    void begin();
    Outcome apply(const KeyEvent& key);

    const std::string& line() const { return m_line; }
    std::size_t cursor() const { return m_cursor; }  // byte offset into line()

    // Accepted non-blank lines are remembered (consecutive duplicates once), newest last.
    void remember(const std::string& line);
    const std::vector<std::string>& history() const { return m_history; }

    // Bytes that redraw prompt and line on the current terminal row and put the cursor in place.
    std::string render(const std::string& prompt) const;

    // Display columns of a UTF-8 text (East Asian wide characters take two).
    static std::size_t displayWidth(const std::string& text);

private:
    std::size_t previousBoundary(std::size_t pos) const;
    std::size_t nextBoundary(std::size_t pos) const;
    void showHistory(std::size_t index);

    std::string m_line;
    std::size_t m_cursor = 0;
    std::vector<std::string> m_history;
    std::size_t m_historyIndex = 0;  // == m_history.size(): the line being typed
    std::string m_draft;             // the typed line while browsing history
};

// Reads one line from the terminal on inFd, echoing to outFd, in raw mode. Returns nullopt at
// end of input (ctrl-d on an empty line, or a closed terminal). An abandoned line (ctrl-c)
// comes back empty; ctrl-l clears the screen and keeps editing.
std::optional<std::string> readTerminalLine(LineEditor& editor, const std::string& prompt, int inFd, int outFd);

// True when fd is a terminal.
bool isTerminal(int fd);

} // namespace kns::cli
