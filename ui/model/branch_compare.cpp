#include <ui/model/branch_compare.hpp>

#include <algorithm>
#include <set>

#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {
namespace {

std::vector<std::string> consoleLines(const std::string& prompt, const std::vector<ConsoleEntry>& transcript) {
    std::vector<std::string> lines;
    for (const ConsoleEntry& e : transcript) {
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
    return lines;
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
    const Column a = original();
    const Column b = columnOf(session);
    std::set<std::string> endpoints;
    for (const auto& [k, n] : a.hits) endpoints.insert(k);
    for (const auto& [k, n] : b.hits) endpoints.insert(k);
    std::vector<HitRow> rows;
    for (const auto& e : endpoints) {
        HitRow r{e, 0, 0};
        if (auto it = a.hits.find(e); it != a.hits.end()) r.original = it->second;
        if (auto it = b.hits.find(e); it != b.hits.end()) r.current = it->second;
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

} // namespace kns::ui
