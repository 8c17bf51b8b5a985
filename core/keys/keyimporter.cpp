#include "core/keys/keyimporter.h"

#include "core/crypto/securewipe.h"
#include "core/keys/csvreader.h"
#include "core/keys/keyvalidator.h"

#include <QHash>
#include <QStringDecoder>

namespace qw {

namespace {

const QStringList kRequired{QStringLiteral("name"), QStringLiteral("platform"), QStringLiteral("secret")};
const QStringList kOptional{QStringLiteral("base_url"), QStringLiteral("threshold"),
                            QStringLiteral("interval"), QStringLiteral("options"),
                            QStringLiteral("allow_insecure")};

// The decoded file and its fields hold every secret in plain text: wipe them when done,
// whichever way parse() returns.
struct WipedText
{
    QString text;
    ~WipedText() { secureWipe(text); }
};

struct WipedRecords
{
    std::vector<CsvRecord> records;
    ~WipedRecords()
    {
        for (CsvRecord &record : records) {
            for (QString &value : record.fields)
                secureWipe(value);
        }
    }
};

} // namespace

Result<std::vector<PendingKey>> KeyImporter::parse(QByteArrayView csvUtf8) const
{
    auto rows = parseRows(csvUtf8);
    if (!rows)
        return tl::unexpected(rows.error());
    std::vector<PendingKey> keys;
    for (ImportRow &row : *rows) {
        if (!row.key)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: %2").arg(row.line).arg(row.problem));
        keys.push_back(std::move(*row.key));
    }
    return keys;
}

Result<std::vector<ImportRow>> KeyImporter::parseRows(QByteArrayView csvUtf8) const
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    WipedText content{decoder.decode(csvUtf8)};
    if (decoder.hasError())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the file is not UTF-8 text"));
    if (content.text.startsWith(QChar(0xFEFF))) // spreadsheet programs like to write a BOM
        content.text.remove(0, 1);

    auto parsed = CsvReader::parse(content.text);
    if (!parsed)
        return tl::unexpected(parsed.error());
    WipedRecords wiped{std::move(*parsed)};
    const std::vector<CsvRecord> *records = &wiped.records;
    if (records->empty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the file is empty; it needs a header row: name,platform,secret[,base_url,"
                                   "threshold,interval,options,allow_insecure]"));

    const CsvRecord &header = records->front();
    QHash<QString, qsizetype> column;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields[i].trimmed().toLower();
        if (!kRequired.contains(name) && !kOptional.contains(name))
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: unknown column “%2”; columns are %3")
                            .arg(header.line)
                            .arg(name, (kRequired + kOptional).join(QStringLiteral(", "))));
        if (column.contains(name))
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("line %1: column “%2” appears twice").arg(header.line).arg(name));
        column.insert(name, i);
    }
    for (const QString &required : kRequired) {
        if (!column.contains(required))
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("line %1: the header has no “%2” column").arg(header.line).arg(required));
    }

    std::vector<ImportRow> rows;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const CsvRecord &record = (*records)[r];
        ImportRow &row = rows.emplace_back();
        row.line = int(record.line);
        auto field = [&](const QString &name) {
            const qsizetype index = column.value(name, -1);
            return index >= 0 && index < record.fields.size() ? record.fields[index] : QString();
        };
        auto rowError = [&](const QString &message) { row.problem = message; };
        if (record.fields.size() > header.fields.size()) {
            rowError(QStringLiteral("%1 fields, but the header has %2")
                         .arg(record.fields.size())
                         .arg(header.fields.size()));
            continue;
        }

        // A row whose columns are out of order may put the secret where a platform or URL
        // belongs, and the validator quotes what it refuses: no value of the row long enough to
        // be a secret reaches a message; it is named by its column instead.
        auto scrubbedError = [&](QString message) {
            for (qsizetype i = 0; i < record.fields.size(); ++i) {
                const QString value = record.fields[i].trimmed();
                if (value.size() >= 8 && message.contains(value))
                    message.replace(value,
                                    QStringLiteral("(the %1 field)").arg(header.fields.value(i).trimmed()));
            }
            return rowError(message);
        };

        KeyDraft draft;
        draft.name = field(QStringLiteral("name"));
        draft.platform = field(QStringLiteral("platform"));
        draft.baseUrl = field(QStringLiteral("base_url"));
        draft.threshold = field(QStringLiteral("threshold"));
        draft.interval = field(QStringLiteral("interval"));
        for (const QString &pair : field(QStringLiteral("options")).split(u';', Qt::SkipEmptyParts))
            draft.options << pair;
        if (const QString insecure = field(QStringLiteral("allow_insecure")).trimmed().toLower();
            !insecure.isEmpty()) {
            if (insecure != QLatin1String("true") && insecure != QLatin1String("false")) {
                rowError(QStringLiteral("allow_insecure must be true, false or empty"));
                continue;
            }
            draft.allowInsecure = insecure == QLatin1String("true");
        }

        auto key = m_validator.validate(draft);
        if (!key) {
            scrubbedError(key.error().message);
            continue;
        }
        const QString secretField = field(QStringLiteral("secret")); // shares the record's buffer
        SecureBytes secret(QStringView(secretField).trimmed().toUtf8());
        if (auto problem = KeyValidator::checkSecret(secret.view())) {
            rowError(*problem);
            continue;
        }
        row.key = PendingKey{std::move(*key), std::move(secret)};
    }
    if (rows.empty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the file has a header but no keys"));
    return rows;
}

} // namespace qw
