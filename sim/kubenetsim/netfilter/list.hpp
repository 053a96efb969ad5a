#pragma once
// `iptables [-t T] -L [CHAIN] [-n] [-v] [-x] [--line-numbers]` and `iptables -S [CHAIN]` in the
// layouts of iptables 1.8.9 (nf_tables), checked against the real command's output in
// tests/data/netfilter/. Without -n, kubenetsim prints "anywhere" for 0.0.0.0/0, protocol and
// well-known port names, but no reverse-DNS names (a simulated cluster has no resolver for them).
#include <optional>
#include <string>

#include <kubenetsim/netfilter/ruleset.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::netfilter {

struct ListOptions {
    bool numeric = false;      // -n
    bool verbose = false;      // -v
    bool exact = false;        // -x
    bool lineNumbers = false;  // --line-numbers
};

// An absent chain is an error with iptables' wording ("iptables: No chain/target/match by that name.").
Expected<std::string> listChains(const Table& table, const std::optional<std::string>& chain, const ListOptions& options);
Expected<std::string> listRulesS(const Table& table, const std::optional<std::string>& chain);

} // namespace kns::netfilter
