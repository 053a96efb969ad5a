// The interactive line editor's keys, without a terminal.
#include <doctest/doctest.h>

#include "line_editor.hpp"

using kns::cli::Key;
using kns::cli::KeyDecoder;
using kns::cli::KeyEvent;
using kns::cli::LineEditor;

namespace {

std::vector<KeyEvent> decode(const std::string& bytes) {
    KeyDecoder d;
    std::vector<KeyEvent> keys;
    for (unsigned char b : bytes)
        if (auto k = d.feed(b)) keys.push_back(*k);
    return keys;
}

// Feeds the bytes to a fresh line (keeping history) and returns the last outcome.
LineEditor::Outcome type(LineEditor& e, const std::string& bytes, bool fresh = true) {
    if (fresh) e.begin();
    auto outcome = LineEditor::Outcome::Editing;
    for (const KeyEvent& k : decode(bytes)) outcome = e.apply(k);
    return outcome;
}

} // namespace

TEST_CASE("the key decoder reads arrows, home, end and delete in VT100 and xterm spellings") {
    auto keys = decode("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOH\x1bOF\x1b[1~\x1b[4~\x1b[3~");
    const Key expected[] = {Key::Up, Key::Down, Key::Right, Key::Left, Key::Home, Key::End, Key::Home, Key::End, Key::Home, Key::End, Key::Delete};
    REQUIRE(keys.size() == std::size(expected));
    for (std::size_t i = 0; i < keys.size(); ++i) CHECK(keys[i].key == expected[i]);
}

TEST_CASE("the key decoder keeps a UTF-8 character whole and maps control bytes") {
    auto keys = decode("a\xe3\x81\x82\x01\x05\x0b\x15\x03\x04\x7f\r");
    REQUIRE(keys.size() == 10);
    CHECK(keys[0].text == "a");
    CHECK(keys[1].text == "\xe3\x81\x82");
    CHECK(keys[2].key == Key::Home);
    CHECK(keys[3].key == Key::End);
    CHECK(keys[4].key == Key::KillToEnd);
    CHECK(keys[5].key == Key::KillToStart);
    CHECK(keys[6].key == Key::Interrupt);
    CHECK(keys[7].key == Key::EndOfInput);
    CHECK(keys[8].key == Key::Backspace);
    CHECK(keys[9].key == Key::Enter);
}

TEST_CASE("typing, moving and deleting edit the line at the cursor") {
    LineEditor e;
    type(e, "kubectl get pod");
    type(e, "\x1b[Ds", false);  // left, insert: "kubectl get pods" with the cursor before the last d
    CHECK(e.line() == "kubectl get posd");
    type(e, "\x01\x1b[3~K", false);  // home, delete, insert
    CHECK(e.line() == "Kubectl get posd");
    type(e, "\x05\x7f\x7f", false);  // end, two backspaces
    CHECK(e.line() == "Kubectl get po");
    CHECK(e.cursor() == e.line().size());
    CHECK(type(e, "\r", false) == LineEditor::Outcome::Accepted);
}

TEST_CASE("ctrl-k, ctrl-u and ctrl-w kill parts of the line") {
    LineEditor e;
    type(e, "kubectl get pods\x1b[D\x1b[D\x1b[D\x1b[D\x0b");
    CHECK(e.line() == "kubectl get ");
    type(e, "\x17", false);
    CHECK(e.line() == "kubectl ");
    type(e, "x\x1b[D\x15", false);
    CHECK(e.line() == "x");
    CHECK(e.cursor() == 0);
}

TEST_CASE("ctrl-d ends input on an empty line and deletes under the cursor otherwise") {
    LineEditor e;
    CHECK(type(e, "\x04") == LineEditor::Outcome::EndOfInput);
    CHECK(type(e, "ab\x01\x04") == LineEditor::Outcome::Editing);
    CHECK(e.line() == "b");
    CHECK(type(e, "abc\x03") == LineEditor::Outcome::Abandoned);
}

TEST_CASE("up and down walk the history and come back to the line being typed") {
    LineEditor e;
    e.remember("first");
    e.remember("second");
    e.remember("second");  // consecutive duplicates are kept once
    e.remember("  ");
    CHECK(e.history().size() == 2);
    type(e, "draft\x1b[A");
    CHECK(e.line() == "second");
    type(e, "\x1b[A\x1b[A", false);
    CHECK(e.line() == "first");
    type(e, "\x1b[B\x1b[B", false);
    CHECK(e.line() == "draft");
}

TEST_CASE("backspace and arrows move over whole UTF-8 characters and wide ones take two columns") {
    LineEditor e;
    type(e, "a\xe3\x81\x82" "b\x1b[D\x1b[D");
    CHECK(e.cursor() == 1);
    type(e, "\x1b[C\x7f", false);
    CHECK(e.line() == "ab");
    CHECK(LineEditor::displayWidth("a\xe3\x81\x82" "b") == 4);
    type(e, "x\x1b[D");
    CHECK(e.render("$ ") == "\r$ x\x1b[K\r\x1b[2C");
}
