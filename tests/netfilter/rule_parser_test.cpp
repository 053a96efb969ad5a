#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <kubenetsim/netfilter/rule_parser.hpp>
#include <kubenetsim/netfilter/save.hpp>

using namespace kns;
using namespace kns::netfilter;

TEST_CASE("rule lines split into words as iptables-restore splits them") {
    auto words = splitRuleWords(R"(-A KUBE-SVC-X -m comment --comment "default/simpleservice:" -j KUBE-SEP-Y)");
    REQUIRE(words);
    CHECK(*words == std::vector<std::string>{"-A", "KUBE-SVC-X", "-m", "comment", "--comment", "default/simpleservice:", "-j", "KUBE-SEP-Y"});
    // Escapes inside double quotes, single quotes literally, quoted parts joined to plain ones,
    // an empty quoted word, tabs and carriage returns as spaces.
    words = splitRuleWords("a\"b \\\"c\\\\\"d 'e \\f'\t\"\"  g\r");
    REQUIRE(words);
    CHECK(*words == std::vector<std::string>{"ab \"c\\d", "e \\f", "", "g"});
    CHECK(splitRuleWords("")->empty());
    CHECK(splitRuleWords("   ")->empty());
    auto open = splitRuleWords("-A X -m comment --comment \"unterminated");
    REQUIRE_FALSE(open);
    CHECK(open.error().message == "unterminated double quote");
    CHECK_FALSE(splitRuleWords("-A X 'open"));
}

TEST_CASE("splitting into reused words gives what a fresh split gives, line after line") {
    const std::vector<std::string> lines = {
        R"(-A KUBE-SEP-PXYYII6AHMUWKLYX -s 172.17.0.4/32 -m comment --comment "default/simpleservice:" -j KUBE-MARK-MASQ)",
        "-A KUBE-SERVICES -j KUBE-NODEPORTS",
        R"(-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment "default/simpleservice:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-4SQFZS32ZVMTQEZV)",
        "",
        "-A 'a b' \"\" c",
    };
    std::vector<std::string> reused;
    for (const std::string& line : lines) {
        std::size_t count = 99;
        REQUIRE_FALSE(splitRuleWordsInto(line, reused, count));
        const auto fresh = splitRuleWords(line);
        REQUIRE(fresh);
        REQUIRE(count == fresh->size());
        CHECK(std::vector<std::string>(reused.begin(), reused.begin() + static_cast<std::ptrdiff_t>(count)) == *fresh);
        auto rule = parseRuleSpec(std::span<const std::string>(reused.data(), count), count >= 2 ? 2 : count);
        auto again = parseRuleSpec(*fresh, fresh->size() >= 2 ? 2 : fresh->size());
        CHECK(rule.ok() == again.ok());
    }
    CHECK(reused.size() >= 12);  // the longest line's words stay for the next lines
}

TEST_CASE("an append line parses to the rule its specification gives, with words kept from line to line") {
    std::vector<std::string> words;
    std::vector<Rule> rules;
    REQUIRE(parseAppendLine(R"(-A KUBE-SVC-X -m comment --comment "default/simpleservice:" -m statistic --mode random --probability 0.33333 -j KUBE-SEP-Y)", words, rules));
    const Rule& rule = rules.back();
    CHECK(rule.target.chain == "KUBE-SEP-Y");
    REQUIRE(rule.matches.size() == 2);
    const auto* statistic = std::get_if<StatisticMatch>(&rule.matches[1]);
    REQUIRE(statistic != nullptr);
    CHECK(statistic->probability == storedProbability(0.33333));
    REQUIRE(parseAppendLine("-A KUBE-SERVICES -j KUBE-NODEPORTS", words, rules));
    const Rule& next = rules.back();
    CHECK(next.target.chain == "KUBE-NODEPORTS");
    CHECK(next.matches.empty());
    CHECK_FALSE(parseAppendLine("-A", words, rules));                     // no chain
    CHECK_FALSE(parseAppendLine("-A X -m nosuchmatch", words, rules));    // does not parse
    CHECK_FALSE(parseAppendLine("-A X -m comment --comment \"open", words, rules));  // does not split
    CHECK(rules.size() == 2);  // the failed lines left the list as it was
}

TEST_CASE("append lines parse in place at the end of a list, which a failing line leaves as it was") {
    std::vector<std::string> words;
    std::vector<Rule> rules;
    REQUIRE(parseAppendLine(R"(-A KUBE-SEP-Y -m comment --comment "default/simpleservice:" -s 172.17.0.4/32 -j KUBE-MARK-MASQ)", words, rules));
    REQUIRE(parseAppendLine("-A KUBE-SEP-Y -p tcp -m tcp -j DNAT --to-destination 172.17.0.4:9876", words, rules));
    CHECK_FALSE(parseAppendLine("-A KUBE-SEP-Y -p tcp --nosuchoption", words, rules));
    CHECK_FALSE(parseAppendLine("-A", words, rules));
    REQUIRE(rules.size() == 2);
    CHECK(ruleSpec(rules[0]) == R"( -s 172.17.0.4/32 -m comment --comment "default/simpleservice:" -j KUBE-MARK-MASQ)");
    CHECK(ruleSpec(rules[1]) == " -p tcp -m tcp -j DNAT --to-destination 172.17.0.4:9876");
    // Each rule's matches are allocated at their final size (counted from the -m options).
    CHECK(rules[0].matches.capacity() == 1);
    CHECK(rules[1].matches.capacity() == 1);
}

TEST_CASE("long quoted runs with escapes in them split as character by character would") {
    const std::string comment(300, 'c');
    auto words = splitRuleWords("-A X --comment \"" + comment + "\\\"" + comment + "\\\\x\"tail 'q\"'");
    REQUIRE(words);
    REQUIRE(words->size() == 5);
    CHECK((*words)[3] == comment + "\"" + comment + "\\xtail");
    CHECK((*words)[4] == "q\"");
    CHECK_FALSE(splitRuleWords("-A X \"ends in an escape\\"));
}

TEST_CASE("REJECT takes libxt_REJECT's types and their short aliases, and names each as iptables-save does") {
    const std::pair<const char*, const char*> names[] = {
        {"net-unreach", "icmp-net-unreachable"}, {"host-unreach", "icmp-host-unreachable"}, {"port-unreach", "icmp-port-unreachable"},
        {"proto-unreach", "icmp-proto-unreachable"}, {"net-prohib", "icmp-net-prohibited"}, {"host-prohib", "icmp-host-prohibited"},
        {"admin-prohib", "icmp-admin-prohibited"}, {"tcp-rst", "tcp-reset"}, {"tcp-reset", "tcp-reset"},
        {"icmp-port-unreachable", "icmp-port-unreachable"},
    };
    for (const auto& [given, saved] : names) {
        const std::string type = given;
        CAPTURE(type);
        auto words = splitRuleWords(std::string("-p tcp -j REJECT --reject-with ") + given);
        REQUIRE(words);
        auto rule = parseRuleSpec(*words);
        REQUIRE(rule);
        CHECK(ruleSpec(*rule) == std::string(" -p tcp -j REJECT --reject-with ") + saved);
    }
    auto plain = parseRuleSpec(*splitRuleWords("-j REJECT"));
    REQUIRE(plain);
    CHECK(ruleSpec(*plain) == " -j REJECT --reject-with icmp-port-unreachable");  // the default type
    auto bad = parseRuleSpec(*splitRuleWords("-j REJECT --reject-with bogus"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "unknown reject type \"bogus\"");
}
