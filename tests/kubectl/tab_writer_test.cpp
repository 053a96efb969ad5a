#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/tab_writer.hpp>

using namespace kns::printers;

namespace {
std::string run(TabWriter w, const std::string& text) {
    w.write(text);
    return w.flush();
}
} // namespace

TEST_CASE("tabwriter pads every column to minwidth or its widest cell plus padding") {
    // Go text/tabwriter test "1a": minwidth 8, tabwidth 0, padding 1, padchar '.'.
    CHECK(run(TabWriter(8, 0, 1, '.'), "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n") ==
          "a.......b.......c\naa......bbb.....cccc\naaa.....bbbb\n");
}

TEST_CASE("tabwriter ends a column block at a line with fewer cells") {
    // Go's elastic tabstops example (left-aligned): the b's and the d's are in different
    // columns because the third line has no cell in the second column.
    CHECK(run(TabWriter(0, 0, 1, '.'), "a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n") ==
          "a....b..c\naa...bb.cc\naaa..\naaaa.dddd.eeee\n");
}

TEST_CASE("tabwriter never pads the trailing cell of a line") {
    CHECK(run(TabWriter(10, 4, 3, ' '), "NAME\tAGE\nx\t5m\n") == "NAME      AGE\nx         5m\n");
}

TEST_CASE("tabwriter with tab padding rounds columns up to the tab width") {
    // Go's ExampleWriter_Init: minwidth 0, tabwidth 8, padding 0, padchar '\t'.
    CHECK(run(TabWriter(0, 8, 0, '\t'), "a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n") ==
          "a\tb\tc\td\t\t.\n123\t12345\t1234567\t123456789\t.\n\n");
}

TEST_CASE("tab-padded describe output expands to the seed's 24-column values") {
    TabWriter w = TabWriter::legacyDescribe();
    const std::string out = expandTabs(run(w, "Name:\trcsise-6nq3k\nSecurity Policy:\trestricted\nLabels:\ta=1\n\tb=2\n"));
    CHECK(out ==
          "Name:                   rcsise-6nq3k\n"
          "Security Policy:        restricted\n"
          "Labels:                 a=1\n"
          "                        b=2\n");
}

TEST_CASE("a line without tabs starts a fresh set of columns") {
    TabWriter w = TabWriter::modernDescribe();
    const std::string out = run(w, "Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicationController/rc\n");
    CHECK(out ==
          "Name:  x\n"
          "IPs:\n"
          "  IP:           10.0.0.1\n"
          "Controlled By:  ReplicationController/rc\n");
}

TEST_CASE("tabwriter counts code points, not bytes, for cell widths") {
    CHECK(run(TabWriter(0, 0, 1, ' '), "日本\tx\nab\ty\n") == "日本 x\nab y\n");
}

TEST_CASE("text after the last newline is emitted by flush") {
    CHECK(run(TabWriter(0, 8, 1, ' '), "a\tb\nNo events.") == "a b\nNo events.");
}

TEST_CASE("expandTabs moves to the next multiple of the tab stop on each line") {
    CHECK(expandTabs("ab\tc\n\td") == "ab      c\n        d");
    CHECK(expandTabs("12345678\tx", 8) == "12345678        x");
}
