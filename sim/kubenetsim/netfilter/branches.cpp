#include <kubenetsim/netfilter/branches.hpp>

#include <map>
#include <utility>

namespace kns::netfilter {

namespace {

// Where a statistic match sits in the working copy of the table.
using RuleRef = std::pair<std::string, int>;  // chain name, rule index

struct StatSite {
    RuleRef ref;
    std::size_t match;
    StatisticMatch original;
};

// The probability that the statistic match matches, as the kernel would decide it.
double matchProbability(const StatisticMatch& m) {
    double p = m.nth ? (m.every ? 1.0 / static_cast<double>(m.every) : 0.0) : static_cast<double>(m.probability) / 2147483648.0;
    return m.negated ? 1.0 - p : p;
}

class Enumerator {
public:
    Enumerator(const Table& table, Hook hook, const PacketFields& fields, const EvalContext& ctx)
        : m_table(table), m_hook(hook), m_fields(fields), m_ctx(ctx) {
        const auto& chains = m_table.chains();
        for (std::size_t c = 0; c < chains.size(); ++c)
            for (std::size_t r = 0; r < chains[c].rules.size(); ++r)
                for (std::size_t k = 0; k < chains[c].rules[r].matches.size(); ++k)
                    if (auto* s = std::get_if<StatisticMatch>(&chains[c].rules[r].matches[k])) {
                        m_index.emplace(RuleRef{chains[c].name, static_cast<int>(r)}, m_sites.size());
                        m_sites.push_back(StatSite{RuleRef{chains[c].name, static_cast<int>(r)}, k, *s});
                    }
    }

    std::vector<Branch> run() {
        explore({});
        return std::move(m_out);
    }

private:
    // Forces every statistic match of the copy: always (probability 2^31, which every 31-bit draw
    // is below) or never (probability 0), as `assign` says; unassigned ones match.
    void force(const std::map<RuleRef, bool>& assign) {
        for (const StatSite& s : m_sites) {
            auto it = assign.find(s.ref);
            const bool hit = it == assign.end() || it->second;
            StatisticMatch forced;
            forced.probability = hit ? 0x80000000u : 0u;
            Chain& chain = *m_table.find(s.ref.first);
            chain.rules[static_cast<std::size_t>(s.ref.second)].matches[s.match] = forced;
            chain.rulesChanged();
        }
    }

    const StatSite* siteOf(const std::string& chain, int rule) const {
        auto it = m_index.find(RuleRef{chain, rule});
        return it == m_index.end() ? nullptr : &m_sites[it->second];
    }

    void explore(const std::map<RuleRef, bool>& assign) {
        force(assign);
        Branch b;
        b.fields = m_fields;
        RecentLists recent = m_ctx.recent ? *m_ctx.recent : RecentLists{};
        Rng unused;
        EvalContext ctx{&unused, &recent, m_ctx.now, m_ctx.isLocal};
        b.result = evaluateHook(m_table, m_hook, b.fields, ctx, &b.trace);
        // The statistic rules reached (a forced match records its probability in the step),
        // and which of them were free choices defaulted to "match".
        std::vector<RuleRef> free;
        for (TraceStep& step : b.trace.steps) {
            if (!step.probability) continue;
            const StatSite* site = siteOf(step.chain, step.rule);
            if (!site) continue;
            const RuleRef ref{step.chain, step.rule};
            auto it = assign.find(ref);
            const bool hit = it == assign.end() || it->second;
            if (it == assign.end()) free.push_back(ref);
            const double p = matchProbability(site->original);
            b.draws.push_back(Draw{step.chain, step.rule, hit, hit ? p : 1.0 - p});
            b.probability *= hit ? p : 1.0 - p;
            // Show the learner the rule's real probability, not the forced one.
            step.probability = matchProbability(site->original);
            step.draw.reset();
        }
        if (b.probability <= 0.0) return;
        m_out.push_back(std::move(b));
        // Depth first, the deepest choice varying fastest: flip the last free choice first.
        for (std::size_t i = free.size(); i-- > 0;) {
            std::map<RuleRef, bool> next = assign;
            for (std::size_t j = 0; j < i; ++j) next[free[j]] = true;
            next[free[i]] = false;
            explore(next);
        }
    }

    Table m_table;  // a copy: counters and forced probabilities change only here
    Hook m_hook;
    PacketFields m_fields;
    const EvalContext& m_ctx;
    std::vector<StatSite> m_sites;
    std::map<RuleRef, std::size_t> m_index;  // into m_sites
    std::vector<Branch> m_out;
};

} // namespace

std::vector<Branch> enumerateBranches(const Table& table, Hook hook, const PacketFields& fields, const EvalContext& ctx) {
    return Enumerator(table, hook, fields, ctx).run();
}

} // namespace kns::netfilter
