#include "core/keys/csvreader.h"

namespace qw {

Result<std::vector<CsvRecord>> CsvReader::parse(QStringView text)
{
    std::vector<CsvRecord> records;
    CsvRecord current;
    QString field;
    int line = 1;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool recordHasContent = false;
    current.line = 1;

    auto endField = [&] {
        current.fields << field;
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        if (recordHasContent)
            records.push_back(std::move(current));
        current = CsvRecord{};
        recordHasContent = false;
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted)
                return fail(
                    ErrorCode::InvalidInput,
                    QStringLiteral("line %1: a quote in the middle of a field; quote the whole field and "
                                   "double the quotes inside it")
                        .arg(line));
            inQuotes = true;
            fieldWasQuoted = true;
            recordHasContent = true;
        } else if (c == u',') {
            endField();
            recordHasContent = true;
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            continue; // the \n that follows ends the record
        } else if (c == u'\n') {
            endRecord();
            ++line;
            current.line = line;
        } else {
            if (fieldWasQuoted)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("line %1: text after a closing quote").arg(line));
            field += c;
            if (!c.isSpace())
                recordHasContent = true;
        }
    }
    if (inQuotes)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("line %1: a quoted field is never closed").arg(current.line));
    endRecord();
    return records;
}

} // namespace qw
