#pragma once
// iptables-restore input applied to a Ruleset, with iptables-nft 1.8.9's semantics:
//  - each table's block up to COMMIT is applied atomically; an error stops the restore there,
//    leaving the tables committed before it in place. So a restore is not refused "as a whole":
//    checked with iptables-restore 1.8.9 (nf_tables) in a scratch network namespace, a good
//    *nat block followed by a *filter block that jumps to a missing chain leaves nat committed
//    and filter untouched (exit status 2, "Error occurred at line: N"); with the bad block
//    first, nothing after it is applied;
//  - without --noflush, a table named in the input is replaced whole; with --noflush only the
//    chains declared with ":NAME" are flushed (and created if missing);
//  - a jump to a chain the table does not have refuses that table's block;
//  - the error text and exit status are the real command's.
#include <string>

#include <kubenetsim/netfilter/ruleset.hpp>

namespace kns::netfilter {

struct RestoreOptions {
    bool noflush = false;
    bool counters = false;  // --counters: keep "[p:b]" counters from the input
    // Apply every line in turn, never the grouped fast path (restore_grouped.hpp); the result is
    // the same, which tests prove by comparing the two.
    bool lineByLine = false;
};

struct RestoreResult {
    bool ok = true;
    int exitStatus = 0;     // 0 ok, 1 other problem, 2 parameter problem, 4 resource problem
    std::string errorText;  // what iptables-restore prints on stderr, final newline included
    int errorLine = 0;
    std::size_t tablesCommitted = 0;
    std::size_t rulesWritten = 0;
};

RestoreResult restoreRuleset(Ruleset& rules, const std::string& text, const RestoreOptions& options);

} // namespace kns::netfilter
