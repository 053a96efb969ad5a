#include <kubenetsim/kubectl/commands/selector_parser.hpp>

#include <cctype>
#include <vector>

namespace kns::kubectl {

namespace {

enum class Tok { End, Identifier, Not, NotEquals, Equals, DoubleEquals, In, NotIn, OpenPar, ClosedPar, Comma, Error };

struct Token {
    Tok tok;
    std::string text;
};

bool isSpecial(char c) { return c == '=' || c == '!' || c == '(' || c == ')' || c == ','; }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Splits the selector into tokens. Like the Kubernetes lexer, an identifier runs until a blank
// or a special symbol, and the longest special symbol wins ("!=" over "!", "==" over "=").
std::vector<Token> lex(const std::string& s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && isBlank(s[i])) ++i;
        if (i >= s.size()) break;
        const char c = s[i];
        if (isSpecial(c)) {
            const char n = i + 1 < s.size() ? s[i + 1] : '\0';
            if (c == '!' && n == '=') { out.push_back({Tok::NotEquals, "!="}); i += 2; }
            else if (c == '=' && n == '=') { out.push_back({Tok::DoubleEquals, "=="}); i += 2; }
            else if (c == '!') { out.push_back({Tok::Not, "!"}); ++i; }
            else if (c == '=') { out.push_back({Tok::Equals, "="}); ++i; }
            else if (c == '(') { out.push_back({Tok::OpenPar, "("}); ++i; }
            else if (c == ')') { out.push_back({Tok::ClosedPar, ")"}); ++i; }
            else { out.push_back({Tok::Comma, ","}); ++i; }
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && !isBlank(s[j]) && !isSpecial(s[j])) ++j;
        std::string word = s.substr(i, j - i);
        i = j;
        if (word == "in") out.push_back({Tok::In, word});
        else if (word == "notin") out.push_back({Tok::NotIn, word});
        else out.push_back({Tok::Identifier, word});
    }
    out.push_back({Tok::End, ""});
    return out;
}

bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A name part: at most 63 characters, alphanumeric at both ends, '-', '_' and '.' inside.
bool validName(const std::string& s, bool allowEmpty) {
    if (s.empty()) return allowEmpty;
    if (s.size() > 63) return false;
    if (!isAlnum(s.front()) || !isAlnum(s.back())) return false;
    for (char c : s)
        if (!isAlnum(c) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

bool validDnsSubdomain(const std::string& s) {
    if (s.empty() || s.size() > 253) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
    return isAlnum(s.front()) && isAlnum(s.back());
}

class Parser {
public:
    Parser(const std::string& text, Era era) : m_tokens(lex(text)), m_era(era) {}

    Expected<LabelSelector, std::string> parse() {
        LabelSelector sel;
        while (true) {
            const Token& t = peek();
            if (t.tok == Tok::End) return sel;
            if (t.tok != Tok::Identifier && t.tok != Tok::Not && !isValueKeyword(t.tok))
                return "found '" + t.text + "', expected: !, identifier, or 'end of string'";
            auto req = parseRequirement();
            if (!req) return "unable to parse requirement: " + req.error();
            sel.matchExpressions.push_back(*req);
            const Token after = next();
            if (after.tok == Tok::End) return sel;
            if (after.tok != Tok::Comma) return "found '" + after.text + "', expected: ',' or 'end of string'";
            const Token& following = peek();
            if (following.tok != Tok::Identifier && following.tok != Tok::Not && !isValueKeyword(following.tok))
                return "found '" + following.text + "', expected: identifier after ','";
        }
    }

private:
    // In key and value positions the words `in` and `notin` are ordinary identifiers.
    static bool isValueKeyword(Tok t) { return t == Tok::In || t == Tok::NotIn; }
    const Token& peek() const { return m_tokens[m_pos]; }
    Token next() {
        Token t = m_tokens[m_pos];
        if (t.tok != Tok::End) ++m_pos;
        return t;
    }
    Token nextValue() {
        Token t = next();
        if (isValueKeyword(t.tok)) t.tok = Tok::Identifier;
        return t;
    }
    Tok peekValue() const { return isValueKeyword(peek().tok) ? Tok::Identifier : peek().tok; }

    Expected<SelectorRequirement, std::string> parseRequirement() {
        SelectorRequirement req;
        bool negated = false;
        Token key = nextValue();
        if (key.tok == Tok::Not) {
            negated = true;
            key = nextValue();
        }
        if (key.tok != Tok::Identifier) return "found '" + key.text + "', expected: identifier";
        if (std::string why = labelKeyError(key.text); !why.empty()) return why;
        req.key = key.text;
        if (negated) {
            req.op = SelectorRequirement::Op::DoesNotExist;
            return req;
        }
        if (peek().tok == Tok::End || peek().tok == Tok::Comma) {
            req.op = SelectorRequirement::Op::Exists;
            return req;
        }
        const Token op = next();
        switch (op.tok) {
        case Tok::Equals:
        case Tok::DoubleEquals: req.op = SelectorRequirement::Op::Equals; break;
        case Tok::NotEquals: req.op = SelectorRequirement::Op::NotEquals; break;
        case Tok::In: req.op = SelectorRequirement::Op::In; break;
        case Tok::NotIn: req.op = SelectorRequirement::Op::NotIn; break;
        default:
            if (m_era == Era::Legacy) return "found '" + op.text + "', expected: '=', '!=', '==', 'in', notin'";
            return "found '" + op.text + "', expected: in, notin, =, ==, !=, gt, lt";
        }
        auto values = (req.op == SelectorRequirement::Op::In || req.op == SelectorRequirement::Op::NotIn) ? parseSet() : parseExact();
        if (!values) return values.error();
        for (const auto& v : *values)
            if (std::string why = labelValueError(v); !why.empty()) return why;
        req.values = *values;
        return req;
    }

    // VALUE after = == != ; an absent value means the empty string ("app=" selects app="").
    Expected<std::vector<std::string>, std::string> parseExact() {
        if (peek().tok == Tok::End || peek().tok == Tok::Comma) return std::vector<std::string>{""};
        const Token v = nextValue();
        if (v.tok != Tok::Identifier) return "found '" + v.text + "', expected: identifier";
        return std::vector<std::string>{v.text};
    }

    // "(" VALUE {"," VALUE} ")"; empty entries are the empty string, as in Kubernetes.
    Expected<std::vector<std::string>, std::string> parseSet() {
        const Token open = nextValue();
        if (open.tok != Tok::OpenPar) return "found '" + open.text + "', expected: '('";
        std::vector<std::string> values;
        if (peekValue() == Tok::ClosedPar) {
            next();
            return std::vector<std::string>{""};
        }
        if (peekValue() != Tok::Identifier && peekValue() != Tok::Comma)
            return "found '" + peek().text + "', expected: ',', ')' or identifier";
        while (true) {
            const Token t = nextValue();
            if (t.tok == Tok::Identifier) {
                values.push_back(t.text);
                if (peekValue() == Tok::Comma) { next(); if (peekValue() == Tok::ClosedPar) { values.push_back(""); next(); return values; } continue; }
                if (peekValue() == Tok::ClosedPar) { next(); return values; }
                return "found '" + peek().text + "', expected: ',' or ')'";
            }
            if (t.tok == Tok::Comma) {
                values.push_back("");
                if (peekValue() == Tok::ClosedPar) { values.push_back(""); next(); return values; }
                continue;
            }
            return "found '" + t.text + "', expected: ',', or identifier";
        }
    }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    Era m_era;
};

} // namespace

std::string labelKeyError(const std::string& key) {
    std::string name = key;
    const auto slash = key.find('/');
    if (slash != std::string::npos) {
        const std::string prefix = key.substr(0, slash);
        name = key.substr(slash + 1);
        if (!validDnsSubdomain(prefix))
            return "invalid label key \"" + key + "\": prefix part must be a lowercase RFC 1123 subdomain";
    }
    if (!validName(name, false))
        return "invalid label key \"" + key + "\": name part must consist of alphanumeric characters, '-', '_' or '.', "
               "and must start and end with an alphanumeric character";
    return {};
}

std::string labelValueError(const std::string& value) {
    if (validName(value, true)) return {};
    return "invalid label value: \"" + value + "\": a valid label must be an empty string or consist of alphanumeric "
           "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
}

Expected<LabelSelector, std::string> parseLabelSelector(const std::string& text, Era era) {
    return Parser(text, era).parse();
}

} // namespace kns::kubectl
