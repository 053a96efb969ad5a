#pragma once
// What-if branching: keep the current run as the original, step back, change something (a `sim`
// command, a scale), run on, and compare the two runs side by side: their console outputs and how
// many requests each endpoint answered.
//
// The original is a copy of the session as it stood (SessionSnapshot) plus how far the scenario
// had got; comparing reads the live session for the other column. Nothing here changes the
// session: stepping back and running on go through the stepper and UiSession::run.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ui/model/ui_session.hpp>

namespace kns::ui {

class BranchCompare {
public:
    // Keeps the session as it stands now as the original run.
    void keepOriginal(const UiSession& session);
    bool hasOriginal() const { return m_original.has_value(); }
    void forget() {
        m_original.reset();
        ++m_revision;
    }
    // Moves whenever the original is kept or forgotten.
    std::uint64_t revision() const { return m_revision; }
    // The scenario step the original had reached (the stepper's current() then).
    std::size_t originalStep() const { return m_originalStep; }

    // One run's column.
    struct Column {
        std::vector<std::string> console;                // "PROMPT LINE" then its output lines, per entry
        std::map<std::string, std::uint64_t> hits;       // requests answered per "POD IP:PORT"
        SimTime time;                                    // the run's simulated clock
    };
    Column original() const;
    static Column columnOf(const UiSession& session);

    // Endpoint hit counts of both runs, one row per endpoint either run reached (none without an
    // original).
    struct HitRow {
        std::string endpoint;  // "rcsise-nv8zm 172.17.0.4:9876"
        std::uint64_t original = 0;
        std::uint64_t current = 0;
    };
    std::vector<HitRow> hitRows(const UiSession& session) const;

    // The first console entry where the runs differ (command or output); nullopt when one run's
    // transcript is a prefix of the other's with equal entries.
    std::optional<std::size_t> firstDifference(const UiSession& session) const;

    // Both consoles side by side, line against line. Entries are paired by their command lines
    // (the longest common subsequence of the two transcripts' commands, so a command the branch
    // added stands against blank lines rather than pushing every later line out of step); a
    // pair's output lines face each other, the shorter padded with blanks. Starts at the first
    // entry where the runs differ (`skipped` says how many identical entries come before it).
    struct ConsoleRow {
        std::string original;
        std::string current;
        bool differs = false;    // the two sides' text is not the same
        bool command = false;    // a prompt line (on either side)
    };
    struct ConsoleRows {
        std::size_t skipped = 0;
        std::vector<ConsoleRow> rows;
    };
    ConsoleRows consoleRows(const UiSession& session) const;

private:
    std::optional<SessionSnapshot> m_original;
    std::size_t m_originalStep = 0;
    std::uint64_t m_revision = 0;
};

} // namespace kns::ui
