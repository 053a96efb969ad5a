#include <cassert>

#include <kubenetsim/netfilter/rule_parser.hpp>
#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>
#include <kubenetsim/proxy/sync_apply.hpp>

namespace kns::proxy {

using namespace netfilter;

namespace {
// iptables -C then -I CHAIN 1: prepend the rule unless an identical one exists.
void ensureRule(Ruleset& rules, TableId table, const std::string& chain, const std::string& spec) {
    auto words = splitRuleWords(spec);
    assert(words && "kube-proxy's own jump rules always parse");
    auto rule = parseRuleSpec(*words);
    assert(rule && "kube-proxy's own jump rules always parse");
    Table& t = rules.ensureTable(table);
    // EnsureChain for both ends first: creating a chain may move the others in memory.
    if (rule->target.kind == TargetKind::Jump) t.ensureChain(rule->target.chain);
    Chain& c = t.ensureChain(chain);
    const std::string text = ruleSpec(*rule);
    for (const auto& r : c.rules)
        if (ruleSpec(r) == text) return;
    c.rules.insert(c.rules.begin(), std::move(*rule));
    c.rulesChanged();
}
} // namespace

RestoreResult applySync(Ruleset& rules, const SyncOutput& sync, SyncCache* cache) {
    for (const auto& j : sync.jumps) ensureRule(rules, j.table, j.chain, j.spec);
    RestoreResult result;
    if (cache && applySyncParts(rules, sync, *cache, result)) return result;
    // The restore decides; what the cache knew of the tables no longer holds.
    if (cache) cache->applied = {};
    return restoreRuleset(rules, sync.restoreText(), RestoreOptions{true, false});
}

void addLegacyKubeletRules(Ruleset& rules) {
    ensureRule(rules, TableId::Nat, "KUBE-MARK-DROP", "-j MARK --set-xmark 0x8000/0x8000");
    ensureRule(rules, TableId::Filter, "KUBE-FIREWALL",
               "-m comment --comment \"kubernetes firewall for dropping marked packets\" -m mark --mark 0x8000/0x8000 -j DROP");
    ensureRule(rules, TableId::Filter, "INPUT", "-j KUBE-FIREWALL");
    ensureRule(rules, TableId::Filter, "OUTPUT", "-j KUBE-FIREWALL");
}

void placeProxyCanaries(Ruleset& rules) {
    // EnsureChain: `iptables -t TABLE -N KUBE-PROXY-CANARY`, no-op when it exists.
    for (TableId t : kProxyCanaryTables) rules.ensureTable(t).ensureChain(kProxyCanaryChain);
}

bool hasProxyCanary(const Ruleset& rules, TableId table) {
    const Table* t = rules.table(table);
    return t && t->find(kProxyCanaryChain);
}

} // namespace kns::proxy
