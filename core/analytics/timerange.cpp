#include "core/analytics/timerange.h"

#include <QRegularExpression>

namespace qw {

namespace {

const QRegularExpression &relativePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})([mhdw])$"));
    return pattern;
}

Error notATime(const QString &text)
{
    return Error{ErrorCode::InvalidInput,
                 QStringLiteral("“%1” is not a time range; write e.g. 7d, 2026-01-01..2026-02-01 or "
                                "2026-01-31T08:00:00Z..")
                     .arg(text)};
}

} // namespace

std::optional<QDateTime> TimeRange::parseTime(const QString &text, const QDateTime &now)
{
    const QString trimmed = text.trimmed();
    if (const auto match = relativePattern().match(trimmed); match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 7 * 86400;
        return now.addSecs(-count * seconds);
    }
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (date.isValid() && trimmed.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    QString iso = trimmed;
    iso.replace(u' ', u'T');
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    // Without a zone the time is taken as UTC, like everything QuotaWatch stores.
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

Result<TimeRange> TimeRange::parse(const QString &text, const QDateTime &now)
{
    const QString trimmed = text.trimmed();
    const qsizetype dots = trimmed.indexOf(QStringLiteral(".."));
    if (dots < 0) {
        // A lone time is a start only when it counts back from now ("7d"); a lone date is ambiguous.
        if (!relativePattern().match(trimmed).hasMatch())
            return tl::unexpected(notATime(text));
        return TimeRange{*parseTime(trimmed, now), {}};
    }
    const QString fromText = trimmed.left(dots).trimmed();
    const QString toText = trimmed.mid(dots + 2).trimmed();
    if (fromText.isEmpty() && toText.isEmpty())
        return tl::unexpected(notATime(text));
    TimeRange range;
    for (const auto &[part, target] : {std::pair{&fromText, &range.from}, std::pair{&toText, &range.to}}) {
        if (part->isEmpty())
            continue;
        const auto parsed = parseTime(*part, now);
        if (!parsed)
            return tl::unexpected(notATime(text));
        *target = *parsed;
    }
    if (range.from.isValid() && range.to.isValid() && range.to <= range.from)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the time range “%1” ends before it starts").arg(text));
    return range;
}

} // namespace qw
