#pragma once
// The rules of a sync's parts parsed ahead, for applySyncParts (sync_apply.cpp). A sync that
// rewrites many services (the first sync of a node, or one after a change of context) parses
// hundreds of thousands of lines; each part's lines parse alone, so they are parsed on several
// threads first, each part into its own slot, and the write then takes them in its own order.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <kubenetsim/netfilter/rule.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>
#include <kubenetsim/proxy/sync_parts.hpp>

namespace kns::proxy {

// The rules of "-A CHAIN ...\n" lines; false when one does not parse.
bool parseRuleLines(const std::string& text, std::vector<netfilter::Rule>& out);

class ParsedParts {
public:
    // Below this many lines to parse, nothing is parsed ahead: take() parses when asked.
    static constexpr std::size_t kMinLines = 8192;

    ParsedParts() = default;
    // Parses ahead every part (both tables) of each service of `sync` that `old` does not hold.
    ParsedParts(const SyncOutput& sync, const RulesSet& old);
    // The rules of `part` appended to `out`: moved out when parsed ahead (once), else parsed now.
    // False when one of its lines does not parse.
    bool take(const ChainLines& part, std::vector<netfilter::Rule>& out);

private:
    std::unordered_map<const ChainLines*, std::size_t> m_slot;
    std::vector<std::optional<std::vector<netfilter::Rule>>> m_rules;  // nullopt: a line did not parse
    std::vector<bool> m_taken;
};

} // namespace kns::proxy
