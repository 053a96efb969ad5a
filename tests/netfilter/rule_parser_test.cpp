#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <kubenetsim/netfilter/rule_parser.hpp>

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
    auto rule = parseAppendLine(R"(-A KUBE-SVC-X -m comment --comment "default/simpleservice:" -m statistic --mode random --probability 0.33333 -j KUBE-SEP-Y)", words);
    REQUIRE(rule);
    CHECK(rule->target.chain == "KUBE-SEP-Y");
    REQUIRE(rule->matches.size() == 2);
    const auto* statistic = std::get_if<StatisticMatch>(&rule->matches[1]);
    REQUIRE(statistic != nullptr);
    CHECK(statistic->probability == storedProbability(0.33333));
    auto next = parseAppendLine("-A KUBE-SERVICES -j KUBE-NODEPORTS", words);
    REQUIRE(next);
    CHECK(next->target.chain == "KUBE-NODEPORTS");
    CHECK(next->matches.empty());
    CHECK_FALSE(parseAppendLine("-A", words));                     // no chain
    CHECK_FALSE(parseAppendLine("-A X -m nosuchmatch", words));    // does not parse
    CHECK_FALSE(parseAppendLine("-A X -m comment --comment \"open", words));  // does not split
}
