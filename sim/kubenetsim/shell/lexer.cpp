#include <kubenetsim/shell/lexer.hpp>

#include <cctype>
#include <optional>

#include <kubenetsim/shell/parser.hpp>

namespace kns::shell {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
// Characters that end an unquoted word.
bool isMeta(char c) { return isBlank(c) || c == '\n' || c == ';' || c == '|' || c == '&' || c == '<' || c == '>' || c == '(' || c == ')'; }

class Lexer {
public:
    Lexer(const std::string& text, int columnBase) : m_s(text), m_base(columnBase) {}

    Expected<std::vector<Token>> run() {
        std::vector<Token> out;
        while (true) {
            while (m_i < m_s.size() && isBlank(m_s[m_i])) ++m_i;
            if (m_i >= m_s.size()) break;
            const char c = m_s[m_i];
            const int col = column(m_i);
            if (c == '#') {  // a comment runs to the end of the line
                while (m_i < m_s.size() && m_s[m_i] != '\n') ++m_i;
                continue;
            }
            if (c == '\\' && m_i + 1 < m_s.size() && m_s[m_i + 1] == '\n') {  // line continuation
                m_i += 2;
                continue;
            }
            if (c == '\n') { out.push_back(op(Token::Type::Newline, col)); ++m_i; continue; }
            if (c == ';') {
                if (peek(1) == ';') { out.push_back(op(Token::Type::DoubleSemicolon, col)); m_i += 2; }
                else { out.push_back(op(Token::Type::Semicolon, col)); ++m_i; }
                continue;
            }
            if (c == '|') {
                if (peek(1) == '|') { out.push_back(op(Token::Type::Or, col)); m_i += 2; }
                else { out.push_back(op(Token::Type::Pipe, col)); ++m_i; }
                continue;
            }
            if (c == '&') {
                if (peek(1) == '&') { out.push_back(op(Token::Type::And, col)); m_i += 2; continue; }
                return syntaxError(col, "background jobs (`&') are not supported");
            }
            if (c == '<') {
                if (auto e = checkInputRedirection(out)) return *e;
                out.push_back(op(Token::Type::Less, col));
                ++m_i;
                continue;
            }
            if (c == '>') return syntaxError(col, "output redirections are not supported");
            if (c == '(' || c == ')') return syntaxError(col, std::string("syntax error near unexpected token `") + c + "'");
            auto w = word();
            if (!w) return w.error();
            Token t;
            t.type = Token::Type::Word;
            t.word = std::move(*w);
            t.column = col;
            out.push_back(std::move(t));
        }
        out.push_back(op(Token::Type::End, column(m_s.size())));
        return out;
    }

private:
    int column(std::size_t i) const { return m_base + static_cast<int>(i); }
    char peek(std::size_t ahead) const { return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : '\0'; }
    static Token op(Token::Type t, int col) {
        Token tok;
        tok.type = t;
        tok.column = col;
        return tok;
    }

    // At a '<': only `< FILE` is supported. Here-documents (`<<`, `<<<`), `<&`, `<>` and a file
    // descriptor before the sign (`0<f`, which would otherwise read as an argument "0") are
    // refused.
    std::optional<Error> checkInputRedirection(const std::vector<Token>& before) const {
        const int col = column(m_i);
        const char n = peek(1);
        if (n == '<') return syntaxError(col, "here-documents are not supported");
        if (n == '&' || n == '>') return syntaxError(col, std::string("redirection `<") + n + "' is not supported");
        if (m_i > 0 && std::isdigit(static_cast<unsigned char>(m_s[m_i - 1])) && !before.empty() && before.back().type == Token::Type::Word) {
            const Word& w = before.back().word;
            const std::string text = w.plainText();
            bool digits = w.parts.size() == 1 && w.isPlain() && !w.parts[0].quoted && !text.empty();
            for (char ch : text) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
            if (digits && w.column + static_cast<int>(text.size()) == col)
                return syntaxError(w.column, "redirecting file descriptor " + text + " is not supported");
        }
        return std::nullopt;
    }

    static void appendLiteral(Word& w, char c, bool quoted) {
        if (!w.parts.empty() && w.parts.back().kind == WordPart::Kind::Literal && w.parts.back().quoted == quoted) {
            w.parts.back().text += c;
            return;
        }
        WordPart p;
        p.text = std::string(1, c);
        p.quoted = quoted;
        w.parts.push_back(std::move(p));
    }
    static void appendEmptyQuoted(Word& w) {
        WordPart p;
        p.quoted = true;
        w.parts.push_back(std::move(p));
    }

    Expected<Word> word() {
        Word w;
        w.column = column(m_i);
        while (m_i < m_s.size() && !isMeta(m_s[m_i])) {
            const char c = m_s[m_i];
            const int col = column(m_i);
            if (c == '\\') {
                if (m_i + 1 >= m_s.size()) { appendLiteral(w, '\\', false); ++m_i; continue; }
                if (m_s[m_i + 1] == '\n') { m_i += 2; continue; }
                appendLiteral(w, m_s[m_i + 1], true);
                m_i += 2;
            } else if (c == '\'') {
                const std::size_t close = m_s.find('\'', m_i + 1);
                if (close == std::string::npos) return syntaxError(col, "unexpected EOF while looking for matching `''");
                if (close == m_i + 1) appendEmptyQuoted(w);
                for (std::size_t k = m_i + 1; k < close; ++k) appendLiteral(w, m_s[k], true);
                m_i = close + 1;
            } else if (c == '"') {
                if (auto e = doubleQuoted(w)) return *e;
            } else if (c == '`') {
                return syntaxError(col, "backquote command substitution is not supported; use $(...)");
            } else if (c == '$') {
                if (auto e = dollar(w, false)) return *e;
            } else {
                appendLiteral(w, c, false);
                ++m_i;
            }
        }
        return w;
    }

    std::optional<Error> doubleQuoted(Word& w) {
        const int open = column(m_i);
        ++m_i;
        bool any = false;
        while (true) {
            if (m_i >= m_s.size()) return syntaxError(open, "unexpected EOF while looking for matching `\"'");
            const char c = m_s[m_i];
            if (c == '"') { ++m_i; break; }
            any = true;
            if (c == '\\' && m_i + 1 < m_s.size()) {
                const char n = m_s[m_i + 1];
                // Inside double quotes a backslash escapes only $ ` " \ and newline (sh rules).
                if (n == '\n') { m_i += 2; continue; }
                if (n == '$' || n == '`' || n == '"' || n == '\\') { appendLiteral(w, n, true); m_i += 2; continue; }
                appendLiteral(w, c, true);
                ++m_i;
            } else if (c == '`') {
                return syntaxError(column(m_i), "backquote command substitution is not supported; use $(...)");
            } else if (c == '$') {
                if (auto e = dollar(w, true)) return *e;
            } else {
                appendLiteral(w, c, true);
                ++m_i;
            }
        }
        if (!any) appendEmptyQuoted(w);
        return std::nullopt;
    }

    // At a '$': $NAME, ${NAME}, $?, $(...). Anything else keeps the dollar sign literally.
    std::optional<Error> dollar(Word& w, bool quoted) {
        const int col = column(m_i);
        const char n = peek(1);
        WordPart p;
        p.quoted = quoted;
        if (n == '(') {
            if (peek(2) == '(') return syntaxError(col, "arithmetic expansion $((...)) is not supported");
            const std::size_t start = m_i + 2;
            auto end = matchingParen(start);
            if (!end) return syntaxError(col, "unexpected EOF while looking for matching `)'");
            auto script = parseScript(m_s.substr(start, *end - start), column(start));
            if (!script) return script.error();
            p.kind = WordPart::Kind::Substitution;
            p.script = std::make_shared<Script>(std::move(*script));
            m_i = *end + 1;
        } else if (n == '{') {
            const std::size_t close = m_s.find('}', m_i + 2);
            if (close == std::string::npos) return syntaxError(col, "unexpected EOF while looking for matching `}'");
            std::string name = m_s.substr(m_i + 2, close - m_i - 2);
            bool valid = !name.empty() && isNameStart(name[0]);
            for (char ch : name) valid = valid && isNameChar(ch);
            valid = valid || name == "?";
            if (!valid) return syntaxError(col, "${" + name + "}: bad substitution");
            p.kind = WordPart::Kind::Variable;
            p.text = name;
            m_i = close + 1;
        } else if (n == '?') {
            p.kind = WordPart::Kind::Variable;
            p.text = "?";
            m_i += 2;
        } else if (isNameStart(n)) {
            std::size_t e = m_i + 1;
            while (e < m_s.size() && isNameChar(m_s[e])) ++e;
            p.kind = WordPart::Kind::Variable;
            p.text = m_s.substr(m_i + 1, e - m_i - 1);
            m_i = e;
        } else {
            appendLiteral(w, '$', quoted);
            ++m_i;
            return std::nullopt;
        }
        w.parts.push_back(std::move(p));
        return std::nullopt;
    }

    // Index of the ')' closing a "$(" whose content starts at `from`, skipping quoted text and
    // nested parentheses.
    std::optional<std::size_t> matchingParen(std::size_t from) const {
        int depth = 1;
        for (std::size_t k = from; k < m_s.size(); ++k) {
            const char c = m_s[k];
            if (c == '\\') { ++k; continue; }
            if (c == '\'') {
                k = m_s.find('\'', k + 1);
                if (k == std::string::npos) return std::nullopt;
            } else if (c == '"') {
                for (++k; k < m_s.size() && m_s[k] != '"'; ++k)
                    if (m_s[k] == '\\') ++k;
                if (k >= m_s.size()) return std::nullopt;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return std::nullopt;
    }

    const std::string& m_s;
    int m_base;
    std::size_t m_i = 0;
};

} // namespace

std::string Token::spelling() const {
    switch (type) {
    case Type::Word: return word.plainText();
    case Type::Semicolon: return ";";
    case Type::DoubleSemicolon: return ";;";
    case Type::Newline: return "newline";
    case Type::Pipe: return "|";
    case Type::And: return "&&";
    case Type::Or: return "||";
    case Type::Less: return "<";
    case Type::End: return "end of file";
    }
    return "?";
}

Error syntaxError(int column, const std::string& message) { return Error{message, "column " + std::to_string(column)}; }

Expected<std::vector<Token>> tokenize(const std::string& text, int columnBase) { return Lexer(text, columnBase).run(); }

bool Word::isPlain() const {
    for (const auto& p : parts)
        if (p.kind != WordPart::Kind::Literal) return false;
    return true;
}

std::string Word::plainText() const {
    std::string s;
    for (const auto& p : parts) {
        if (p.kind == WordPart::Kind::Literal) s += p.text;
        else if (p.kind == WordPart::Kind::Variable) s += "$" + p.text;
        else s += "$(...)";
    }
    return s;
}

bool Word::isReserved(const char* text) const {
    return parts.size() == 1 && parts[0].kind == WordPart::Kind::Literal && !parts[0].quoted && parts[0].text == text;
}

} // namespace kns::shell
