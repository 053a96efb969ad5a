#pragma once
// Splits one shell line into words and operators, resolving quotes and escapes as sh does.
// `$(...)` is parsed recursively here, so a syntax error inside it reports the column in the
// whole line. Constructs outside the supported subset (output redirections, here-documents,
// `&`, subshells, backquotes) are rejected with their column rather than misread; `<` (input
// from a file) is a token of its own, and the parser takes the word after it.
#include <string>
#include <vector>

#include <kubenetsim/shell/syntax.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::shell {

struct Token {
    enum class Type { Word, Semicolon, DoubleSemicolon, Newline, Pipe, And, Or, Less, End };
    Type type = Type::End;
    Word word;       // Type::Word
    int column = 0;  // 1-based; for End, one past the last character
    std::string spelling() const;  // as bash names it in "unexpected token `X'"
};

// columnBase is the column of text[0] in the line as typed (for nested $(...)).
Expected<std::vector<Token>> tokenize(const std::string& text, int columnBase = 1);

// "bash: column 7: syntax error near unexpected token `|'" is built from this Error.
Error syntaxError(int column, const std::string& message);

} // namespace kns::shell
