#pragma once
// iptables-save output, byte-identical to iptables 1.8.9 (nf_tables), and the rule text shared by
// `iptables -S`, traces and the window.
#include <optional>
#include <string>

#include <kubenetsim/netfilter/ruleset.hpp>

namespace kns::netfilter {

struct SaveOptions {
    std::optional<TableId> onlyTable;  // -t TABLE
    bool counters = false;             // -c: "[pkts:bytes] -A ..."
    std::string timestamp;             // ctime-style "Thu Nov 26 07:14:01 2026" for the header lines
};

std::string saveRuleset(const Ruleset& rules, const SaveOptions& options);
// "-A CHAIN -d 172.30.228.255/32 -p tcp -m comment ... -j KUBE-SVC-..." (no counters).
std::string ruleText(const std::string& chain, const Rule& rule);
// The part after "-A CHAIN": " -d ... -j TARGET" with its leading space.
std::string ruleSpec(const Rule& rule);
// The target part of a rule: " -j DNAT --to-destination 172.17.0.4:9876" with its leading space.
std::string targetText(const Target& target);
// xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with " \ ' escaped.
std::string saveString(const std::string& value);
// The ctstate list in libxt_conntrack's order: INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT.
std::string ctStateList(std::uint32_t states);
// How iptables prints a stored statistic probability: probability / 2^31 with 11 decimals.
std::string probabilityText(std::uint32_t stored);

} // namespace kns::netfilter
