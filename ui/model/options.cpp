#include <ui/model/options.hpp>

#include <charconv>

namespace kns::ui {

namespace {

template <class T>
bool parseNumber(const std::string& text, T& out) {
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && p == end;
}

Error bad(const std::string& option, const std::string& message) { return Error{message, option}; }

Expected<ShotPoint> parseStep(const std::string& v) {
    ShotPoint at;
    if (v == "last") { at.kind = ShotPoint::Kind::LastStep; return at; }
    if (v == "pause") { at.kind = ShotPoint::Kind::PauseStep; return at; }
    std::size_t n = 0;
    if (!parseNumber(v, n) || n == 0)
        return bad("--at-step", "\"" + v + "\" is not a step number (1, 2, ...), last or pause");
    at.kind = ShotPoint::Kind::Step;
    at.step = n;
    return at;
}

} // namespace

std::string usage() {
    return "usage: kubenetsim [--scenario FILE] [--profile P] [--seed N] [--lang en|ja]\n"
           "                  [--screenshot OUT.png (--at-step N|last|pause | --at-time T) [--dump-text FILE]]\n"
           "                  [--bench-frames N] [--help]\n"
           "\n"
           "Opens the window on the scenario (the Services tutorial by default).\n"
           "  --scenario FILE     a scenario JSON file\n"
           "  --profile P         the cluster profile (legacy or modern) instead of the scenario's\n"
           "  --seed N            the random seed instead of the scenario's\n"
           "  --lang en|ja        the language of labels and narration (saved in the settings)\n"
           "  --screenshot OUT    replay to a point, save one frame as PNG and exit\n"
           "  --at-step N         after step N (1-based) completes, or at its pause point\n"
           "  --at-step last      after the last step\n"
           "  --at-step pause     at the first step with a pause point (the default)\n"
           "  --at-time T         after T of simulated time has played (90s, 250ms, 2m)\n"
           "  --dump-text FILE    with --screenshot: the text drawn in that frame, as JSON\n"
           "  --bench-frames N    run N frames with 1,000 pods and 200 packets in flight and print\n"
           "                      the CPU frame-time percentiles as one JSON line\n";
}

Expected<Options> parseOptions(const std::vector<std::string>& args) {
    Options o;
    bool atGiven = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) -> std::optional<Error> {
            if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) return bad(a, "needs a value");
            out = args[++i];
            return std::nullopt;
        };
        std::string v;
        if (a == "--help" || a == "-h") { o.help = true; continue; }
        if (a == "--has-window") { o.hasWindow = true; continue; }
        if (a != "--scenario" && a != "--profile" && a != "--seed" && a != "--lang" && a != "--screenshot" &&
            a != "--at-step" && a != "--at-time" && a != "--dump-text" && a != "--bench-frames")
            return bad(a, a.rfind("-", 0) == 0 ? "unknown option" : "unexpected argument (options start with --)");
        if (auto e = value(v)) return *e;
        if (a == "--scenario") o.scenario = v;
        else if (a == "--profile") o.profile = v;
        else if (a == "--seed") {
            std::uint64_t n = 0;
            if (!parseNumber(v, n)) return bad(a, "\"" + v + "\" is not a number");
            o.seed = n;
        } else if (a == "--lang") {
            const auto lang = scenario::parseLang(v);
            if (!lang) return bad(a, "\"" + v + "\" is not en or ja");
            o.lang = *lang;
        } else if (a == "--screenshot") o.screenshot = v;
        else if (a == "--dump-text") o.dumpText = v;
        else if (a == "--bench-frames") {
            int n = 0;
            if (!parseNumber(v, n) || n <= 0) return bad(a, "\"" + v + "\" is not a positive number of frames");
            o.benchFrames = n;
        } else if (a == "--at-step" || a == "--at-time") {
            if (atGiven) return bad(a, "give one of --at-step and --at-time, once");
            atGiven = true;
            if (a == "--at-step") {
                auto at = parseStep(v);
                if (!at) return at.error();
                o.at = *at;
            } else {
                SimTime t;
                if (!SimTime::parse(v, t) || t < SimTime::zero())
                    return bad(a, "\"" + v + "\" is not a duration (90s, 250ms, 2m)");
                o.at = ShotPoint{ShotPoint::Kind::Time, 0, t};
            }
        }
    }
    if (o.screenshot.empty() && atGiven) return bad("--screenshot", "--at-step and --at-time need --screenshot OUT.png");
    if (o.screenshot.empty() && !o.dumpText.empty()) return bad("--dump-text", "needs --screenshot OUT.png");
    if (!o.screenshot.empty() && o.benchFrames > 0) return bad("--bench-frames", "cannot be combined with --screenshot");
    return o;
}

} // namespace kns::ui
