#include "core/model/readingnames.h"

#include <array>
#include <utility>

namespace qw {

namespace {

// The fixed names; window_<N>h and window_<N>min are read apart because N is any number.
constexpr std::array kFixedLabels{
    std::pair{"window_daily", QT_TRANSLATE_NOOP("ReadingNames", "Daily window")},
    std::pair{"window_weekly", QT_TRANSLATE_NOOP("ReadingNames", "Weekly window")},
    std::pair{"window_monthly", QT_TRANSLATE_NOOP("ReadingNames", "Monthly window")},
    std::pair{"mcp_monthly", QT_TRANSLATE_NOOP("ReadingNames", "Monthly MCP quota")},
    std::pair{"gift", QT_TRANSLATE_NOOP("ReadingNames", "Gift balance")},
    std::pair{"paid", QT_TRANSLATE_NOOP("ReadingNames", "Paid balance")},
    std::pair{"credit_line", QT_TRANSLATE_NOOP("ReadingNames", "Credit line")},
    std::pair{"month_spend", QT_TRANSLATE_NOOP("ReadingNames", "This month's spend")},
    // LiteLLM: the key's own budget and that of the team or user it belongs to.
    std::pair{"key_budget", QT_TRANSLATE_NOOP("ReadingNames", "Key budget")},
    std::pair{"team_budget", QT_TRANSLATE_NOOP("ReadingNames", "Team budget")},
    std::pair{"user_budget", QT_TRANSLATE_NOOP("ReadingNames", "User budget")},
};

const char *const kHourWindow = QT_TRANSLATE_NOOP("ReadingNames", "%1-hour window");
const char *const kMinuteWindow = QT_TRANSLATE_NOOP("ReadingNames", "%1-minute window");
const char *const kSecondWindow = QT_TRANSLATE_NOOP("ReadingNames", "%1-second window");

// The N of window_<N><suffix>, when the name is exactly that with N a positive whole number.
std::optional<int> windowLength(const QString &name, QLatin1String suffix)
{
    const QLatin1String prefix("window_");
    if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.size() <= prefix.size() + suffix.size())
        return std::nullopt;
    const QStringView digits =
        QStringView(name).mid(prefix.size(), name.size() - prefix.size() - suffix.size());
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const int length = digits.toInt(&ok);
    if (!ok || length <= 0)
        return std::nullopt;
    return length;
}

using Translate = QString (*)(const char *);

QString labelOf(const QString &name, Translate translate)
{
    for (const auto &[fixed, label] : kFixedLabels) {
        if (name == QLatin1String(fixed))
            return translate(label);
    }
    // "min" before "h" cannot clash: no name ends in both.
    if (const auto minutes = windowLength(name, QLatin1String("min")))
        return translate(kMinuteWindow).arg(*minutes);
    if (const auto seconds = windowLength(name, QLatin1String("s")))
        return translate(kSecondWindow).arg(*seconds);
    if (const auto hours = windowLength(name, QLatin1String("h")))
        return translate(kHourWindow).arg(*hours);
    return name;
}

} // namespace

QString ReadingNames::detailLabel(const QString &name)
{
    return labelOf(name, [](const char *source) { return tr(source); });
}

QString ReadingNames::englishDetailLabel(const QString &name)
{
    return labelOf(name, [](const char *source) { return QString::fromUtf8(source); });
}

QString ReadingNames::unitName(const QString &unit)
{
    if (unit == QLatin1String("percent"))
        return QStringLiteral("%");
    if (unit == QLatin1String("characters"))
        return tr("characters");
    if (unit == QLatin1String("tokens"))
        return tr("tokens");
    if (unit == QLatin1String("credits"))
        return tr("credits");
    if (unit == QLatin1String("points"))
        return tr("points");
    if (unit == QLatin1String("requests"))
        return tr("requests");
    return unit;
}

QString ReadingNames::withUnit(const QString &number, const QString &unit)
{
    if (unit.isEmpty())
        return number;
    if (unit == QLatin1String("percent"))
        return number + u'%';
    return number + u' ' + unitName(unit);
}

QString ReadingNames::exactAmount(const Amount &value, const QString &unit)
{
    return withUnit(value.toString(), unit);
}

QString ReadingNames::detailFigures(const ReadingDetail &detail, const AmountFormat &format)
{
    const auto write = [&](const Amount &value) {
        return format ? format(value, detail.unit) : exactAmount(value, detail.unit);
    };
    // The limit is written as a bare number beside an amount with its unit ("61 of 200
    // requests"): the translation puts the unit where its language wants it.
    const auto withLimit = [&](const char *source, const Amount &value) {
        return tr(source).arg(format ? format(value, QString()) : value.toString(), write(*detail.limit));
    };
    QString figures;
    if (detail.remaining && detail.limit)
        figures = withLimit(QT_TRANSLATE_NOOP("ReadingNames", "%1 of %2 left"), *detail.remaining);
    else if (detail.remaining)
        figures = tr("%1 left").arg(write(*detail.remaining));
    else if (detail.used && detail.limit)
        figures = withLimit(QT_TRANSLATE_NOOP("ReadingNames", "%1 of %2 used"), *detail.used);
    else if (detail.used)
        figures = tr("%1 used").arg(write(*detail.used));
    else if (detail.limit)
        figures = tr("limit %1").arg(write(*detail.limit));
    else
        figures = tr("no figures");
    // Both when a provider gives both without a limit: the used part is not implied.
    if (detail.remaining && detail.used && !detail.limit)
        figures += tr(", %1 used").arg(write(*detail.used));
    if (detail.resetsAt.isValid())
        figures +=
            tr(", resets %1 UTC").arg(detail.resetsAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return figures;
}

QString ReadingNames::detailShort(const ReadingDetail &detail, const AmountFormat &format)
{
    const auto write = [&](const Amount &value) {
        return format ? format(value, detail.unit) : exactAmount(value, detail.unit);
    };
    QString figures;
    if (detail.remaining && detail.limit)
        figures = (format ? format(*detail.remaining, QString()) : detail.remaining->toString()) + u'/' +
                  write(*detail.limit);
    else if (detail.remaining)
        figures = write(*detail.remaining);
    else if (detail.used)
        figures = tr("%1 used").arg(write(*detail.used));
    else if (detail.limit)
        figures = tr("limit %1").arg(write(*detail.limit));
    const QString label = detailLabel(detail.name);
    return figures.isEmpty() ? label : label + u' ' + figures;
}

QString ReadingNames::detailLine(const ReadingDetail &detail, const AmountFormat &format)
{
    return tr("%1: %2").arg(detailLabel(detail.name), detailFigures(detail, format));
}

} // namespace qw
