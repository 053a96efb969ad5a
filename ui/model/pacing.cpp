#include <ui/model/pacing.hpp>

#include <algorithm>
#include <cmath>

namespace kns::ui {

namespace {

const std::vector<HopRecord>& hops(const UiSession& s) { return s.sim().state().dataPlane.transport.hops; }

} // namespace

void PacingDriver::setSpeed(double s) {
    if (!(s == s)) s = 1.0;  // NaN from a broken settings file
    m_speed = std::clamp(s, kMinSpeed, kMaxSpeed);
}

std::optional<SimTime> PacingDriver::nextPendingHop(const UiSession& session) {
    const auto& hs = hops(session);
    const SimTime view = session.viewTime();
    // Hops are recorded in time order: the first later than the view is found by bisection.
    const auto it = std::upper_bound(hs.begin(), hs.end(), view,
                                     [](SimTime t, const HopRecord& h) { return t < h.at; });
    if (it == hs.end()) return std::nullopt;
    return it->at;
}

bool PacingDriver::inSlowMotion(const UiSession& session) {
    const auto next = nextPendingHop(session);
    return next && *next - session.viewTime() <= kSlowMotionWindow;
}

SimTime PacingDriver::frame(UiSession& session, double realSeconds) {
    m_lastFrameSlow = false;
    if (m_mode == Mode::Paused || !(realSeconds > 0.0)) return SimTime::zero();
    if (m_mode == Mode::Fastest) {
        session.advanceView(kFastestPerFrame);
        return kFastestPerFrame;
    }
    realSeconds = std::min(realSeconds, kMaxFrameSeconds);
    const SimTime start = session.viewTime();
    double ns = realSeconds * m_speed * 1e9 + m_carryNs;
    const auto next = nextPendingHop(session);
    if (next && *next - start <= kSlowMotionWindow) {
        m_lastFrameSlow = true;
        ns = realSeconds * m_speed * 1e9 / static_cast<double>(kSlowMotionFactor) + m_carryNs;
    }
    auto whole = static_cast<std::int64_t>(std::floor(ns));
    m_carryNs = ns - static_cast<double>(whole);
    if (!m_lastFrameSlow && next) {
        // Do not jump over a pending hop: stop where its slow-motion window begins.
        const std::int64_t toWindow = (*next - kSlowMotionWindow - start).nanos();
        if (whole > toWindow) {
            whole = std::max<std::int64_t>(toWindow, 0);
            m_carryNs = 0.0;
        }
    }
    session.advanceView(SimTime::ns(whole));
    return session.viewTime() - start;
}

bool PacingDriver::stepToNextHop(UiSession& session, Selection& selection) {
    const auto& hs = hops(session);
    std::size_t index = 0;
    if (selection.cursor.valid() && static_cast<std::size_t>(selection.cursor.hop) < hs.size()) {
        index = static_cast<std::size_t>(selection.cursor.hop) + 1;
    } else {
        // No packet followed yet: a hop recorded at the view time itself has not been shown.
        const SimTime view = session.viewTime();
        index = static_cast<std::size_t>(std::lower_bound(hs.begin(), hs.end(), view,
                                          [](const HopRecord& h, SimTime t) { return h.at < t; }) - hs.begin());
    }
    for (int i = 0; index >= hops(session).size() && i < kMaxEventsToFindHop; ++i)
        if (!session.stepOneEvent()) break;
    if (index >= hops(session).size()) return false;
    const SimTime at = hops(session)[index].at;
    if (at > session.viewTime()) session.advanceView(at - session.viewTime());
    else session.setViewTime(at);
    selection.cursor = {static_cast<int>(index), -1, -1};
    return true;
}

} // namespace kns::ui
