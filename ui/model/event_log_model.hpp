#pragma once
// What the Event log panel shows: every record the simulation reported (UiSession::eventLog()),
// oldest first, filtered by kind and by a text (case-insensitive, anywhere in the line), and what
// a click on one does: the views move to its time and its subject is selected.
//
// Contract: update() filters only records added since the last call while the filter is
// unchanged; a changed filter, or a log that was trimmed or replaced (a restored snapshot),
// filters it all again. rows() are indices into the log, valid until the next update().
#include <bitset>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <kubenetsim/trace/observer.hpp>
#include <ui/model/selection.hpp>

namespace kns::ui {

constexpr std::size_t kTraceKindCount = static_cast<std::size_t>(TraceKind::Note) + 1;

struct EventLogFilter {
    std::bitset<kTraceKindCount> kinds = std::bitset<kTraceKindCount>().set();  // every kind shown
    std::string text;
    bool operator==(const EventLogFilter&) const = default;
};

class EventLogModel {
public:
    // Returns true when rows() changed.
    bool update(const std::vector<TraceRecord>& log, const EventLogFilter& filter);
    const std::vector<std::size_t>& rows() const { return m_rows; }

    // A time as the log shows it: seconds with microseconds, "902.000123s".
    static std::string timeText(SimTime t);
    // "[902.000123s] PacketHop net node/localhost: ..." as one line.
    static std::string line(const TraceRecord& r);
    // The subject as the shared selection names it: "pod/default/web-1" -> {"pod", "default/web-1"};
    // "node/localhost" -> {"node", "localhost"}; "service/default/x" -> {"service", "default/x"}.
    static std::pair<std::string, std::string> subjectSelection(const std::string& subject);
    // A click on a record: the views go to its time and its subject is selected.
    static void select(const TraceRecord& r, Selection& selection);

private:
    bool matches(const TraceRecord& r) const;

    EventLogFilter m_filter;
    std::string m_lowerText;
    std::size_t m_seen = 0;
    SimTime m_firstAt;
    std::string m_firstMessage;
    std::vector<std::size_t> m_rows;
};

} // namespace kns::ui
