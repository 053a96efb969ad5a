#pragma once
// A reimplementation of Go's text/tabwriter (the elastic tabstops kubectl aligns its tables and
// `describe` output with), so that kubenetsim's columns are the same width as a real kubectl's.
//
// Contract, as in Go:
//  - Text is split into cells by '\t' (or '\v'); a line ends at '\n' (or '\f').
//  - A cell is tab-terminated; the last cell of a line (the text before the newline) belongs to
//    no column and is never padded.
//  - A column is a block of consecutive lines that all have a cell in that column; its width is
//    max(minWidth, widest cell + padding). Lines with fewer cells end the block.
//  - A line holding a single cell (no tab at all) cannot influence later columns, so the writer
//    formats and emits everything buffered so far; '\f' forces the same.
//  - Padding with padChar ' ' writes spaces; with padChar '\t' (kubectl 1.5 `describe`) the
//    column width is rounded up to a multiple of tabWidth and filled with tabs, which a terminal
//    then expands at its tab stops (see expandTabs).
// Cell widths count UTF-8 code points, like Go's utf8.RuneCount. Go's escape (0xff) and HTML
// filtering and its alignment flags are not modelled: kubectl uses none of them.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kns::printers {

class TabWriter {
public:
    TabWriter(int minWidth, int tabWidth, int padding, char padChar);

    // The writers kubectl uses.
    static TabWriter legacyTable() { return TabWriter(10, 4, 3, ' '); }   // kubectl 1.5 `get`
    static TabWriter modernTable() { return TabWriter(6, 4, 3, ' '); }    // kubectl 1.30 `get`
    static TabWriter legacyDescribe() { return TabWriter(0, 8, 1, '\t'); } // kubectl 1.5 `describe`
    static TabWriter modernDescribe() { return TabWriter(0, 8, 2, ' '); }  // kubectl 1.30 `describe`

    void write(std::string_view text);
    // Formats whatever is still buffered and returns the whole output produced since the last
    // call; the writer is then empty and can be reused.
    std::string flush();

private:
    struct Cell {
        std::size_t size = 0;  // bytes
        int width = 0;         // code points
        bool htab = false;     // terminated by '\t' (as opposed to '\v' or end of line)
    };

    void addText(std::string_view text);
    int terminateCell(bool htab);
    void flushBuffered();
    std::size_t format(std::size_t pos, std::size_t line0, std::size_t line1);
    std::size_t writeLines(std::size_t pos, std::size_t line0, std::size_t line1);
    void writePadding(int textWidth, int cellWidth);
    void reset();

    int m_minWidth;
    int m_tabWidth;
    int m_padding;
    char m_padChar;

    std::string m_buf;  // text of the buffered cells, without the separators
    std::vector<std::vector<Cell>> m_lines;
    Cell m_cell;               // the cell being filled
    std::vector<int> m_widths; // widths of the columns being formatted (a stack)
    std::string m_out;
};

// Expands tabs to spaces at tab stops every `tabStop` columns, as a terminal shows them
// (columns counted in code points, restarting after each newline).
std::string expandTabs(std::string_view text, int tabStop = 8);

// Number of UTF-8 code points in text.
int runeCount(std::string_view text);

} // namespace kns::printers
