#include <kubenetsim/scenario/pause_point.hpp>

#include <cctype>
#include <cstdio>

#include <kubenetsim/dataplane/data_plane_state.hpp>
#include <kubenetsim/net/stack.hpp>
#include <kubenetsim/netfilter/rule.hpp>

namespace kns::scenario {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The trace step the pause stops at inside one stack step, or -1.
int pauseRule(const PauseAt& pause, const net::StackStep& step) {
    const auto& steps = step.trace.steps;
    if (!pause.hook.empty()) {
        if (lower(netfilter::hookName(step.hook)) != pause.hook || steps.empty()) return -1;
        return 0;
    }
    const std::string table = pause.table.empty() ? "nat" : pause.table;
    if (netfilter::tableName(step.table) != table) return -1;
    int first = -1;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].chain != pause.chain) continue;
        if (first < 0) first = static_cast<int>(i);
        // The chain's statistic rule decides which endpoint the connection gets.
        if (steps[i].probability) return static_cast<int>(i);
        // A jump out of the chain ends this visit (later entries would be another traversal).
        if (steps[i].matched && steps[i].action.rfind("jump ", 0) == 0) break;
    }
    return first;
}

std::string fraction(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

} // namespace

std::optional<PausePoint> findPausePoint(const PauseAt& pause, const std::vector<HopRecord>& hops, std::size_t fromHop) {
    const std::string ns = nodeNamespaceKey(pause.node);
    for (std::size_t h = fromHop; h < hops.size(); ++h) {
        const HopRecord& hop = hops[h];
        if (hop.ns != ns) continue;
        for (std::size_t s = 0; s < hop.result.steps.size(); ++s) {
            const net::StackStep& step = hop.result.steps[s];
            if (!step.hasHook) continue;
            const int rule = pauseRule(pause, step);
            if (rule < 0) continue;
            const netfilter::TraceStep& t = step.trace.steps[static_cast<std::size_t>(rule)];
            PausePoint p;
            p.hop = h;
            p.stackStep = static_cast<int>(s);
            p.traceStep = rule;
            p.at = hop.at;
            p.node = pause.node;
            p.table = netfilter::tableName(step.table);
            p.chain = t.chain;
            p.ruleText = t.text;
            p.packet = net::packetSummary(hop.before);
            p.draw = t.draw;
            p.probability = t.probability;
            p.matched = t.matched;
            p.action = t.action;
            return p;
        }
    }
    return std::nullopt;
}

std::string describePausePoint(const PausePoint& p, Lang lang) {
    const bool ja = lang == Lang::Ja;
    std::string text = (ja ? "一時停止: " : "Paused: ") + p.packet + (ja ? "、node " : " at node ") + p.node + ", " + p.table + " " +
                       p.chain + "\n  " + p.ruleText;
    if (p.draw && p.probability) {
        const bool below = *p.draw < *p.probability;
        text += "\n  " + std::string(ja ? "乱数 " : "draw ") + fraction(*p.draw) + (below ? " < " : " >= ") + fraction(*p.probability) +
                (below ? (ja ? ": このルールへジャンプ" : ": jump") : (ja ? ": 次のルールへ" : ": fall through"));
    }
    return text + "\n";
}

} // namespace kns::scenario
