#include "app/cli/tableprinter.h"

namespace qw::cli {

namespace {

bool isWide(char32_t c)
{
    // The main East Asian Wide and Fullwidth blocks; enough for CJK names and symbols.
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

void TablePrinter::addNote(QString line)
{
    if (m_notes.empty())
        return; // nothing to hang it under
    m_notes.back() << std::move(line);
}

int TablePrinter::displayWidth(const QString &text)
{
    int width = 0;
    for (const char32_t c : text.toUcs4())
        width += isWide(c) ? 2 : 1;
    return width;
}

void TablePrinter::print(QTextStream &out) const
{
    std::vector<int> widths;
    for (const QString &header : m_headers)
        widths.push_back(displayWidth(header));
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && std::size_t(i) < widths.size(); ++i)
            widths[std::size_t(i)] = std::max(widths[std::size_t(i)], displayWidth(row[i]));
    }
    auto printRow = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size() && std::size_t(i) < widths.size(); ++i) {
            line += cells[i];
            if (std::size_t(i) + 1 < widths.size())
                line += QString(widths[std::size_t(i)] - displayWidth(cells[i]) + 2, u' ');
        }
        out << line.trimmed() << '\n';
    };
    printRow(m_headers);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        printRow(m_rows[i]);
        for (const QString &note : m_notes[i])
            out << "  " << note << '\n';
    }
    out.flush();
}

} // namespace qw::cli
