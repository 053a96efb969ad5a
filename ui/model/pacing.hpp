#pragma once
// The pacing driver: how fast simulated time passes in the window (headless; the app calls
// frame() once per frame with the real time that passed). It sits outside the simulation kernel
// (as OMNeT++'s scheduler does): the kernel only knows runUntil; the driver decides how far.
//
// Modes: paused (nothing moves: a packet stays frozen mid-link, because every animation is
// interpolated from the view time), real time times a speed from 0.1x to 100x, or as fast as
// possible (kFastestPerFrame of simulated time per frame, no slow motion).
//
// Slow motion. Packets cross a node in microseconds and a link in microseconds to milliseconds,
// far too fast to watch at 1x. The rule: while a packet is in flight at the view time, meaning
// the simulation has recorded a hop later than viewTime() and that hop lies within kSlowMotionWindow
// of it, simulated time runs kSlowMotionFactor (1000) times slower: at 1x, 1 ms of packet travel
// takes 1 s on screen; at 10x, 100 ms. Outside that window time runs at the plain speed, but the
// view never jumps over a pending hop: a frame's advance stops at the start of the window before it.
#include <cstdint>
#include <optional>

#include <ui/model/selection.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui {

class PacingDriver {
public:
    enum class Mode : std::uint8_t { Paused, RealTime, Fastest };

    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 100.0;
    static constexpr std::int64_t kSlowMotionFactor = 1000;
    static constexpr SimTime kSlowMotionWindow = SimTime::ms(1);
    static constexpr SimTime kFastestPerFrame = SimTime::s(10);
    // One frame never advances the view by more than this much real time (a stalled window,
    // a breakpoint): the simulation does not leap ahead after a hiccup.
    static constexpr double kMaxFrameSeconds = 0.25;

    Mode mode() const { return m_mode; }
    void setMode(Mode m) { m_mode = m; }
    bool paused() const { return m_mode == Mode::Paused; }
    void togglePause() { m_mode = paused() ? Mode::RealTime : Mode::Paused; }

    double speed() const { return m_speed; }
    // Clamped to [kMinSpeed, kMaxSpeed].
    void setSpeed(double s);

    // True while a packet is in flight at the view time (the slow-motion rule above).
    static bool inSlowMotion(const UiSession& session);
    // The time of the first recorded hop later than viewTime(), if any.
    static std::optional<SimTime> nextPendingHop(const UiSession& session);

    // Advances the session's view for one frame that took realSeconds; returns the simulated time
    // the view moved. Sub-nanosecond remainders carry over to the next frame.
    SimTime frame(UiSession& session, double realSeconds);

    // "Step to the packet's next hop": puts the view at the first recorded hop after the one the
    // cursor is on (without a cursor: the first at or after the view time), runs the simulation up to kMaxEventsToFindHop events
    // to find one when none is recorded yet, and moves the cursor there. False when no hop came.
    static constexpr int kMaxEventsToFindHop = 10'000;
    static bool stepToNextHop(UiSession& session, Selection& selection);

    // How far the view moved in the last frame() in real-time terms, for the Controls panel
    // ("slow motion 1000x").
    bool lastFrameSlow() const { return m_lastFrameSlow; }

private:
    Mode m_mode = Mode::Paused;
    double m_speed = 1.0;
    double m_carryNs = 0.0;
    bool m_lastFrameSlow = false;
};

} // namespace kns::ui
