#include <kubenetsim/shell/grep_pattern.hpp>

#include <cctype>
#include <cstring>

namespace kns::shell {

namespace {

const char* kUnmatchedBracket = "Unmatched [, [^, [:, [., or [=";

std::string escapeLiteral(char c) {
    if (std::strchr("\\^$.|?*+()[]{}", c)) return std::string("\\") + c;
    return std::string(1, c);
}

// Copies a POSIX bracket expression starting at p[i] == '[' into ECMAScript form. In POSIX a
// backslash inside brackets is an ordinary character and a ']' right after '[' or '[^' is a
// member; ECMAScript needs both escaped.
bool translateBracket(const std::string& p, std::size_t& i, std::string& out) {
    std::size_t k = i + 1;
    out += '[';
    if (k < p.size() && p[k] == '^') { out += '^'; ++k; }
    if (k < p.size() && p[k] == ']') { out += "\\]"; ++k; }
    while (k < p.size() && p[k] != ']') {
        if (p[k] == '[' && k + 1 < p.size() && std::strchr(":.=", p[k + 1])) {
            const char kind = p[k + 1];
            const std::size_t close = p.find(std::string(1, kind) + "]", k + 2);
            if (close == std::string::npos) return false;
            out += p.substr(k, close + 2 - k);
            k = close + 2;
            continue;
        }
        if (p[k] == '\\') out += "\\\\";
        else if (p[k] == '[') out += "\\[";
        else out += p[k];
        ++k;
    }
    if (k >= p.size()) return false;
    out += ']';
    i = k + 1;
    return true;
}

// GNU escapes that mean the same in both languages; \< and \> (word starts and ends) become \b.
bool translateGnuEscape(char d, std::string& out) {
    if (std::strchr("wWsSbB", d)) { out += '\\'; out += d; return true; }
    if (d == '<' || d == '>') { out += "\\b"; return true; }
    if (d >= '1' && d <= '9') { out += '\\'; out += d; return true; }
    return false;
}

Expected<std::string> basicToEcma(const std::string& p) {
    std::string out;
    bool atStart = true;  // where a '*' is literal in a BRE: at the start, after \( or \|
    for (std::size_t i = 0; i < p.size();) {
        const char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            const char d = p[i + 1];
            i += 2;
            if (std::strchr("(){}|+?", d)) {
                out += d;
                atStart = d == '(' || d == '|';
            } else {
                if (!translateGnuEscape(d, out)) out += escapeLiteral(d);
                atStart = false;
            }
            continue;
        }
        if (c == '\\') return Error{"Trailing backslash", ""};
        if (c == '[') {
            if (!translateBracket(p, i, out)) return Error{kUnmatchedBracket, ""};
            atStart = false;
            continue;
        }
        if (c == '*' && atStart) out += "\\*";
        else if (std::strchr("(){}|+?", c)) out += std::string("\\") + c;
        else if (c == '^') out += atStart ? "^" : "\\^";
        else if (c == '$') {
            const bool anchor = i + 1 == p.size() || p.compare(i + 1, 2, "\\)") == 0 || p.compare(i + 1, 2, "\\|") == 0;
            out += anchor ? "$" : "\\$";
        } else out += c;
        atStart = c == '^' && atStart;
        ++i;
    }
    return out;
}

Expected<std::string> extendedToEcma(const std::string& p) {
    std::string out;
    for (std::size_t i = 0; i < p.size();) {
        const char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            const char d = p[i + 1];
            if (!translateGnuEscape(d, out)) out += escapeLiteral(d);
            i += 2;
            continue;
        }
        if (c == '\\') return Error{"Trailing backslash", ""};
        if (c == '[') {
            if (!translateBracket(p, i, out)) return Error{kUnmatchedBracket, ""};
            continue;
        }
        if (c == '{') {
            // GNU grep -E treats a '{' that does not start a valid interval as a literal.
            std::size_t k = i + 1;
            while (k < p.size() && (std::isdigit(static_cast<unsigned char>(p[k])) || p[k] == ',')) ++k;
            const bool interval = k < p.size() && p[k] == '}' && k > i + 1 && i > 0;
            out += interval ? "{" : "\\{";
        } else {
            out += c;
        }
        ++i;
    }
    return out;
}

std::string regexErrorMessage(const std::regex_error& e) {
    switch (e.code()) {
    case std::regex_constants::error_paren: return "Unmatched ( or \\(";
    case std::regex_constants::error_brack: return kUnmatchedBracket;
    case std::regex_constants::error_brace: return "Unmatched \\{";
    case std::regex_constants::error_badbrace: return "Invalid content of \\{\\}";
    case std::regex_constants::error_backref: return "Invalid back reference";
    case std::regex_constants::error_badrepeat: return "Invalid preceding regular expression";
    default: return "Invalid regular expression";
    }
}

} // namespace

Expected<std::string> grepToEcmaScript(const std::string& pattern, GrepSyntax syntax) {
    switch (syntax) {
    case GrepSyntax::Basic: return basicToEcma(pattern);
    case GrepSyntax::Extended: return extendedToEcma(pattern);
    case GrepSyntax::Fixed: {
        std::string out;
        for (char c : pattern) out += escapeLiteral(c);
        return out;
    }
    }
    return Error{"Invalid regular expression", ""};
}

Expected<std::regex> compileGrepPatterns(const std::vector<std::string>& patterns, const GrepOptions& options) {
    std::string combined;
    for (const std::string& p : patterns) {
        auto ecma = grepToEcmaScript(p, options.syntax);
        if (!ecma) return ecma.error();
        std::string one = "(?:" + *ecma + ")";
        if (options.wholeWord) one = "\\b" + one + "\\b";
        if (options.wholeLine) one = "^" + one + "$";
        combined += (combined.empty() ? "" : "|") + one;
    }
    auto flags = std::regex::ECMAScript;
    if (options.ignoreCase) flags |= std::regex::icase;
    try {
        return std::regex(combined, flags);
    } catch (const std::regex_error& e) {
        return Error{regexErrorMessage(e), ""};
    }
}

} // namespace kns::shell
