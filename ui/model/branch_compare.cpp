#include <ui/model/branch_compare.hpp>

#include <algorithm>
#include <set>
#include <utility>

#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {
namespace {

// One entry as a console shows it: the prompt line, then its output line by line.
void appendEntryLines(const std::string& prompt, const ConsoleEntry& e, std::vector<std::string>& lines) {
    lines.push_back(prompt + e.line);
    for (const auto& chunk : e.chunks) {
        std::size_t start = 0;
        while (start < chunk.text.size()) {
            auto end = chunk.text.find('\n', start);
            if (end == std::string::npos) end = chunk.text.size();
            lines.push_back(chunk.text.substr(start, end - start));
            start = end + 1;
        }
    }
}

std::vector<std::string> consoleLines(const std::string& prompt, const std::vector<ConsoleEntry>& transcript) {
    std::vector<std::string> lines;
    for (const ConsoleEntry& e : transcript) appendEntryLines(prompt, e, lines);
    return lines;
}

// Pairs of entry indices (a, b) with equal command lines forming a longest common subsequence;
// -1 on one side for an entry the other run lacks. In transcript order.
std::vector<std::pair<int, int>> pairEntries(const std::vector<ConsoleEntry>& a, const std::vector<ConsoleEntry>& b) {
    const std::size_t n = a.size(), m = b.size();
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[i].line == b[j].line ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<std::pair<int, int>> pairs;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i].line == b[j].line) pairs.emplace_back(static_cast<int>(i++), static_cast<int>(j++));
        else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) pairs.emplace_back(static_cast<int>(i++), -1);
        else pairs.emplace_back(-1, static_cast<int>(j++));
    }
    return pairs;
}

// "default/rcsise-nv8zm 172.17.0.4:9876" -> "rcsise-nv8zm 172.17.0.4:9876"
std::map<std::string, std::uint64_t> hitsByEndpoint(const std::map<std::string, std::uint64_t>& served) {
    std::map<std::string, std::uint64_t> hits;
    for (const auto& [key, n] : served) {
        const auto slash = key.find('/');
        const auto space = key.find(' ');
        const bool namespaced = slash != std::string::npos && (space == std::string::npos || slash < space);
        hits[namespaced ? key.substr(slash + 1) : key] += n;
    }
    return hits;
}

bool sameEntry(const ConsoleEntry& a, const ConsoleEntry& b) {
    return a.line == b.line && a.result.out == b.result.out && a.result.err == b.result.err && a.result.status == b.result.status;
}

} // namespace

void BranchCompare::keepOriginal(const UiSession& session) {
    m_original = session.snapshot();
    m_originalStep = session.stepper().current();
    ++m_revision;
}

BranchCompare::Column BranchCompare::columnOf(const UiSession& session) {
    Column c;
    c.console = consoleLines(session.sim().config().prompt, session.transcript());
    c.hits = hitsByEndpoint(session.sim().state().dataPlane.transport.served);
    c.time = session.sim().now();
    return c;
}

BranchCompare::Column BranchCompare::original() const {
    Column c;
    if (!m_original) return c;
    c.console = consoleLines(m_original->shell->prompt(), m_original->transcript);
    c.hits = hitsByEndpoint(m_original->sim.state.dataPlane.transport.served);
    c.time = m_original->sim.kernel.now;
    return c;
}

std::vector<BranchCompare::HitRow> BranchCompare::hitRows(const UiSession& session) const {
    if (!m_original) return {};
    // Only the hits: the consoles are not needed here.
    const auto a = hitsByEndpoint(m_original->sim.state.dataPlane.transport.served);
    const auto b = hitsByEndpoint(session.sim().state().dataPlane.transport.served);
    std::set<std::string> endpoints;
    for (const auto& [k, n] : a) endpoints.insert(k);
    for (const auto& [k, n] : b) endpoints.insert(k);
    std::vector<HitRow> rows;
    for (const auto& e : endpoints) {
        HitRow r{e, 0, 0};
        if (auto it = a.find(e); it != a.end()) r.original = it->second;
        if (auto it = b.find(e); it != b.end()) r.current = it->second;
        rows.push_back(r);
    }
    return rows;
}

std::optional<std::size_t> BranchCompare::firstDifference(const UiSession& session) const {
    if (!m_original) return std::nullopt;
    const auto& a = m_original->transcript;
    const auto& b = session.transcript();
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!sameEntry(a[i], b[i])) return i;
    return std::nullopt;
}

BranchCompare::ConsoleRows BranchCompare::consoleRows(const UiSession& session) const {
    ConsoleRows out;
    if (!m_original) return out;
    const auto& a = m_original->transcript;
    const auto& b = session.transcript();
    const std::string promptA = m_original->shell->prompt();
    const std::string& promptB = session.sim().config().prompt;
    const auto pairs = pairEntries(a, b);
    std::size_t p = 0;
    while (p < pairs.size() && pairs[p].first >= 0 && pairs[p].second >= 0 &&
           sameEntry(a[static_cast<std::size_t>(pairs[p].first)], b[static_cast<std::size_t>(pairs[p].second)]))
        ++p;
    out.skipped = p;
    std::vector<std::string> left, right;
    for (; p < pairs.size(); ++p) {
        left.clear();
        right.clear();
        if (pairs[p].first >= 0) appendEntryLines(promptA, a[static_cast<std::size_t>(pairs[p].first)], left);
        if (pairs[p].second >= 0) appendEntryLines(promptB, b[static_cast<std::size_t>(pairs[p].second)], right);
        for (std::size_t r = 0; r < std::max(left.size(), right.size()); ++r) {
            ConsoleRow row;
            if (r < left.size()) row.original = left[r];
            if (r < right.size()) row.current = right[r];
            row.differs = r >= left.size() || r >= right.size() || left[r] != right[r];
            row.command = r == 0;
            out.rows.push_back(std::move(row));
        }
    }
    return out;
}

} // namespace kns::ui
