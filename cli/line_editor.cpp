#include "line_editor.hpp"

#include <termios.h>
#include <unistd.h>

namespace kns::cli {

namespace {

KeyEvent key(Key k) { return KeyEvent{k, {}}; }

// Length of the UTF-8 sequence a lead byte starts (1 for ASCII and stray bytes).
std::size_t utf8Length(unsigned char lead) {
    if (lead >= 0xF0 && lead <= 0xF7) return 4;
    if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

KeyEvent decodeEscape(const std::string& seq) {
    // seq is ESC [ params final, or ESC O final.
    const char final = seq.back();
    const std::string params = seq.substr(2, seq.size() - 3);
    if (seq[1] == 'O' || params.empty()) {
        switch (final) {
        case 'A': return key(Key::Up);
        case 'B': return key(Key::Down);
        case 'C': return key(Key::Right);
        case 'D': return key(Key::Left);
        case 'H': return key(Key::Home);
        case 'F': return key(Key::End);
        default: return key(Key::Ignored);
        }
    }
    if (final == '~') {
        if (params == "1" || params == "7") return key(Key::Home);
        if (params == "4" || params == "8") return key(Key::End);
        if (params == "3") return key(Key::Delete);
    }
    return key(Key::Ignored);
}

} // namespace

std::optional<KeyEvent> KeyDecoder::feed(unsigned char byte) {
    if (!m_pending.empty()) {
        m_pending += static_cast<char>(byte);
        if (m_pending[0] == '\x1b') {
            if (m_pending.size() == 2) {
                if (byte == '[' || byte == 'O') return std::nullopt;
                m_pending.clear();  // alt-key combinations are not bound
                return key(Key::Ignored);
            }
            if (m_pending[1] == 'O' || (byte >= 0x40 && byte <= 0x7e)) {
                KeyEvent e = decodeEscape(m_pending);
                m_pending.clear();
                return e;
            }
            if (m_pending.size() > 16) m_pending.clear();
            return std::nullopt;
        }
        if (m_pending.size() < utf8Length(static_cast<unsigned char>(m_pending[0]))) return std::nullopt;
        KeyEvent e{Key::Text, m_pending};
        m_pending.clear();
        return e;
    }
    switch (byte) {
    case '\r':
    case '\n': return key(Key::Enter);
    case 0x7f:
    case 0x08: return key(Key::Backspace);
    case 0x01: return key(Key::Home);
    case 0x05: return key(Key::End);
    case 0x02: return key(Key::Left);
    case 0x06: return key(Key::Right);
    case 0x10: return key(Key::Up);
    case 0x0e: return key(Key::Down);
    case 0x0b: return key(Key::KillToEnd);
    case 0x15: return key(Key::KillToStart);
    case 0x17: return key(Key::KillWord);
    case 0x0c: return key(Key::ClearScreen);
    case 0x03: return key(Key::Interrupt);
    case 0x04: return key(Key::EndOfInput);
    case 0x1b: m_pending = "\x1b"; return std::nullopt;
    default: break;
    }
    if (byte < 0x20) return key(Key::Ignored);
    if (byte >= 0x80) {
        if (utf8Length(byte) == 1) return key(Key::Ignored);
        m_pending = std::string(1, static_cast<char>(byte));
        return std::nullopt;
    }
    return KeyEvent{Key::Text, std::string(1, static_cast<char>(byte))};
}

void LineEditor::begin() {
    m_line.clear();
    m_cursor = 0;
    m_historyIndex = m_history.size();
    m_draft.clear();
}

std::size_t LineEditor::previousBoundary(std::size_t pos) const {
    if (pos == 0) return 0;
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(m_line[pos]) & 0xC0) == 0x80) --pos;
    return pos;
}

std::size_t LineEditor::nextBoundary(std::size_t pos) const {
    if (pos >= m_line.size()) return m_line.size();
    ++pos;
    while (pos < m_line.size() && (static_cast<unsigned char>(m_line[pos]) & 0xC0) == 0x80) ++pos;
    return pos;
}

void LineEditor::showHistory(std::size_t index) {
    if (m_historyIndex == m_history.size()) m_draft = m_line;
    m_historyIndex = index;
    m_line = index == m_history.size() ? m_draft : m_history[index];
    m_cursor = m_line.size();
}

LineEditor::Outcome LineEditor::apply(const KeyEvent& k) {
    switch (k.key) {
    case Key::Text:
        m_line.insert(m_cursor, k.text);
        m_cursor += k.text.size();
        break;
    case Key::Enter: return Outcome::Accepted;
    case Key::Left: m_cursor = previousBoundary(m_cursor); break;
    case Key::Right: m_cursor = nextBoundary(m_cursor); break;
    case Key::Home: m_cursor = 0; break;
    case Key::End: m_cursor = m_line.size(); break;
    case Key::Backspace: {
        const std::size_t from = previousBoundary(m_cursor);
        m_line.erase(from, m_cursor - from);
        m_cursor = from;
        break;
    }
    case Key::Delete: m_line.erase(m_cursor, nextBoundary(m_cursor) - m_cursor); break;
    case Key::Up:
        if (m_historyIndex > 0) showHistory(m_historyIndex - 1);
        break;
    case Key::Down:
        if (m_historyIndex < m_history.size()) showHistory(m_historyIndex + 1);
        break;
    case Key::KillToEnd: m_line.erase(m_cursor); break;
    case Key::KillToStart:
        m_line.erase(0, m_cursor);
        m_cursor = 0;
        break;
    case Key::KillWord: {
        // As bash's ctrl-w: the blanks before the cursor, then the word before them.
        std::size_t from = m_cursor;
        while (from > 0 && m_line[from - 1] == ' ') --from;
        while (from > 0 && m_line[from - 1] != ' ') --from;
        m_line.erase(from, m_cursor - from);
        m_cursor = from;
        break;
    }
    case Key::ClearScreen: return Outcome::ClearScreen;
    case Key::Interrupt: return Outcome::Abandoned;
    case Key::EndOfInput:
        if (m_line.empty()) return Outcome::EndOfInput;
        m_line.erase(m_cursor, nextBoundary(m_cursor) - m_cursor);
        break;
    case Key::Ignored: break;
    }
    return Outcome::Editing;
}

void LineEditor::remember(const std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    if (!m_history.empty() && m_history.back() == line) return;
    m_history.push_back(line);
}

std::size_t LineEditor::displayWidth(const std::string& text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = utf8Length(lead);
        char32_t cp = lead;
        if (len > 1 && i + len <= text.size()) {
            cp = lead & (0x7F >> len);
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += len;
        if (cp >= 0x300 && cp <= 0x36F) continue;  // combining marks take no column
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                          (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
                          (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

std::string LineEditor::render(const std::string& prompt) const {
    // Single-line mode: redraw the row and move the cursor from the left margin. Lines longer
    // than the terminal wrap and are redrawn imperfectly (a deliberate simplification).
    std::string out = "\r" + prompt + m_line + "\x1b[K\r";
    const std::size_t column = displayWidth(prompt) + displayWidth(m_line.substr(0, m_cursor));
    if (column > 0) out += "\x1b[" + std::to_string(column) + "C";
    return out;
}

bool isTerminal(int fd) { return ::isatty(fd) == 1; }

namespace {

// Raw mode for the lifetime of the object: bytes arrive one by one, unechoed, with ctrl-c and
// ctrl-d as ordinary bytes; output processing stays on so "\n" still returns the carriage.
class RawMode {
public:
    explicit RawMode(int fd) : m_fd(fd) {
        m_ok = ::tcgetattr(fd, &m_saved) == 0;
        if (!m_ok) return;
        termios raw = m_saved;
        raw.c_iflag &= ~static_cast<tcflag_t>(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
        raw.c_cflag |= CS8;
        raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON | IEXTEN | ISIG);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        m_ok = ::tcsetattr(fd, TCSAFLUSH, &raw) == 0;
    }
    ~RawMode() {
        if (m_ok) ::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
    }
    RawMode(const RawMode&) = delete;
    RawMode& operator=(const RawMode&) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_ok = false;
};

void writeAll(int fd, const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

std::optional<std::string> readTerminalLine(LineEditor& editor, const std::string& prompt, int inFd, int outFd) {
    RawMode raw(inFd);
    KeyDecoder decoder;
    editor.begin();
    writeAll(outFd, editor.render(prompt));
    while (true) {
        unsigned char byte = 0;
        const ssize_t n = ::read(inFd, &byte, 1);
        if (n <= 0) {
            writeAll(outFd, "\r\n");
            return std::nullopt;
        }
        auto k = decoder.feed(byte);
        if (!k) continue;
        switch (editor.apply(*k)) {
        case LineEditor::Outcome::Editing: writeAll(outFd, editor.render(prompt)); break;
        case LineEditor::Outcome::Accepted: writeAll(outFd, "\r\n"); return editor.line();
        case LineEditor::Outcome::Abandoned: writeAll(outFd, "^C\r\n"); return std::string();
        case LineEditor::Outcome::EndOfInput: writeAll(outFd, "\r\n"); return std::nullopt;
        case LineEditor::Outcome::ClearScreen: writeAll(outFd, "\x1b[H\x1b[2J" + editor.render(prompt)); break;
        }
    }
}

} // namespace kns::cli
