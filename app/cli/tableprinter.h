// Plain-text tables for the terminal: columns padded to their widest cell, counting East Asian
// wide characters as two columns so Chinese names line up.
#pragma once

#include <QStringList>
#include <QTextStream>
#include <vector>

namespace qw::cli {

class TablePrinter final
{
public:
    explicit TablePrinter(QStringList headers)
        : m_headers(std::move(headers))
    {}

    void addRow(QStringList cells)
    {
        m_rows.push_back(std::move(cells));
        m_notes.emplace_back();
    }
    // A line printed indented under the last row, outside the columns (a reading's windows):
    // a long note does not widen every column.
    void addNote(QString line);
    void print(QTextStream &out) const;

    static int displayWidth(const QString &text);

private:
    QStringList m_headers;
    std::vector<QStringList> m_rows;
    std::vector<QStringList> m_notes; // one list per row
};

} // namespace qw::cli
