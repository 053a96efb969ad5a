#include <kubenetsim/dataplane/trace_report.hpp>

#include <cstdio>

#include <nlohmann/json.hpp>

namespace kns::dataplane {

namespace {

std::string fixed(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// One walked rule: where it is, its text, and what it did to the packet.
void renderRule(std::string& out, const netfilter::TraceStep& s) {
    if (s.rule < 0) {
        out += "    " + s.chain + ": " + s.text + "\n";
        return;
    }
    out += "    " + s.chain + " #" + std::to_string(s.rule + 1) + ": " + s.text + "\n      ";
    if (s.probability) {
        if (s.draw) out += "random draw " + fixed(*s.draw, 5) + (s.matched ? " < " : " >= ") + "probability " + fixed(*s.probability, 5) + ": ";
        else out += "statistic probability " + fixed(*s.probability, 5) + ": ";
    }
    if (!s.matched) out += "no match\n";
    else out += s.action.empty() ? std::string("match\n") : "match: " + s.action + "\n";
}

void renderStep(std::string& out, const net::StackStep& step) {
    if (!step.hasHook) {
        out += "  " + step.kind + ": " + step.text + "\n";
        return;
    }
    // A table whose only step is its policy adds nothing but the verdict: one line.
    if (step.trace.steps.size() == 1 && step.trace.steps[0].rule < 0) {
        out += "  " + step.text + ": " + step.trace.steps[0].text + "\n";
        return;
    }
    out += "  " + step.text + "\n";
    for (const auto& s : step.trace.steps) renderRule(out, s);
}

std::string outcomeRow(std::size_t i, const net::PathOutcome& o) {
    auto pad = [](std::string s, std::size_t w) { return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' '); };
    std::string draws;
    for (const auto& d : o.draws) draws += (draws.empty() ? "" : "; ") + d;
    return pad(std::to_string(i + 1), 4) + pad(o.destination, 23) + pad(fixed(o.probability, 5), 13) + pad(o.masquerade ? "true" : "false", 12) +
           pad(o.sourceAfterNat.str(), 18) + (draws.empty() ? "-" : draws) + "\n";
}

nlohmann::ordered_json stepJson(const std::string& ns, const net::StackStep& step) {
    nlohmann::ordered_json j;
    j["ns"] = ns;  // the hop's namespace
    j["kind"] = step.kind;
    j["text"] = step.text;
    if (step.hasHook) {
        j["hook"] = netfilter::hookName(step.hook);
        j["table"] = netfilter::tableName(step.table);
        nlohmann::ordered_json rules = nlohmann::ordered_json::array();
        for (const auto& s : step.trace.steps) {
            nlohmann::ordered_json r;
            r["chain"] = s.chain;
            r["rule"] = s.rule + 1;  // 0: the chain's policy or end
            r["text"] = s.text;
            r["matched"] = s.matched;
            if (s.draw) r["draw"] = *s.draw;
            if (s.probability) r["probability"] = *s.probability;
            r["action"] = s.action;
            rules.push_back(std::move(r));
        }
        j["rules"] = std::move(rules);
    }
    if (step.before) j["before"] = net::packetSummary(*step.before);
    if (step.after) j["after"] = net::packetSummary(*step.after);
    return j;
}

} // namespace

std::string renderTraceText(const TraceReport& r) {
    std::string out;
    if (r.all) {
        out += "outcomes of " + net::packetSummary(r.packet) + " from " + r.origin + " (in " + r.outcomesNs + "):\n";
        out += "#   DESTINATION            PROBABILITY  MASQUERADE  SOURCE AFTER NAT  DRAWS\n";
        double total = 0;
        for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
            out += outcomeRow(i, r.outcomes[i]);
            total += r.outcomes[i].probability;
        }
        out += "total probability " + fixed(total, 5) + "\n";
        return out;
    }
    out += "trace " + net::packetSummary(r.packet) + " from " + r.origin + "\n";
    for (const TraceHop& hop : r.hops) {
        out += hop.ns + (hop.inIface.empty() ? std::string() : " (in by " + hop.inIface + ")") + ":\n";
        for (const auto& step : hop.steps) renderStep(out, step);
    }
    out += "result: " + r.result + "\n";
    return out;
}

std::string renderTraceJson(const TraceReport& r) {
    nlohmann::ordered_json j;
    j["packet"] = net::packetSummary(r.packet);
    j["origin"] = r.origin;
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
    for (const auto& o : r.outcomes) {
        nlohmann::ordered_json x;
        x["destination"] = o.destination;
        x["masquerade"] = o.masquerade;
        x["probability"] = o.probability;
        x["source_after_nat"] = o.sourceAfterNat.str();
        x["draws"] = o.draws;
        outcomes.push_back(std::move(x));
    }
    j["outcomes"] = std::move(outcomes);
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const TraceHop& hop : r.hops)
        for (const auto& s : hop.steps) steps.push_back(stepJson(hop.ns, s));
    j["steps"] = std::move(steps);
    j["result"] = r.result;
    return j.dump(2) + "\n";
}

} // namespace kns::dataplane
