#include <kubenetsim/kubectl/printers/tab_writer.hpp>

#include <cassert>

namespace kns::printers {

int runeCount(std::string_view text) {
    int n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;  // count every byte that does not continue a sequence
    return n;
}

TabWriter::TabWriter(int minWidth, int tabWidth, int padding, char padChar)
    : m_minWidth(minWidth), m_tabWidth(tabWidth), m_padding(padding), m_padChar(padChar) {
    reset();
}

void TabWriter::reset() {
    m_buf.clear();
    m_cell = Cell{};
    m_lines.assign(1, {});
    m_widths.clear();
}

void TabWriter::addText(std::string_view text) {
    m_buf.append(text);
    m_cell.size += text.size();
    m_cell.width += runeCount(text);
}

int TabWriter::terminateCell(bool htab) {
    m_cell.htab = htab;
    m_lines.back().push_back(m_cell);
    m_cell = Cell{};
    return static_cast<int>(m_lines.back().size());
}

void TabWriter::write(std::string_view text) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch != '\t' && ch != '\v' && ch != '\n' && ch != '\f') continue;
        addText(text.substr(start, i - start));
        start = i + 1;
        const int ncells = terminateCell(ch == '\t');
        if (ch == '\n' || ch == '\f') {
            m_lines.emplace_back();
            // A one-cell line cannot affect the columns of what follows: emit everything.
            if (ch == '\f' || ncells == 1) flushBuffered();
        }
    }
    addText(text.substr(start));
}

std::string TabWriter::flush() {
    if (m_cell.size > 0) terminateCell(false);
    flushBuffered();
    std::string out;
    out.swap(m_out);
    return out;
}

void TabWriter::flushBuffered() {
    format(0, 0, m_lines.size());
    reset();
}

// Go's tabwriter format(): finds the column block that starts at the current column depth,
// computes its width, and recurses for the columns to its right.
std::size_t TabWriter::format(std::size_t pos, std::size_t line0, std::size_t line1) {
    const std::size_t column = m_widths.size();
    for (std::size_t line = line0; line < line1; ++line) {
        if (column + 1 >= m_lines[line].size()) continue;  // no cell in this column here
        pos = writeLines(pos, line0, line);
        line0 = line;
        int width = m_minWidth;
        for (; line < line1; ++line) {
            const auto& cells = m_lines[line];
            if (column + 1 >= cells.size()) break;
            width = std::max(width, cells[column].width + m_padding);
        }
        m_widths.push_back(width);
        pos = format(pos, line0, line);
        m_widths.pop_back();
        line0 = line;
        if (line >= line1) break;
    }
    return writeLines(pos, line0, line1);
}

std::size_t TabWriter::writeLines(std::size_t pos, std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
        const auto& cells = m_lines[i];
        for (std::size_t j = 0; j < cells.size(); ++j) {
            const Cell& c = cells[j];
            if (c.size > 0) {
                m_out.append(m_buf, pos, c.size);
                pos += c.size;
            }
            if (j < m_widths.size()) writePadding(c.width, m_widths[j]);
        }
        if (i + 1 == m_lines.size()) {
            // The last buffered line has no newline yet: emit the pending cell's text only.
            m_out.append(m_buf, pos, m_cell.size);
            pos += m_cell.size;
        } else {
            m_out.push_back('\n');
        }
    }
    return pos;
}

void TabWriter::writePadding(int textWidth, int cellWidth) {
    if (m_padChar == '\t') {
        if (m_tabWidth == 0) return;
        cellWidth = (cellWidth + m_tabWidth - 1) / m_tabWidth * m_tabWidth;
        const int n = cellWidth - textWidth;
        assert(n >= 0);
        m_out.append(static_cast<std::size_t>((n + m_tabWidth - 1) / m_tabWidth), '\t');
        return;
    }
    m_out.append(static_cast<std::size_t>(cellWidth - textWidth), m_padChar);
}

std::string expandTabs(std::string_view text, int tabStop) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    int column = 0;
    for (char ch : text) {
        if (ch == '\t') {
            const int n = tabStop - column % tabStop;
            out.append(static_cast<std::size_t>(n), ' ');
            column += n;
        } else {
            out.push_back(ch);
            if (ch == '\n') column = 0;
            else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++column;
        }
    }
    return out;
}

} // namespace kns::printers
