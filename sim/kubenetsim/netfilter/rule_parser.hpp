#pragma once
// Rule arguments as iptables takes them ("-m comment --comment X -m tcp -p tcp -d IP --dport 80
// -j KUBE-SVC-..."), parsed into a typed Rule. Options may come in any order; each module option
// goes to the latest loaded match that takes it, and --sport/--dport load the tcp/udp match
// implicitly after -p, as iptables does. Validation happens here, never on the packet path.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <kubenetsim/netfilter/rule.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::netfilter {

// Splits a line into words the way iptables-restore does: whitespace separates, double quotes
// group (with \" and \\ escapes), single quotes group literally.
Expected<std::vector<std::string>> splitRuleWords(const std::string& line);
// The same into words[0..count), reusing the strings (and their capacity) words already holds:
// a parser of many lines splits them without allocating once its words have grown.
std::optional<Error> splitRuleWordsInto(std::string_view line, std::vector<std::string>& words, std::size_t& count);

// Parses args[from..] as a rule specification. Errors name the offending option.
Expected<Rule> parseRuleSpec(std::span<const std::string> args, std::size_t from = 0);
// The same into `rule`, a default-constructed Rule; its contents are unspecified on error.
std::optional<Error> parseRuleSpecInto(std::span<const std::string> args, std::size_t from, Rule& rule);

// One append line of a restore ("-A CHAIN SPEC..."): the rule SPEC gives, parsed in place at the
// end of `out`; false, with `out` as it was, when the line does not split or parse (the chain word
// is the caller's to check). `words` is scratch space the caller keeps from line to line
// (splitRuleWordsInto).
bool parseAppendLine(std::string_view line, std::vector<std::string>& words, std::vector<Rule>& out);

// "0.33333" -> the 31-bit value the kernel stores: lround(p * 2^31), as iptables 1.8.9 parses it.
std::uint32_t storedProbability(double p);

} // namespace kns::netfilter
