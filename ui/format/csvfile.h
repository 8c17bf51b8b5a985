// A CSV export written whole or not at all: the header and one line per row, UTF-8, "\n" line
// ends, streamed through QSaveFile so a failed export never leaves half a file in place of an
// older one. The key list and the history exports both write through it.
#pragma once

#include "core/result.h"

#include <QString>
#include <functional>

namespace qw::ui {

class CsvFile final
{
public:
    // `line(i)` for each i in [0, rows), without its line break. The error is the file's own
    // reason (the caller names the file).
    [[nodiscard]] static Result<void> write(const QString &path, const QString &header, qsizetype rows,
                                            const std::function<QString(qsizetype)> &line);
};

} // namespace qw::ui
