#include <kubenetsim/scenario/line_diff.hpp>

#include <algorithm>

namespace kns::scenario {
namespace {

struct Edit {
    char op;  // ' ', '-', '+'
    std::size_t a;  // index in expected (for ' ' and '-')
    std::size_t b;  // index in actual (for ' ' and '+')
};

std::vector<Edit> editScript(const std::vector<std::string>& x, const std::vector<std::string>& y) {
    const std::size_t n = x.size(), m = y.size();
    // lcs[i][j]: length of the LCS of x[i..] and y[j..].
    std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<Edit> edits;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && x[i] == y[j]) {
            edits.push_back({' ', i++, j++});
        } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
            edits.push_back({'+', i, j++});
        } else {
            edits.push_back({'-', i++, j});
        }
    }
    return edits;
}

std::string range(std::size_t start, std::size_t count) {
    // Unified diff numbers lines from 1; an empty range names the line before it.
    const std::size_t first = count == 0 ? start : start + 1;
    return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

} // namespace

std::vector<std::string> textLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string unifiedDiff(const std::vector<std::string>& expected, const std::vector<std::string>& actual, std::size_t context) {
    const auto edits = editScript(expected, actual);
    std::string out;
    std::size_t k = 0;
    while (k < edits.size()) {
        // Find the next change, then grow a hunk around it while changes are within 2*context.
        while (k < edits.size() && edits[k].op == ' ') ++k;
        if (k == edits.size()) break;
        std::size_t begin = k >= context ? k - context : 0;
        std::size_t end = k;
        std::size_t lastChange = k;
        while (end < edits.size()) {
            if (edits[end].op != ' ') lastChange = end;
            else if (end - lastChange > 2 * context) break;
            ++end;
        }
        end = std::min(edits.size(), lastChange + context + 1);
        std::size_t aCount = 0, bCount = 0;
        std::string body;
        for (std::size_t e = begin; e < end; ++e) {
            const Edit& ed = edits[e];
            if (ed.op != '+') ++aCount;
            if (ed.op != '-') ++bCount;
            body += ed.op;
            body += (ed.op == '+' ? actual[ed.b] : expected[ed.a]);
            body += '\n';
        }
        if (out.empty()) out = "--- expected\n+++ actual\n";
        out += "@@ -" + range(edits[begin].a, aCount) + " +" + range(edits[begin].b, bCount) + " @@\n" + body;
        k = end;
    }
    return out;
}

} // namespace kns::scenario
