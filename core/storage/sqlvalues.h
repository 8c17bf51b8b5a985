// Conversions between model values and SQL column values shared by the repositories: times as
// UTC milliseconds, amounts as micro-units, absent values as typed NULLs.
#pragma once

#include "adapters/amount.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <optional>
#include <vector>

namespace qw::sql {

inline QVariant fromTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime toTime(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

inline QVariant fromAmount(const std::optional<Amount> &amount)
{
    return amount ? QVariant(amount->micros()) : QVariant(QMetaType::fromType<qint64>());
}

inline std::optional<Amount> toAmount(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return Amount::fromMicros(value.toLongLong());
}

// For NOT NULL text columns: an empty (never a null) string, which drivers would bind as NULL.
inline QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

inline QVariant fromText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// The first column of every remaining row, read as ids.
inline std::vector<qint64> ids(QSqlQuery &query)
{
    std::vector<qint64> ids;
    while (query.next())
        ids.push_back(query.value(0).toLongLong());
    return ids;
}

// "?, ?, ?" for `values`, to go inside an IN (...), and the values to bind to it. The list is
// padded with its last value to 4, 16, 64 or 256 entries (a repeat changes nothing in an IN), so
// that a statement kept prepared by its text (Database::runCached) serves every batch size
// instead of being parsed and planned again for each.
struct InList
{
    QString placeholders;
    QVariantList values;
};
inline InList inList(const std::vector<qint64> &values)
{
    InList list;
    if (values.empty())
        return list;
    std::size_t length = values.size();
    for (const std::size_t bucket : {4, 16, 64, 256}) {
        if (values.size() <= bucket) {
            length = bucket;
            break;
        }
    }
    list.values.reserve(qsizetype(length));
    for (std::size_t i = 0; i < length; ++i) {
        list.placeholders += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
        list.values << values[std::min(i, values.size() - 1)];
    }
    return list;
}

} // namespace qw::sql
