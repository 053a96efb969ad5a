#pragma once
// The syntax tree of one shell line: the small subset of POSIX sh grammar that tutorials use.
//
//   list      := and_or { (';' | newline) and_or } [';']
//   and_or    := pipeline { ('&&' | '||') pipeline }
//   pipeline  := command { '|' command }
//   command   := simple_command | 'for' NAME 'in' word* (';' | newline) 'do' list 'done'
//   simple_command := { word | '<' word }   (at least one of either)
//
// Words keep their quoting so that expansion can follow sh rules: `$x` and `$(...)` split into
// fields only when unquoted; single quotes expand nothing. Columns are 1-based byte offsets in
// the line as typed, for error messages.
#include <memory>
#include <string>
#include <vector>

namespace kns::shell {

struct Script;

struct WordPart {
    enum class Kind { Literal, Variable, Substitution };
    Kind kind = Kind::Literal;
    std::string text;                // the literal text, or the variable's name
    bool quoted = false;             // inside '...' or "...", or escaped with a backslash
    std::shared_ptr<Script> script;  // Substitution: the parsed $(...)
};

struct Word {
    std::vector<WordPart> parts;
    int column = 0;
    // The word as a plain string when it has no expansions (for reserved words and names).
    bool isPlain() const;
    std::string plainText() const;
    // True for an unquoted word spelling exactly `text` (reserved words: for, in, do, done).
    bool isReserved(const char* text) const;
};

struct ForLoop;

// `< FILE`: the command reads FILE as its standard input instead of the pipe or the terminal.
struct InputRedirection {
    Word file;
    int column = 0;  // of the `<`
};

// One stage of a pipeline: a simple command (words and input redirections, which may stand
// anywhere among the words, as in sh) or a for loop.
struct Command {
    std::vector<Word> words;
    std::vector<InputRedirection> inputs;  // opened in order; the last one is the input
    std::shared_ptr<ForLoop> loop;
    int column = 0;
};

struct Pipeline {
    std::vector<Command> stages;
};

enum class Connector { Sequence, And, Or };

// A chain `p1 && p2 || p3`: connectors[i] joins pipelines[i] and pipelines[i + 1].
struct AndOr {
    std::vector<Pipeline> pipelines;
    std::vector<Connector> connectors;
};

struct Script {
    std::vector<AndOr> items;
};

struct ForLoop {
    std::string variable;
    std::vector<Word> items;
    Script body;
};

} // namespace kns::shell
