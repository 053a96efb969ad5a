// The screenshot mode: replay to a point, render, save a PNG (and the frame's text), exit.
#include <ui/app/app.hpp>

#include <fstream>
#include <iostream>
#include <vector>

#include <SFML/OpenGL.hpp>
#include <nlohmann/json.hpp>
#include <stb/stb_image_write.h>

#include <ui/app/scenario_control.hpp>
#include <ui/model/scenario_stepper.hpp>

namespace kns::ui {

namespace {

// Frames drawn before the one saved: ImGui sizes new windows on their first frame, and a frame
// whose text needed glyphs the atlas lacked is followed by a font rebuild and another frame.
constexpr int kSettleFrames = 3;
constexpr int kMaxGlyphRetries = 2;

const std::vector<HopRecord>& hops(const UiSession& s) { return s.sim().state().dataPlane.transport.hops; }

bool writePng(const std::string& path, unsigned width, unsigned height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, static_cast<GLsizei>(width), static_cast<GLsizei>(height), GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows go bottom-up, PNG's top-down.
    stbi_flip_vertically_on_write(1);
    const int stride = static_cast<int>(width) * 3;
    return stbi_write_png(path.c_str(), static_cast<int>(width), static_cast<int>(height), 3, pixels.data(), stride) != 0;
}

} // namespace

bool App::replayTo(const ShotPoint& at) {
    UiSession& s = *m_session;
    if (at.kind == ShotPoint::Kind::Time) {
        s.advanceView(at.time);  // as if played for that long after the window opened
        return true;
    }
    namespace sc = scenario_control;
    const std::size_t count = sc::stepCount(s);
    if (count == 0) {
        std::cerr << "kubenetsim: --at-step: the scenario has no steps\n";
        return false;
    }
    std::size_t step = 0;  // 0-based
    switch (at.kind) {
    case ShotPoint::Kind::LastStep: step = count - 1; break;
    case ShotPoint::Kind::PauseStep: {
        const auto pause = sc::firstPauseStep(s);
        if (!pause) {
            std::cerr << "kubenetsim: --at-step pause: no step of this scenario has a pause point\n";
            return false;
        }
        step = *pause;
        break;
    }
    default:
        if (at.step > count) {
            std::cerr << "kubenetsim: --at-step: step " << at.step << " does not exist (the scenario has " << count
                      << " steps)\n";
            return false;
        }
        step = at.step - 1;
    }
    const sc::Reached reached = sc::runThrough(s, step);
    if (reached.atPause) m_workspace->selection().cursor = reached.cursor;
    if (!reached.report.empty()) std::cerr << "kubenetsim: " << reached.report << "\n";
    // The narration the player shows now: the step's own while the view is paused in it, else
    // the next one's (the screen invites the next press).
    if (const auto narrated = s.stepper().narratedStep())
        m_narration = s.stepper().step(*narrated).narration.in(m_workspace->settings().lang);
    return true;
}

// Where the packet cursor is, from the simulation's records: what the frame should show.
nlohmann::json App::cursorJson() const {
    const Selection::PacketCursor c = m_workspace->selection().cursor;
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops(*m_session).size()) return nullptr;
    nlohmann::json out{{"hop", c.hop}, {"stack_step", c.stackStep}, {"rule", c.rule}};
    const HopRecord& hop = hops(*m_session)[static_cast<std::size_t>(c.hop)];
    out["namespace"] = hop.ns;
    if (c.stackStep < 0 || static_cast<std::size_t>(c.stackStep) >= hop.result.steps.size()) return out;
    const auto& trace = hop.result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps;
    if (c.rule < 0 || static_cast<std::size_t>(c.rule) >= trace.size()) return out;
    out["chain"] = trace[static_cast<std::size_t>(c.rule)].chain;
    out["rule_text"] = trace[static_cast<std::size_t>(c.rule)].text;
    return out;
}

int App::runScreenshot() {
    if (!replayTo(m_options.at)) return 2;
    m_workspace->pacing().setMode(PacingDriver::Mode::Paused);
    const double frame = 1.0 / 60.0;
    for (int i = 0; i < kSettleFrames; ++i) {
        cpuFrame(frame);
        render();
        m_window.display();
    }
    for (int i = 0; i < kMaxGlyphRetries && m_workspace->text().missingGlyphs() > 0; ++i) {
        cpuFrame(frame);  // rebuilds the atlas with the missing characters first
        render();
        m_window.display();
    }
    cpuFrame(frame);
    render();
    const sf::Vector2u size = m_window.getSize();
    if (!writePng(m_options.screenshot, size.x, size.y)) {
        std::cerr << "kubenetsim: " << m_options.screenshot << ": cannot write the PNG\n";
        return 1;
    }
    m_window.display();
    if (!m_options.dumpText.empty()) {
        const TextRecorder& t = m_workspace->text();
        nlohmann::json doc{{"lines", t.lines()},
                           {"cursor", cursorJson()},
                           {"narration", m_narration},
                           {"missing_glyphs", t.missingGlyphs()},
                           {"view_time", m_session->viewTime().str()},
                           {"width", size.x},
                           {"height", size.y}};
        std::ofstream out(m_options.dumpText);
        out << doc.dump(2) << "\n";
        if (!out) {
            std::cerr << "kubenetsim: " << m_options.dumpText << ": cannot write\n";
            return 1;
        }
    }
    return 0;
}

} // namespace kns::ui
