#include <kubenetsim/shell/parser.hpp>

#include <cctype>

#include <kubenetsim/shell/lexer.hpp>

namespace kns::shell {

namespace {

using T = Token::Type;

bool validName(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

// Recursive descent over the token list; every error names the token where parsing stopped,
// in bash's words.
class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_t(std::move(tokens)) {}

    Expected<Script> script() {
        auto s = list(nullptr);
        if (!s) return s;
        if (cur().type != T::End) return unexpected(cur());
        return s;
    }

private:
    const Token& cur() const { return m_t[m_pos]; }
    void advance() {
        if (m_t[m_pos].type != T::End) ++m_pos;
    }
    void skipNewlines() {
        while (cur().type == T::Newline) advance();
    }
    bool atReserved(const char* word) const { return cur().type == T::Word && cur().word.isReserved(word); }
    static bool startsCommand(const Token& t) {
        if (t.type == T::Less) return true;
        return t.type == T::Word && !t.word.isReserved("do") && !t.word.isReserved("done") && !t.word.isReserved("in");
    }

    static Error unexpected(const Token& t) {
        if (t.type == T::End) return syntaxError(t.column, "syntax error: unexpected end of file");
        return syntaxError(t.column, "syntax error near unexpected token `" + t.spelling() + "'");
    }

    // Items until the end of input or, inside a loop, the reserved word `terminator`.
    Expected<Script> list(const char* terminator) {
        Script s;
        skipNewlines();
        while (cur().type != T::End && !(terminator && atReserved(terminator))) {
            if (!startsCommand(cur())) return unexpected(cur());
            auto item = andOr();
            if (!item) return item.error();
            s.items.push_back(std::move(*item));
            if (cur().type == T::Semicolon || cur().type == T::Newline) {
                advance();
                skipNewlines();
            } else if (!(cur().type == T::End || (terminator && atReserved(terminator)))) {
                return unexpected(cur());
            }
        }
        return s;
    }

    Expected<AndOr> andOr() {
        AndOr a;
        auto p = pipeline();
        if (!p) return p.error();
        a.pipelines.push_back(std::move(*p));
        while (cur().type == T::And || cur().type == T::Or) {
            a.connectors.push_back(cur().type == T::And ? Connector::And : Connector::Or);
            advance();
            skipNewlines();
            auto next = pipeline();
            if (!next) return next.error();
            a.pipelines.push_back(std::move(*next));
        }
        return a;
    }

    Expected<Pipeline> pipeline() {
        Pipeline p;
        while (true) {
            auto c = command();
            if (!c) return c.error();
            p.stages.push_back(std::move(*c));
            if (cur().type != T::Pipe) break;
            advance();
            skipNewlines();
        }
        return p;
    }

    Expected<Command> command() {
        if (!startsCommand(cur())) return unexpected(cur());
        Command c;
        c.column = cur().column;
        if (atReserved("for")) {
            auto loop = forLoop();
            if (!loop) return loop.error();
            c.loop = std::make_shared<ForLoop>(std::move(*loop));
            if (cur().type == T::Less) return syntaxError(cur().column, "redirecting the input of a loop is not supported");
            return c;
        }
        while (cur().type == T::Word || cur().type == T::Less) {
            if (cur().type == T::Word) {
                c.words.push_back(cur().word);
                advance();
                continue;
            }
            const int at = cur().column;
            advance();
            // bash names what stands where the file should: the end of the line is `newline'.
            if (cur().type == T::End) return syntaxError(cur().column, "syntax error near unexpected token `newline'");
            if (cur().type != T::Word) return unexpected(cur());
            c.inputs.push_back(InputRedirection{cur().word, at});
            advance();
        }
        return c;
    }

    // for NAME in WORD... ; do LIST ; done
    Expected<ForLoop> forLoop() {
        ForLoop loop;
        advance();  // for
        if (cur().type != T::Word) return unexpected(cur());
        if (!cur().word.isPlain() || !validName(cur().word.plainText()))
            return syntaxError(cur().column, "`" + cur().word.plainText() + "': not a valid identifier");
        loop.variable = cur().word.plainText();
        advance();
        skipNewlines();
        if (!atReserved("in")) {
            // `for i; do` (iterating over "$@") has no meaning in an interactive line.
            return cur().type == T::Word ? syntaxError(cur().column, "syntax error near unexpected token `" + cur().spelling() + "' (expected `in')")
                                         : unexpected(cur());
        }
        advance();
        while (cur().type == T::Word) {
            loop.items.push_back(cur().word);
            advance();
        }
        if (cur().type != T::Semicolon && cur().type != T::Newline) return unexpected(cur());
        advance();
        skipNewlines();
        if (!atReserved("do")) return unexpected(cur());
        advance();
        auto body = list("done");
        if (!body) return body.error();
        if (!atReserved("done")) return unexpected(cur());
        if (body->items.empty()) return unexpected(cur());
        loop.body = std::move(*body);
        advance();
        return loop;
    }

    std::vector<Token> m_t;
    std::size_t m_pos = 0;
};

} // namespace

Expected<Script> parseScript(const std::string& text, int columnBase) {
    auto tokens = tokenize(text, columnBase);
    if (!tokens) return tokens.error();
    return Parser(std::move(*tokens)).script();
}

bool isIncomplete(const std::string& text) {
    auto s = parseScript(text);
    if (s) return false;
    const std::string& m = s.error().message;
    return m.find("unexpected end of file") != std::string::npos || m.find("unexpected EOF") != std::string::npos;
}

} // namespace kns::shell
