#include <kubenetsim/proxy/parsed_parts.hpp>

#include <iterator>
#include <string_view>

#include <kubenetsim/netfilter/rule_parser.hpp>
#include <kubenetsim/util/parallel.hpp>

namespace kns::proxy {

using netfilter::Rule;

bool parseRuleLines(const std::string& text, std::vector<Rule>& out) {
    thread_local std::vector<std::string> words;  // reused line after line (parts parse on every core)
    std::string_view rest(text);
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        if (!netfilter::parseAppendLine(line, words, out)) return false;
    }
    return true;
}

ParsedParts::ParsedParts(const SyncOutput& sync, const RulesSet& old) {
    std::vector<const ChainLines*> parts;
    std::size_t lines = 0;
    for (const auto& svc : sync.services) {
        if (old.count(svc.get())) continue;
        for (const auto* table : {&svc->natParts, &svc->filterParts})
            for (const ChainLines& p : *table) {
                parts.push_back(&p);
                lines += p.rules;
            }
    }
    if (lines < kMinLines) return;
    m_rules.resize(parts.size());
    m_taken.assign(parts.size(), false);
    constexpr std::size_t kPartsPerThread = 64;
    parallelFor(parts.size(), kPartsPerThread, [&](std::size_t k) {
        std::vector<Rule> rules;
        rules.reserve(parts[k]->rules);
        if (parseRuleLines(*parts[k]->text, rules)) m_rules[k] = std::move(rules);
    });
    m_slot.reserve(parts.size());
    for (std::size_t k = 0; k < parts.size(); ++k) m_slot.emplace(parts[k], k);
}

bool ParsedParts::take(const ChainLines& part, std::vector<Rule>& out) {
    auto it = m_slot.find(&part);
    if (it == m_slot.end() || m_taken[it->second]) return parseRuleLines(*part.text, out);
    m_taken[it->second] = true;
    std::optional<std::vector<Rule>>& rules = m_rules[it->second];
    if (!rules) return false;
    if (out.empty()) out = std::move(*rules);
    else std::move(rules->begin(), rules->end(), std::back_inserter(out));
    return true;
}

} // namespace kns::proxy
