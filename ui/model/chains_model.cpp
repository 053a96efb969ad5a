#include <ui/model/chains_model.hpp>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include <kubenetsim/netfilter/save.hpp>
#include <ui/model/packet_timeline.hpp>

namespace kns::ui {

namespace {

const Labels kWords{
    {"jump", "jump", "ジャンプ"},
    {"next", "next rule", "次のルールへ"},
};

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

bool hasRealRules(const net::StackStep& s) {
    if (!s.hasHook) return false;
    for (const auto& t : s.trace.steps)
        if (t.rule >= 0) return true;
    return false;
}

std::vector<PathEntry> pathOf(const HopRecord& h, Selection::PacketCursor c) {
    std::vector<PathEntry> path;
    for (std::size_t k = 0; k < h.result.steps.size(); ++k) {
        const net::StackStep& s = h.result.steps[k];
        if (!hasRealRules(s) && static_cast<int>(k) != c.stackStep) continue;
        const std::string builtin = netfilter::hookName(s.hook);
        std::string last;
        for (std::size_t r = 0; r < s.trace.steps.size(); ++r) {
            const auto& t = s.trace.steps[r];
            if (t.chain != last || path.empty()) {
                const std::string label = t.chain == builtin ? std::string(netfilter::tableName(s.table)) + " " + builtin : t.chain;
                path.push_back(PathEntry{label, static_cast<int>(k), static_cast<int>(r), false});
                last = t.chain;
            }
            if (static_cast<int>(k) == c.stackStep && static_cast<int>(r) == c.rule) path.back().current = true;
        }
    }
    return path;
}

ChainSection sectionFor(const net::NetNamespace& ns, const net::StackStep& step, const std::string& chainName, int upTo, int cursorRule,
                        Lang lang) {
    ChainSection sec;
    sec.table = netfilter::tableName(step.table);
    sec.chain = chainName;
    const netfilter::Table* table = ns.rules.table(step.table);
    const netfilter::Chain* chain = table ? table->find(chainName) : nullptr;
    const auto& trace = step.trace.steps;
    bool same = chain != nullptr;
    for (int r = 0; same && r <= upTo; ++r) {
        const auto& t = trace[static_cast<std::size_t>(r)];
        if (t.chain != chainName || t.rule < 0) continue;
        same = static_cast<std::size_t>(t.rule) < chain->rules.size() &&
               netfilter::ruleText(chainName, chain->rules[static_cast<std::size_t>(t.rule)]) == t.text;
    }
    sec.rewritten = !same;
    if (same) {
        for (std::size_t i = 0; i < chain->rules.size(); ++i) {
            const netfilter::Rule& rule = chain->rules[i];
            sec.rows.push_back(ChainRuleRow{static_cast<int>(i), netfilter::ruleText(chainName, rule), rule.counters.packets, rule.counters.bytes,
                                            RuleMark::NotReached, false, {}, {}});
        }
        if (chain->builtin)
            sec.rows.push_back(ChainRuleRow{-1, "policy " + chain->policy, chain->counters.packets, chain->counters.bytes, RuleMark::NotReached,
                                            false, {}, {}});
    }
    std::unordered_map<int, std::size_t> position;  // rule index -> row
    for (std::size_t i = 0; i < sec.rows.size(); ++i) position[sec.rows[i].index] = i;
    for (int r = 0; r <= upTo; ++r) {
        const auto& t = trace[static_cast<std::size_t>(r)];
        if (t.chain != chainName) continue;
        if (t.rule < 0 && !(chain && chain->builtin)) continue;  // a user chain's implicit return
        auto at = position.find(t.rule);
        if (at == position.end()) {
            at = position.emplace(t.rule, sec.rows.size()).first;
            sec.rows.push_back(ChainRuleRow{t.rule, t.text, 0, 0, RuleMark::NotReached, false, {}, {}});
        }
        ChainRuleRow* row = &sec.rows[at->second];
        row->mark = t.matched ? RuleMark::Matched : RuleMark::NotMatched;
        if (t.draw && t.probability) row->draw = drawText(*t.draw, *t.probability, lang);
        row->action = t.matched ? t.action : std::string();
        row->current = r == cursorRule;
        sec.current = sec.current || row->current;
    }
    return sec;
}

} // namespace

std::string drawComparison(double draw, double probability) {
    int decimals = 2;
    while (decimals < 11 && fixed(draw, decimals) == fixed(probability, decimals)) ++decimals;
    return fixed(draw, decimals) + (draw < probability ? " < " : " >= ") + fixed(probability, decimals);
}

std::string drawText(double draw, double probability, Lang lang) {
    return drawComparison(draw, probability) + " -> " + kWords.get(draw < probability ? "jump" : "next", lang);
}

std::string headerText(const net::Packet& p) { return net::packetSummary(p); }

ChainsModel buildChainsModel(const Simulation& sim, Selection::PacketCursor c, Lang lang) {
    ChainsModel m;
    const auto& hops = sim.state().dataPlane.transport.hops;
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops.size()) return m;
    const HopRecord& h = hops[static_cast<std::size_t>(c.hop)];
    m.valid = true;
    m.ns = h.ns;
    m.at = h.at;
    m.reply = isReplyHop(h);
    m.arrived = h.before;
    m.left = h.after;
    for (const net::StackStep& s : h.result.steps) {
        if (s.kind == "conntrack") m.conntrack = s.text;
        if (s.kind == "nat" && s.before && s.after)
            m.rewrites.push_back(NatRewrite{s.text.rfind("destination", 0) == 0, m.reply, *s.before, *s.after});
    }
    m.path = pathOf(h, c);
    if (c.stackStep < 0 || static_cast<std::size_t>(c.stackStep) >= h.result.steps.size()) return m;
    const net::StackStep& step = h.result.steps[static_cast<std::size_t>(c.stackStep)];
    m.hook = step.text;
    const auto& trace = step.trace.steps;
    if (trace.empty()) return m;
    const int upTo = c.rule >= 0 && static_cast<std::size_t>(c.rule) < trace.size() ? c.rule : static_cast<int>(trace.size()) - 1;
    auto nsIt = sim.state().dataPlane.namespaces.find(h.ns);
    static const net::NetNamespace kGone{};
    const net::NetNamespace& ns = nsIt == sim.state().dataPlane.namespaces.end() ? kGone : nsIt->second;
    std::vector<std::string> order;
    for (int r = 0; r <= upTo; ++r) {
        const std::string& chain = trace[static_cast<std::size_t>(r)].chain;
        if (std::find(order.begin(), order.end(), chain) == order.end()) order.push_back(chain);
    }
    for (const std::string& chain : order) m.chains.push_back(sectionFor(ns, step, chain, upTo, c.rule, lang));
    if (c.rule >= 0 && static_cast<std::size_t>(c.rule) < trace.size()) {
        const auto& t = trace[static_cast<std::size_t>(c.rule)];
        m.currentChain = t.chain;
        m.currentRule = t.text;
        if (t.draw && t.probability) m.currentDraw = drawText(*t.draw, *t.probability, lang);
    }

    return m;
}

} // namespace kns::ui
