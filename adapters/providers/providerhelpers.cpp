#include "adapters/providers/providerhelpers.h"

#include "adapters/replyparsing.h"

namespace qw {

HttpRequestSpec bearerGet(const AdapterContext &context, const QString &path)
{
    HttpRequestSpec request;
    request.path = path;
    request.headers.append(
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + context.secret.toByteArray()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return request;
}

HttpRequestSpec headerGet(const AdapterContext &context, const QString &path, const QByteArray &name)
{
    HttpRequestSpec request;
    request.path = path;
    request.headers.append({name, context.secret.toByteArray()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return request;
}

BalanceReading singleBalance(ReadingKind kind, Amount remaining, const QString &unit)
{
    BalanceReading reading;
    reading.kind = kind;
    reading.remaining = remaining;
    reading.unit = unit;
    reading.balances = {{remaining, unit}};
    return reading;
}

CheckOutcome spendAgainstBudget(Amount spend, std::optional<Amount> budget, const QString &unit)
{
    BalanceReading reading;
    reading.unit = unit;
    reading.used = spend;
    if (budget) {
        const auto remaining = reply::difference(*budget, spend);
        if (!remaining)
            return tl::unexpected(remaining.error());
        reading.kind = ReadingKind::KeyLimit;
        reading.limit = *budget;
        reading.remaining = *remaining;
        reading.balances = {{*reading.remaining, unit}};
    } else {
        reading.kind = ReadingKind::Spend;
    }
    return reading;
}

OptionSpec monthlyBudgetOption()
{
    return {QStringLiteral("monthly_budget"),
            QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Monthly budget")),
            OptionSpec::Type::Amount,
            {},
            QStringLiteral(QT_TRANSLATE_NOOP(
                "qw::Platforms",
                "Your own monthly budget; with it the remaining amount is budget minus this month's spend.")),
            false,
            {}};
}

std::optional<Amount> monthlyBudget(const AdapterContext &context)
{
    const QString text = context.option(QStringLiteral("monthly_budget"));
    return text.isEmpty() ? std::nullopt : Amount::parse(text);
}

QDateTime startOfMonth(const QDateTime &now)
{
    const QDate today = now.toUTC().date();
    return QDateTime(QDate(today.year(), today.month(), 1), QTime(0, 0), Qt::UTC);
}

QDateTime startOfNextMonth(const QDateTime &now)
{
    return startOfMonth(now).addMonths(1);
}

} // namespace qw
