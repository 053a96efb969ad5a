#pragma once
// Every way one table at one hook can decide a packet, with the probability of each.
//
// The kernel draws a random number for each `-m statistic --mode random` rule it reaches; the
// `trace --all` command wants all the outcomes instead of one. enumerateBranches() walks the
// table once per combination of statistic results, following first the branch where the rule
// matches (so the outcomes come in rule order: the first endpoint of a cascade first), and
// multiplies the probabilities of the results taken. `--mode nth` counts as a draw that matches
// with probability 1/every (the share of connections it catches over many). Branches of
// probability 0 are left out.
//
// The walk runs on a copy of the table and of the recent lists: counters, nth counters and
// xt_recent state of the caller are untouched, and no random stream is consumed.
#include <vector>

#include <kubenetsim/netfilter/evaluator.hpp>

namespace kns::netfilter {

struct Draw {
    std::string chain;
    int rule = -1;
    bool matched = false;
    double probability = 1.0;  // of this result (the rule's probability, or its complement)
};

struct Branch {
    double probability = 1.0;
    std::vector<Draw> draws;  // the statistic results this branch took, in evaluation order
    TableResult result;       // verdict, NAT target, mark
    PacketFields fields;      // the fields after the walk (mark set)
    Trace trace;
};

// All branches of `table` at `hook` for `fields`. ctx.rng is not used; ctx.recent is copied.
// With no statistic rule on the path, one branch of probability 1.
std::vector<Branch> enumerateBranches(const Table& table, Hook hook, const PacketFields& fields, const EvalContext& ctx);

} // namespace kns::netfilter
