#pragma once
// The fast way through one table block of an iptables-restore input, for the shape iptables-save
// and kube-proxy write: chain declarations first, then "-A CHAIN ..." appends and "-X CHAIN"
// deletions. The block is checked whole before anything changes: when it is valid the result is
// exactly what the line-by-line restore gives; when it is not (or has another shape) nothing is
// changed and the caller runs the line-by-line restore, which reports the error as the real
// command does. Declared chains whose new lines equal the lines they were last restored from
// (Chain::source) keep their parsed rules, with counters reset as fresh rules have none.
#include <string_view>
#include <vector>

#include <kubenetsim/netfilter/restore.hpp>

namespace kns::netfilter {

// lines[begin] is the "*table" line, lines[commit] its "COMMIT". Returns false, having changed
// nothing, when the block needs the line-by-line restore.
bool restoreGroupedBlock(Ruleset& rules, const std::vector<std::string_view>& lines, std::size_t begin, std::size_t commit,
                         const RestoreOptions& options, RestoreResult& result);

// Leading blanks removed ("" for a blank line).
std::string_view trimLeft(std::string_view line);

} // namespace kns::netfilter
