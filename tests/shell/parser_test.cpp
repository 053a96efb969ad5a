// How a line becomes words and commands: quotes, escapes, expansions, loops, sequences.
#include <doctest/doctest.h>

#include <kubenetsim/shell/parser.hpp>

#include "shell_fixture.hpp"

using kns::shell::test::ShellFixture;

TEST_CASE("single quotes keep blanks, double quotes and dollars literally") {
    ShellFixture f;
    CHECK(f.run("args 'a  b' 'say \"hi\"' '$x'").out == "[a  b]\n[say \"hi\"]\n[$x]\n");
}

TEST_CASE("double quotes keep blanks and single quotes and expand variables") {
    ShellFixture f;
    CHECK(f.run("for x in v; do args \"a  'b' $x\" \"${x}s\"; done").out == "[a  'b' v]\n[vs]\n");
}

TEST_CASE("a backslash escapes one character outside quotes and only $ ` \" \\ inside double quotes") {
    ShellFixture f;
    CHECK(f.run("args a\\ b \\$x \\\\").out == "[a b]\n[$x]\n[\\]\n");
    CHECK(f.run("args \"\\$x \\\" \\n\"").out == "[$x \" \\n]\n");
}

TEST_CASE("adjacent quoted and unquoted pieces form one word and empty quotes an empty argument") {
    ShellFixture f;
    CHECK(f.run("args app=\"sise\"'x' '' \"\"").out == "[app=sisex]\n[]\n[]\n");
}

TEST_CASE("a for loop over $(seq N) runs every command of its body once per value") {
    ShellFixture f;
    auto r = f.run("for i in $(seq 3); do args $i; echo done-$i; done");
    CHECK(r.out == "[1]\ndone-1\n[2]\ndone-2\n[3]\ndone-3\n");
    CHECK(r.status == 0);
}

TEST_CASE("a for loop over literal words, and a loop as the first stage of a pipe") {
    ShellFixture f;
    CHECK(f.run("for n in a b c; do echo $n; done").out == "a\nb\nc\n");
    CHECK(f.run("for n in a b c; do echo $n; done | grep -v b").out == "a\nc\n");
}

TEST_CASE("an unquoted substitution splits into fields and a quoted one does not") {
    ShellFixture f;
    CHECK(f.run("args $(echo 'x  y')").out == "[x]\n[y]\n");
    CHECK(f.run("args \"$(echo 'x  y')\"").out == "[x  y]\n");
    CHECK(f.run("args $undefined end").out == "[end]\n");
}

TEST_CASE("sudo in front of a command is accepted and ignored") {
    ShellFixture f;
    CHECK(f.run("sudo args a").out == "[a]\n");
    CHECK(f.run("sudo echo x | sudo grep x").out == "x\n");
}

TEST_CASE("comments run to the end of the line but a quoted or inner hash is text") {
    ShellFixture f;
    CHECK(f.run("args a # b c").out == "[a]\n");
    CHECK(f.run("args '#x' y#z").out == "[#x]\n[y#z]\n");
    CHECK(f.run("# only a comment").out == "");
}

TEST_CASE("semicolons run in order and && and || depend on the previous status") {
    ShellFixture f;
    CHECK(f.run("echo a; echo b").out == "a\nb\n");
    CHECK(f.run("false && echo no; echo yes").out == "yes\n");
    CHECK(f.run("true && echo and || echo or").out == "and\n");
    CHECK(f.run("false || echo or").out == "or\n");
    CHECK(f.run("echo $?; false; echo $?").out == "0\n1\n");
}

TEST_CASE("newlines in a run separate commands like semicolons") {
    ShellFixture f;
    CHECK(f.run("echo a\necho b\nfor i in 1 2\ndo\n  echo $i\ndone").out == "a\nb\n1\n2\n");
}

TEST_CASE("syntax errors name the token and its column and run nothing") {
    struct Case {
        const char* line;
        const char* error;
    };
    const Case cases[] = {
        {"echo a | | echo b", "bash: column 10: syntax error near unexpected token `|'\n"},
        {"| grep x", "bash: column 1: syntax error near unexpected token `|'\n"},
        {"echo a;; echo b", "bash: column 7: syntax error near unexpected token `;;'\n"},
        {"echo 'abc", "bash: column 6: unexpected EOF while looking for matching `''\n"},
        {"echo \"abc", "bash: column 6: unexpected EOF while looking for matching `\"'\n"},
        {"echo a &&", "bash: column 10: syntax error: unexpected end of file\n"},
        {"for i in 1 2; do echo $i", "bash: column 25: syntax error: unexpected end of file\n"},
        {"for i in 1 2; echo $i; done", "bash: column 15: syntax error near unexpected token `echo'\n"},
        {"for i in 1; do done", "bash: column 16: syntax error near unexpected token `done'\n"},
        {"done", "bash: column 1: syntax error near unexpected token `done'\n"},
        {"for 1x in a; do echo; done", "bash: column 5: `1x': not a valid identifier\n"},
        {"echo $(echo a", "bash: column 6: unexpected EOF while looking for matching `)'\n"},
        {"echo $(echo |)", "bash: column 14: syntax error: unexpected end of file\n"},
        {"echo a > f", "bash: column 8: output redirections are not supported\n"},
        {"cat <", "bash: column 6: syntax error near unexpected token `newline'\n"},
        {"cat < | wc -l", "bash: column 7: syntax error near unexpected token `|'\n"},
        {"cat < < f", "bash: column 7: syntax error near unexpected token `<'\n"},
        {"cat <<EOF", "bash: column 5: here-documents are not supported\n"},
        {"cat <<< text", "bash: column 5: here-documents are not supported\n"},
        {"cat <&3", "bash: column 5: redirection `<&' is not supported\n"},
        {"cat 0<f", "bash: column 5: redirecting file descriptor 0 is not supported\n"},
        {"for i in 1; do cat; done < f", "bash: column 26: redirecting the input of a loop is not supported\n"},
        {"sleep 5 &", "bash: column 9: background jobs (`&') are not supported\n"},
        {"echo `date`", "bash: column 6: backquote command substitution is not supported; use $(...)\n"},
    };
    for (const Case& c : cases) {
        ShellFixture f;
        const std::string line = c.line;
        CAPTURE(line);
        auto r = f.run(std::string(c.line) + "; echo ran");
        // The appended command must not run either.
        CHECK(r.out == "");
        CHECK(r.status == 2);
        auto alone = f.run(c.line);
        CHECK(alone.err == c.error);
        CHECK(f.sim.now() == kns::SimTime::zero());
    }
}

TEST_CASE("the parser keeps a loop body and pipeline stages as separate commands") {
    auto s = kns::shell::parseScript("for i in 1 2; do a | b; c; done; d && e");
    REQUIRE(s.ok());
    REQUIRE(s->items.size() == 2);
    REQUIRE(s->items[0].pipelines[0].stages[0].loop);
    const auto& body = s->items[0].pipelines[0].stages[0].loop->body;
    CHECK(body.items.size() == 2);
    CHECK(body.items[0].pipelines[0].stages.size() == 2);
    CHECK(s->items[1].connectors.size() == 1);
}

TEST_CASE("`<' is a token of its own: the word after it is the command's input file, quoted or not, anywhere in the command") {
    auto s = kns::shell::parseScript("cat <'my dump' -n<f2 | < \"$d/x\" grep y");
    REQUIRE(s.ok());
    const auto& stages = s->items[0].pipelines[0].stages;
    REQUIRE(stages.size() == 2);
    REQUIRE(stages[0].words.size() == 2);
    CHECK(stages[0].words[0].plainText() == "cat");
    CHECK(stages[0].words[1].plainText() == "-n");
    REQUIRE(stages[0].inputs.size() == 2);
    CHECK(stages[0].inputs[0].file.plainText() == "my dump");
    CHECK(stages[0].inputs[0].file.parts[0].quoted);
    CHECK(stages[0].inputs[0].column == 5);
    CHECK(stages[0].inputs[1].file.plainText() == "f2");
    CHECK(stages[0].inputs[1].column == 18);
    REQUIRE(stages[1].inputs.size() == 1);
    CHECK(stages[1].inputs[0].file.plainText() == "$d/x");
    CHECK(stages[1].words.size() == 2);
    // A digit that is part of a longer word, or quoted, is an argument, as in sh.
    auto arg = kns::shell::parseScript("head -n2<f '0'<g");
    REQUIRE(arg.ok());
    CHECK(arg->items[0].pipelines[0].stages[0].words.size() == 3);
    CHECK(arg->items[0].pipelines[0].stages[0].inputs.size() == 2);
}
