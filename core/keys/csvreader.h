// RFC 4180 CSV: comma-separated, double-quoted fields with "" for a quote, line breaks allowed
// inside quotes, CRLF or LF. Each record remembers the line it starts on, for error messages.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace qw {

struct CsvRecord
{
    int line = 0; // 1-based line where the record starts
    QStringList fields;
};

class CsvReader final
{
public:
    // Blank lines are skipped. Fails on an unterminated quote or text after a closing quote.
    [[nodiscard]] static Result<std::vector<CsvRecord>> parse(QStringView text);
};

} // namespace qw
