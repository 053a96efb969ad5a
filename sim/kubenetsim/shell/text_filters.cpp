// The text filters that tutorials pipe kubectl and iptables-save output through. They read
// only their stdin (the simulated node has no files to read) and follow GNU coreutils/grep
// output and exit statuses.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include <kubenetsim/shell/builtins.hpp>
#include <kubenetsim/shell/grep_pattern.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::shell {

namespace {

CommandResult fail(std::string err, int status) {
    CommandResult r;
    r.err = std::move(err);
    r.status = status;
    return r;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

bool parseCount(const std::string& s, long& out) {
    if (s.empty() || s.size() > 12) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = std::strtol(s.c_str(), nullptr, 10);
    return true;
}

// grep [-v] [-E|-F|-G] [-c] [-i] [-w] [-x] [-n] [-q] [-e PATTERN]... [PATTERN]
CommandResult grep(Invocation& inv) {
    const std::string tryHelp = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
    GrepOptions opt;
    bool invert = false, count = false, numbers = false, quiet = false;
    std::vector<std::string> patterns, operands;
    bool options = true;
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (!options || a.size() < 2 || a[0] != '-') { operands.push_back(a); continue; }
        if (a == "--") { options = false; continue; }
        if (a.rfind("--", 0) == 0) return fail("grep: unrecognized option '" + a + "'\n" + tryHelp, 2);
        for (std::size_t k = 1; k < a.size(); ++k) {
            const char f = a[k];
            if (f == 'e') {
                if (k + 1 < a.size()) patterns.push_back(a.substr(k + 1));
                else if (i + 1 < inv.argv.size()) patterns.push_back(inv.argv[++i]);
                else return fail("grep: option requires an argument -- 'e'\n" + tryHelp, 2);
                break;
            }
            switch (f) {
            case 'v': invert = true; break;
            case 'E': opt.syntax = GrepSyntax::Extended; break;
            case 'F': opt.syntax = GrepSyntax::Fixed; break;
            case 'G': opt.syntax = GrepSyntax::Basic; break;
            case 'c': count = true; break;
            case 'i': opt.ignoreCase = true; break;
            case 'w': opt.wholeWord = true; break;
            case 'x': opt.wholeLine = true; break;
            case 'n': numbers = true; break;
            case 'q': quiet = true; break;
            default: return fail(std::string("grep: invalid option -- '") + f + "'\n" + tryHelp, 2);
            }
        }
    }
    if (patterns.empty()) {
        if (operands.empty()) return fail(tryHelp, 2);
        patterns.push_back(operands.front());
        operands.erase(operands.begin());
    }
    if (!operands.empty()) return fail("grep: " + operands.front() + ": No such file or directory\n", 2);
    auto re = compileGrepPatterns(patterns, opt);
    if (!re) return fail("grep: " + re.error().message + "\n", 2);

    CommandResult r;
    long selected = 0, lineNo = 0;
    for (const std::string& line : splitLines(inv.stdinText)) {
        ++lineNo;
        if (std::regex_search(line, *re) == invert) continue;
        ++selected;
        if (!count && !quiet) r.out += (numbers ? std::to_string(lineNo) + ":" : "") + line + "\n";
    }
    if (count && !quiet) r.out = std::to_string(selected) + "\n";
    r.status = selected > 0 ? 0 : 1;
    return r;
}

// Reads -n N, -nN, --lines=N and -N; `from` accepts tail's +N (start at line N).
bool lineCountOption(Invocation& inv, const char* name, long& n, bool& from, CommandResult& error) {
    const std::string cmd = inv.argv[0];
    auto bad = [&](const std::string& v) {
        error = fail(cmd + ": invalid number of lines: '" + v + "'\n", 1);
        return false;
    };
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        std::string value;
        if (a == "-n") {
            if (i + 1 >= inv.argv.size()) {
                error = fail(cmd + ": option requires an argument -- 'n'\nTry '" + cmd + " --help' for more information.\n", 1);
                return false;
            }
            value = inv.argv[++i];
        } else if (a.rfind("-n", 0) == 0) {
            value = a.substr(2);
        } else if (a.rfind("--lines=", 0) == 0) {
            value = a.substr(8);
        } else if (a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]))) {
            value = a.substr(1);
        } else if (a.size() > 1 && a[0] == '-') {
            error = fail(cmd + ": invalid option -- '" + a.substr(1, 1) + "'\nTry '" + cmd + " --help' for more information.\n", 1);
            return false;
        } else {
            error = fail(cmd + ": cannot open '" + a + "' for reading: No such file or directory\n", 1);
            return false;
        }
        from = false;
        std::string digits = value;
        if (std::string(name) == "tail" && !digits.empty() && digits[0] == '+') {
            from = true;
            digits = digits.substr(1);
        }
        if (!parseCount(digits, n)) return bad(value);
    }
    return true;
}

CommandResult head(Invocation& inv) {
    long n = 10;
    bool from = false;
    CommandResult error;
    if (!lineCountOption(inv, "head", n, from, error)) return error;
    auto lines = splitLines(inv.stdinText);
    if (static_cast<long>(lines.size()) > n) lines.resize(static_cast<std::size_t>(n));
    return CommandResult{joinLines(lines), "", 0};
}

CommandResult tail(Invocation& inv) {
    long n = 10;
    bool from = false;
    CommandResult error;
    if (!lineCountOption(inv, "tail", n, from, error)) return error;
    auto lines = splitLines(inv.stdinText);
    const long size = static_cast<long>(lines.size());
    const long start = from ? std::max(0L, n - 1) : std::max(0L, size - n);
    std::vector<std::string> kept(lines.begin() + std::min(start, size), lines.end());
    return CommandResult{joinLines(kept), "", 0};
}

// wc [-l] [-w] [-c]: counts of stdin; GNU pads each count to 7 columns when it prints more
// than one of them for a pipe.
CommandResult wc(Invocation& inv) {
    bool l = false, w = false, c = false;
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a == "--lines") { l = true; continue; }
        if (a == "--words") { w = true; continue; }
        if (a == "--bytes") { c = true; continue; }
        if (a.size() < 2 || a[0] != '-') return fail("wc: " + a + ": No such file or directory\n", 1);
        for (std::size_t k = 1; k < a.size(); ++k) {
            if (a[k] == 'l') l = true;
            else if (a[k] == 'w') w = true;
            else if (a[k] == 'c') c = true;
            else return fail(std::string("wc: invalid option -- '") + a[k] + "'\nTry 'wc --help' for more information.\n", 1);
        }
    }
    if (!l && !w && !c) l = w = c = true;
    const std::string& s = inv.stdinText;
    const long lines = static_cast<long>(std::count(s.begin(), s.end(), '\n'));
    long words = 0;
    bool inWord = false;
    for (char ch : s) {
        const bool space = std::isspace(static_cast<unsigned char>(ch)) != 0;
        if (!space && !inWord) ++words;
        inWord = !space;
    }
    std::vector<long> shown;
    if (l) shown.push_back(lines);
    if (w) shown.push_back(words);
    if (c) shown.push_back(static_cast<long>(s.size()));
    std::string out;
    for (long v : shown) {
        std::string num = std::to_string(v);
        if (shown.size() > 1) num = std::string(num.size() < 7 ? 7 - num.size() : 0, ' ') + num;
        out += (out.empty() ? "" : " ") + num;
    }
    return CommandResult{out + "\n", "", 0};
}

// sort [-r] [-n] [-u]: byte order as in the C locale.
CommandResult sort(Invocation& inv) {
    bool reverse = false, numeric = false, unique = false;
    for (std::size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a.size() < 2 || a[0] != '-') return fail("sort: cannot read: " + a + ": No such file or directory\n", 2);
        for (std::size_t k = 1; k < a.size(); ++k) {
            if (a[k] == 'r') reverse = true;
            else if (a[k] == 'n') numeric = true;
            else if (a[k] == 'u') unique = true;
            else return fail(std::string("sort: invalid option -- '") + a[k] + "'\nTry 'sort --help' for more information.\n", 2);
        }
    }
    auto lines = splitLines(inv.stdinText);
    auto less = [numeric](const std::string& x, const std::string& y) {
        if (numeric) {
            const double a = std::strtod(x.c_str(), nullptr), b = std::strtod(y.c_str(), nullptr);
            if (a != b) return a < b;
        }
        return x < y;
    };
    std::stable_sort(lines.begin(), lines.end(), less);
    if (unique) lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    if (reverse) std::reverse(lines.begin(), lines.end());
    return CommandResult{joinLines(lines), "", 0};
}

CommandInfo filter(CommandFn fn, std::string summary, std::string usage) {
    CommandInfo info{std::move(fn), std::move(summary), std::move(usage)};
    info.timed = false;
    return info;
}

} // namespace

void registerTextFilters(Shell& shell) {
    shell.registerCommand("grep", filter(grep, "print the input lines that match a pattern",
                                         "grep [-v] [-E|-F] [-c] [-i] [-w] [-x] [-n] [-q] [-e PATTERN]... [PATTERN]"));
    shell.registerCommand("head", filter(head, "print the first lines of the input", "head [-n N | -N]"));
    shell.registerCommand("tail", filter(tail, "print the last lines of the input", "tail [-n N | -n +N | -N]"));
    shell.registerCommand("wc", filter(wc, "count the lines, words and bytes of the input", "wc [-l] [-w] [-c]"));
    shell.registerCommand("sort", filter(sort, "sort the lines of the input", "sort [-r] [-n] [-u]"));
}

} // namespace kns::shell
