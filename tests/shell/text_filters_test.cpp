// grep, head, tail, wc and sort as GNU tools behave on a pipe.
#include <doctest/doctest.h>

#include <kubenetsim/shell/grep_pattern.hpp>

#include "shell_fixture.hpp"

using kns::shell::test::ShellFixture;

namespace {

// The lines of iptables-save that the tutorial greps, as a pipe source.
const char* kRules =
    "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
    "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports\" -j KUBE-NODEPORTS\n"
    "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV\n"
    "COMMIT\n";

struct Piped : ShellFixture {
    Piped() {
        shell.registerCommand("rules", kns::shell::CommandInfo{[](kns::shell::Invocation&) { return kns::shell::CommandResult{kRules, "", 0}; }, "", ""});
    }
};

} // namespace

TEST_CASE("grep prints matching lines, -v the others, -c their number") {
    Piped f;
    auto r = f.run("rules | grep simpleservice");
    CHECK(r.out ==
          "-A KUBE-SEP-4SQFZS32ZVMTQEZV -s 172.17.0.3/32 -m comment --comment \"default/simpleservice:\" -j KUBE-MARK-MASQ\n"
          "-A KUBE-SVC-EZC6WLOVQADP4IAW -m comment --comment \"default/simpleservice:\" -j KUBE-SEP-4SQFZS32ZVMTQEZV\n");
    CHECK(f.run("rules | grep -v KUBE").out == "COMMIT\n");
    CHECK(f.run("rules | grep -c KUBE-S").out == "3\n");
    CHECK(f.run("rules | grep -vc KUBE").out == "1\n");
}

TEST_CASE("grep exits 1 when nothing matched, also with -c, and 2 on a bad pattern") {
    Piped f;
    auto none = f.run("rules | grep nothing-here");
    CHECK(none.out == "");
    CHECK(none.status == 1);
    auto counted = f.run("rules | grep -c nothing-here");
    CHECK(counted.out == "0\n");
    CHECK(counted.status == 1);
    auto bad = f.run("rules | grep 'a\\('");
    CHECK(bad.err == "grep: Unmatched ( or \\(\n");
    CHECK(bad.status == 2);
    auto brack = f.run("rules | grep '[abc'");
    CHECK(brack.err == "grep: Unmatched [, [^, [:, [., or [=\n");
}

TEST_CASE("grep reads basic regular expressions by default and extended ones with -E") {
    Piped f;
    // In a BRE, | and + are literal; \| and \+ are GNU operators.
    CHECK(f.run("rules | grep -c 'COMMIT|NODEPORTS'").out == "0\n");
    CHECK(f.run("rules | grep -c 'COMMIT\\|NODEPORTS'").out == "2\n");
    CHECK(f.run("rules | grep -c -E 'COMMIT|NODEPORTS'").out == "2\n");
    CHECK(f.run("rules | grep -c 'SEP-[A-Z0-9]\\+ -s'").out == "1\n");
    CHECK(f.run("rules | grep -cE 'SEP-[A-Z0-9]+ -s'").out == "1\n");
    CHECK(f.run("rules | grep -c '^COMMIT$'").out == "1\n");
    CHECK(f.run("echo 'a(b)' | grep 'a(b)'").out == "a(b)\n");
    CHECK(f.run("echo 'a+b' | grep -F 'a+b'").out == "a+b\n");
    CHECK(f.run("echo '*star' | grep '*s'").out == "*star\n");
}

TEST_CASE("grep -i ignores case, -e adds patterns, -w and -x match whole words and lines") {
    Piped f;
    CHECK(f.run("rules | grep -i commit").out == "COMMIT\n");
    CHECK(f.run("rules | grep -c -e COMMIT -e NODEPORTS").out == "2\n");
    CHECK(f.run("echo 'podx pod' | grep -c -w podx").out == "1\n");
    CHECK(f.run("echo 'pods' | grep -c -w pod").out == "0\n");
    CHECK(f.run("echo 'pod' | grep -x pod").out == "pod\n");
    CHECK(f.run("echo | grep -e").err == "grep: option requires an argument -- 'e'\n"
                                           "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
}

TEST_CASE("grep without a pattern or with a file operand fails as GNU grep does") {
    Piped f;
    auto none = f.run("rules | grep");
    CHECK(none.err == "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    CHECK(none.status == 2);
    CHECK(f.run("grep x /etc/hosts").err == "grep: /etc/hosts: No such file or directory\n");
    CHECK(f.run("rules | grep -z x").err.rfind("grep: invalid option -- 'z'\n", 0) == 0);
}

TEST_CASE("head and tail keep the first or last lines in every option spelling") {
    Piped f;
    CHECK(f.run("seq 20 | head").out == "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    CHECK(f.run("seq 5 | head -n 2").out == "1\n2\n");
    CHECK(f.run("seq 5 | head -n2").out == "1\n2\n");
    CHECK(f.run("seq 5 | head -2").out == "1\n2\n");
    CHECK(f.run("seq 5 | head --lines=1").out == "1\n");
    CHECK(f.run("seq 2 | head -n 5").out == "1\n2\n");
    CHECK(f.run("seq 5 | tail -n 2").out == "4\n5\n");
    CHECK(f.run("seq 5 | tail -n +4").out == "4\n5\n");
    CHECK(f.run("seq 5 | tail -1").out == "5\n");
    auto bad = f.run("seq 5 | head -n x");
    CHECK(bad.err == "head: invalid number of lines: 'x'\n");
    CHECK(bad.status == 1);
}

TEST_CASE("wc -l counts newlines and wc alone pads three counts") {
    Piped f;
    CHECK(f.run("rules | wc -l").out == "4\n");
    CHECK(f.run("echo hello world | wc").out == "      1       2      12\n");
    CHECK(f.run("seq 3 | grep 9 | wc -l").out == "0\n");
    CHECK(f.run("echo | wc -q").status == 1);
}

TEST_CASE("sort orders lines bytewise, numerically with -n, reversed with -r, unique with -u") {
    Piped f;
    CHECK(f.run("seq 10 | sort | head -n 3").out == "1\n10\n2\n");
    CHECK(f.run("seq 10 | sort -n | tail -n 2").out == "9\n10\n");
    CHECK(f.run("seq 3 | sort -rn").out == "3\n2\n1\n");
    CHECK(f.run("echo b; echo a").out == "b\na\n");
    CHECK(f.run("for i in b a b; do echo $i; done | sort -u").out == "a\nb\n");
}

TEST_CASE("grep patterns translate to ECMAScript with POSIX bracket rules") {
    using kns::shell::GrepSyntax;
    using kns::shell::grepToEcmaScript;
    CHECK(*grepToEcmaScript("a\\(b\\)\\{2\\}", GrepSyntax::Basic) == "a(b){2}");
    CHECK(*grepToEcmaScript("a(b)+?|", GrepSyntax::Basic) == "a\\(b\\)\\+\\?\\|");
    CHECK(*grepToEcmaScript("[]\\x]", GrepSyntax::Basic) == "[\\]\\\\x]");
    CHECK(*grepToEcmaScript("[[:digit:]]", GrepSyntax::Extended) == "[[:digit:]]");
    CHECK(*grepToEcmaScript("a.b", GrepSyntax::Fixed) == "a\\.b");
    CHECK(*grepToEcmaScript("{x}", GrepSyntax::Extended) == "\\{x}");
}
