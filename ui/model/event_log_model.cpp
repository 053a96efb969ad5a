#include <ui/model/event_log_model.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kns::ui {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

std::string EventLogModel::timeText(SimTime t) {
    char b[40];
    std::snprintf(b, sizeof b, "%lld.%06llds", static_cast<long long>(t.nanos() / 1'000'000'000),
                  static_cast<long long>((t.nanos() % 1'000'000'000) / 1000));
    return b;
}

std::string EventLogModel::line(const TraceRecord& r) {
    std::string s = "[" + timeText(r.time) + "] " + traceKindName(r.kind) + " " + r.source + " " + r.subject + ": " + r.message;
    for (const auto& [k, v] : r.fields) s += " " + k + "=" + v;
    return s;
}

std::pair<std::string, std::string> EventLogModel::subjectSelection(const std::string& subject) {
    const auto slash = subject.find('/');
    if (slash == std::string::npos) return {"", subject};
    std::string kind = subject.substr(0, slash);
    if (kind == "svc") kind = "service";
    return {kind, subject.substr(slash + 1)};
}

void EventLogModel::select(const TraceRecord& r, Selection& selection) {
    selection.goToTime = r.time;
    auto [kind, key] = subjectSelection(r.subject);
    if (!kind.empty()) {
        selection.kind = kind;
        selection.key = key;
        if (kind == "node") selection.node = key;
    }
}

bool EventLogModel::matches(const TraceRecord& r) const {
    if (!m_filter.kinds.test(static_cast<std::size_t>(r.kind))) return false;
    return m_lowerText.empty() || lower(line(r)).find(m_lowerText) != std::string::npos;
}

bool EventLogModel::update(const std::vector<TraceRecord>& log, const EventLogFilter& filter) {
    const bool replaced = log.size() < m_seen ||
                          (m_seen > 0 && (log.front().time != m_firstAt || log.front().message != m_firstMessage));
    if (replaced || !(filter == m_filter)) {
        m_filter = filter;
        m_lowerText = lower(filter.text);
        m_rows.clear();
        m_seen = 0;
    } else if (log.size() == m_seen) {
        return false;
    }
    for (std::size_t i = m_seen; i < log.size(); ++i)
        if (matches(log[i])) m_rows.push_back(i);
    m_seen = log.size();
    if (!log.empty()) {
        m_firstAt = log.front().time;
        m_firstMessage = log.front().message;
    }
    return true;
}

} // namespace kns::ui
