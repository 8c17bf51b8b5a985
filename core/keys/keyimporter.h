// Reads keys from a CSV file with a header row: name, platform, secret, and optionally
// base_url, threshold, interval, options ("k=v;k=v"). Every row is validated before anything
// is returned: parse() reports the first bad row with its line number (the CLI imports all or
// nothing), parseRows() judges each row on its own (the desktop imports the good ones and lists
// the others).
#pragma once

#include "core/keys/pendingkey.h"
#include "core/result.h"

#include <QByteArrayView>
#include <QString>
#include <optional>
#include <vector>

namespace qw {

class KeyValidator;

// One data row of the file: its key, or why it cannot be imported (never quoting a value of the
// row that could be its secret).
struct ImportRow
{
    int line = 0;
    std::optional<PendingKey> key;
    QString problem;
};

class KeyImporter final
{
public:
    explicit KeyImporter(const KeyValidator &validator)
        : m_validator(validator)
    {}

    [[nodiscard]] Result<std::vector<PendingKey>> parse(QByteArrayView csvUtf8) const;
    // Fails only for the file as a whole (not UTF-8, no header, unknown columns, no rows).
    [[nodiscard]] Result<std::vector<ImportRow>> parseRows(QByteArrayView csvUtf8) const;

private:
    const KeyValidator &m_validator;
};

} // namespace qw
